package dev.fsview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.NullPointerTester;

import dev.fsview.spi.dispatch.ReusingCarrier;
import dev.fsview.spi.dispatch.TaskDispatcher;
import dev.fsview.spi.errno.Errno;
import dev.fsview.spi.errno.NioExceptions;
import dev.fsview.spi.nio.ViewPath;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Every public method and constructor of every public type of fsview-api (the API and the SPI,
 * nested types included) rejects a {@code null} argument with a {@link NullPointerException}
 * before it changes anything. The types are found on the class path, so a new public type is
 * checked without being named here; one whose instance methods take references must have an
 * instance below ({@link #INSTANCES}), or the coverage test fails.
 */
class PublicApiNullsTest {

    /** A public type with public instance methods that take references, and how to get one. */
    private static final Map<Class<?>, Callable<Object>> INSTANCES = new LinkedHashMap<>();

    static {
        INSTANCES.put(
                ViewSpec.class,
                () -> ViewSpec.builder("/r")
                        .mount(MountSpec.tmpfs("/t").build())
                        .build());
        INSTANCES.put(ViewSpec.Builder.class, () -> ViewSpec.builder("/r"));
        INSTANCES.put(MountSpec.BindBuilder.class, () -> MountSpec.bind("/s", "/d"));
        INSTANCES.put(MountSpec.TmpfsBuilder.class, () -> MountSpec.tmpfs("/t"));
        INSTANCES.put(MountSpec.class, () -> MountSpec.bind("/s", "/d").build());
        INSTANCES.put(PathStat.class, () -> new PathStat("f", 1, 0100644, Instant.EPOCH, ""));
        INSTANCES.put(MountEntry.class, PublicApiNullsTest::mountEntry);
        INSTANCES.put(ViewOpenOption.class, () -> ViewOpenOption.REGULAR_FILE);
        INSTANCES.put(Availability.class, () -> Availability.available(Set.of("x")));
        INSTANCES.put(
                dev.fsview.spi.nio.ViewOpenChecks.class,
                () -> dev.fsview.spi.nio.ViewOpenChecks.of(Set.of(ViewOpenOption.REGULAR_FILE)));
        INSTANCES.put(
                TaskDispatcher.class,
                () -> new TaskDispatcher("test view", HandOverStrategy.PARK, t -> {}));
        INSTANCES.put(
                ReusingCarrier.class, () -> new ReusingCarrier("spare-", 0, () -> true, () -> {}));
    }

    private static Object mountEntry() {
        return MountEntry.parseMountinfo(
                "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw");
    }

    /**
     * Types whose instance methods are checked in their own package's test, where a fixture
     * exists: {@code ViewPathTest} (ViewPath, over its path-only view file system).
     */
    private static final Set<Class<?>> CHECKED_IN_THEIR_PACKAGE = Set.of(ViewPath.class);

    /**
     * The members that accept a documented {@code null} in one parameter, which the tester skips
     * (it cannot skip one parameter): a missing cause, as {@link Throwable} allows, and the JDK's
     * missing file or other path of a {@link java.nio.file.FileSystemException}. Their other
     * parameters are checked in {@link #documentedNullsAreAcceptedAndTheOthersRejected()}.
     */
    private static NullPointerTester ignoringDocumentedNulls(NullPointerTester tester)
            throws NoSuchMethodException {
        return tester.ignore(FsViewException.class.getConstructor(String.class, Throwable.class))
                .ignore(MountStepException.class.getConstructor(
                        SetupStep.class,
                        String.class,
                        int.class,
                        String.class,
                        String.class,
                        String.class,
                        Throwable.class))
                .ignore(NioExceptions.class.getMethod(
                        "of", Errno.class, String.class, String.class))
                .ignore(NioExceptions.class.getMethod(
                        "forAttributeRead", Errno.class, String.class))
                .ignore(NioExceptions.class.getMethod("forDelete", Errno.class, String.class))
                .ignore(NioExceptions.class.getMethod(
                        "forDirectoryStream", Errno.class, String.class))
                .ignore(NioExceptions.class.getMethod("forReadLink", Errno.class, String.class))
                .ignore(NioExceptions.class.getMethod(
                        "forOpen", Errno.class, String.class, boolean.class));
    }

    private static NullPointerTester tester() throws Exception {
        return ignoringDocumentedNulls(new NullPointerTester())
                .setDefault(String.class, "/x")
                .setDefault(Path.class, Path.of("/x"))
                .setDefault(Duration.class, Duration.ofSeconds(1))
                .setDefault(MountSpec.class, MountSpec.tmpfs("/t").build())
                .setDefault(ViewSpec.class, ViewSpec.builder("/r").build())
                .setDefault(HandOverStrategy.class, HandOverStrategy.PARK)
                .setDefault(SetupStep.class, SetupStep.values()[0])
                .setDefault(Instant.class, Instant.EPOCH)
                .setDefault(FileSystem.class, FileSystems.getDefault())
                .setDefault(
                        TaskDispatcher.class,
                        new TaskDispatcher("test view", HandOverStrategy.PARK, t -> {}));
    }

    /**
     * The public types of fsview-api, nested ones included, read from where {@link FsView} was
     * loaded: the module's classes directory or its jar.
     */
    static List<Class<?>> publicTypes() throws IOException, ClassNotFoundException {
        URI where;
        try {
            where = FsView.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Path root = Paths.get(where);
        Set<String> names = new TreeSet<>();
        if (Files.isDirectory(root)) {
            collect(root, names);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(root, (ClassLoader) null)) {
                collect(jar.getPath("/"), names);
            }
        }
        List<Class<?>> types = new ArrayList<>();
        for (String name : names) {
            Class<?> type = Class.forName(name, false, FsView.class.getClassLoader());
            if (isPublicApi(type)) {
                types.add(type);
            }
        }
        return types;
    }

    private static void collect(Path root, Set<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.map(p -> root.relativize(p).toString())
                    .filter(n -> n.endsWith(".class")
                            && n.startsWith("dev/fsview/")
                            && !n.endsWith("package-info.class")
                            && !n.equals("module-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .forEach(names::add);
        }
    }

    /** Public, and every enclosing type public too: what a user of the jar can name. */
    private static boolean isPublicApi(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    static Stream<Class<?>> types() throws Exception {
        return publicTypes().stream();
    }

    @Test
    void theTypesAreFound() throws Exception {
        assertThat(publicTypes())
                .contains(
                        FsView.class,
                        ViewSpec.Builder.class,
                        MountSpec.TmpfsBuilder.class,
                        dev.fsview.spi.FsViewProvider.class,
                        dev.fsview.spi.nio.ViewPath.class,
                        dev.fsview.spi.errno.Errno.class)
                .doesNotContain(SpecPaths.class);
    }

    @ParameterizedTest
    @MethodSource("types")
    void staticMethodsAndConstructorsRejectNull(Class<?> type) throws Exception {
        tester().testAllPublicStaticMethods(type);
        if (!Modifier.isAbstract(type.getModifiers())) {
            tester().testAllPublicConstructors(type);
        }
    }

    @ParameterizedTest
    @MethodSource("instances")
    void instanceMethodsRejectNull(Class<?> type, Callable<Object> instance) throws Exception {
        tester().testAllPublicInstanceMethods(instance.call());
    }

    static Stream<Object[]> instances() {
        List<Object[]> all = new ArrayList<>();
        for (Entry<Class<?>, Callable<Object>> e : INSTANCES.entrySet()) {
            all.add(new Object[] {e.getKey(), e.getValue()});
        }
        return all.stream();
    }

    /**
     * Every concrete public type with a public instance method that takes a reference (other than
     * {@code equals}) has an instance in {@link #INSTANCES}; enum constants are checked too.
     * Interfaces and abstract classes are checked through their implementations: their backends'
     * own tests, and {@code AbstractFsViewTest}/{@code ViewPathTest} here.
     */
    @Test
    void everyTypeWithReferenceParametersHasAnInstance() throws Exception {
        List<String> missing = new ArrayList<>();
        for (Class<?> type : publicTypes()) {
            if (type.isInterface()
                    || Modifier.isAbstract(type.getModifiers())
                    || type.isEnum()
                    || INSTANCES.containsKey(type)
                    || CHECKED_IN_THEIR_PACKAGE.contains(type)
                    || Throwable.class.isAssignableFrom(type)) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers())
                        && !Modifier.isStatic(m.getModifiers())
                        && !m.isSynthetic()
                        && !m.getName().equals("equals")
                        && Stream.of(m.getParameterTypes()).anyMatch(p -> !p.isPrimitive())) {
                    missing.add(type.getName() + "." + m.getName());
                }
            }
        }
        assertThat(missing)
                .as("public instance methods taking references, of types without an"
                        + " instance in PublicApiNullsTest.INSTANCES")
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("enumConstants")
    void enumConstantsRejectNull(Enum<?> constant) throws Exception {
        tester().testAllPublicInstanceMethods(constant);
    }

    static Stream<Enum<?>> enumConstants() throws Exception {
        List<Enum<?>> all = new ArrayList<>();
        for (Class<?> type : publicTypes()) {
            if (type.isEnum()) {
                for (Object c : type.getEnumConstants()) {
                    all.add((Enum<?>) c);
                }
            }
        }
        return all.stream();
    }

    @Test
    void documentedNullsAreAcceptedAndTheOthersRejected() throws Exception {
        IOException cause = new IOException("cause");
        assertThat(new FsViewException("m", null)).hasNoCause();
        assertThatThrownBy(() -> new FsViewException(null, cause))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("message");
        assertThat(new MountStepException(SetupStep.values()[0], "", 0, "", "/", "", null))
                .hasNoCause();
        assertThatThrownBy(() -> new MountStepException(null, "", 0, "", "/", "", cause))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("step");
        for (int i = 1; i <= 4; i++) {
            String[] words = {"mount", "EIO", "/", "why"};
            words[i - 1] = null;
            assertThatThrownBy(() -> new MountStepException(
                            SetupStep.values()[0],
                            words[0],
                            0,
                            words[1],
                            words[2],
                            words[3],
                            cause))
                    .isInstanceOf(NullPointerException.class);
        }
        for (Method m : NioExceptions.class.getMethods()) {
            if (!Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Object[] noPaths = new Object[m.getParameterCount()];
            noPaths[0] = Errno.ENOENT;
            Object[] noErrno = new Object[m.getParameterCount()];
            java.util.Arrays.fill(noErrno, "/a");
            noErrno[0] = null;
            if (m.getParameterTypes()[m.getParameterCount() - 1] == boolean.class) {
                noPaths[m.getParameterCount() - 1] = false;
                noErrno[m.getParameterCount() - 1] = false;
            }
            assertThat(m.invoke(null, noPaths))
                    .as("NioExceptions.%s takes null paths, as the JDK does", m.getName())
                    .isNotNull();
            assertThatThrownBy(() -> m.invoke(null, noErrno))
                    .as(m.getName())
                    .hasRootCauseInstanceOf(NullPointerException.class)
                    .hasRootCauseMessage("errno");
        }
    }
}
