package dev.fsview.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.testkit.host.NssModules;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * What the JVM loads lazily inside a task never comes from the container. A task runs with the
 * container as its root, so every path the JDK or glibc looks up for the first time there is the
 * container's: a {@code .class} or a {@code META-INF/services} file planted at the container-side
 * path of a class-path directory, a jar planted at the path of a class-path jar, a glibc NSS module
 * planted in the container's {@code /lib}. None of them may be defined, read or loaded.
 *
 * <p>Applies to backends whose tasks see the container through plain {@code java.io}
 * ({@link dev.fsview.testkit.Backend#plainIoInTasksSeesTheContainer()}); for the others (the
 * in-memory fake, whose tasks keep the host's root) it is reported disabled, with that reason:
 * the JVM never reads their container when it loads classes, so there is nothing to check.
 */
@ExtendWith(ClassPathContract.OnlyWhereTasksSeeTheContainer.class)
public abstract class ClassPathContract extends ViewContract {
    private static final String PLANTED_CLASS = "fsviewplanted.PlantedInTheContainer";
    private static final String PLANTED_RESOURCE = "fsview-planted-in-the-container.txt";
    private static final int UNKNOWN_ID = 54_323;

    @TempDir
    Path work;

    /** A service the tests plant a provider file for. */
    public interface PlantedService {}

    /** A host class a planted services file names; it must never be instantiated in a task. */
    public static final class HostProvider implements PlantedService {
        /** For ServiceLoader. */
        public HostProvider() {}
    }

    @Test
    void aClassPlantedAtTheContainerSidePathOfAClassPathDirectoryIsNeverDefined()
            throws IOException {
        String root = dir("root");
        for (String d : classPathDirectories()) {
            host.mkdirs(root + d + "/fsviewplanted");
            host.write(
                    root + d + "/fsviewplanted/PlantedInTheContainer.class",
                    classFile(PLANTED_CLASS.replace('.', '/')));
        }
        try (FsView view = open(root)) {
            List<String> seen = view.call(ctx -> {
                List<String> out = new ArrayList<>();
                out.add(tryLoad(() -> Class.forName(PLANTED_CLASS)));
                out.add(tryLoad(() ->
                        Class.forName(PLANTED_CLASS, false, ClassLoader.getSystemClassLoader())));
                out.add(tryLoad(() ->
                        Thread.currentThread().getContextClassLoader().loadClass(PLANTED_CLASS)));
                return out;
            });
            assertThat(seen)
                    .as("lookups of a class planted at a class-path directory's path")
                    .containsOnly("not found");
        }
    }

    @Test
    void aResourcePlantedAtTheContainerSidePathOfAClassPathDirectoryIsNeverRead()
            throws IOException {
        String root = dir("root");
        for (String d : classPathDirectories()) {
            host.mkdirs(root + d);
            host.write(root + d + "/" + PLANTED_RESOURCE, "planted");
        }
        try (FsView view = open(root)) {
            List<String> seen = view.call(ctx -> {
                List<String> out = new ArrayList<>();
                out.add(String.valueOf(ClassLoader.getSystemResource(PLANTED_RESOURCE)));
                out.add(String.valueOf(ClassLoader.getSystemClassLoader()
                        .getResources(PLANTED_RESOURCE)
                        .hasMoreElements()));
                try (InputStream in =
                        ClassPathContract.class.getResourceAsStream("/" + PLANTED_RESOURCE)) {
                    out.add(in == null ? "null" : "read");
                }
                return out;
            });
            assertThat(seen)
                    .as("lookups of a resource planted at a class-path directory's path")
                    .containsExactly("null", "false", "null");
        }
    }

    @Test
    void aServicesFilePlantedAtTheContainerSidePathOfAClassPathDirectoryIsNeverUsed()
            throws IOException {
        String root = dir("root");
        String services = "/META-INF/services/" + PlantedService.class.getName();
        for (String d : classPathDirectories()) {
            host.mkdirs(root + d + "/META-INF/services");
            host.write(root + d + services, HostProvider.class.getName() + "\n");
        }
        try (FsView view = open(root)) {
            List<String> seen = view.call(ctx -> List.of(
                    providers(ServiceLoader.load(PlantedService.class)),
                    providers(ServiceLoader.load(
                            PlantedService.class, ClassLoader.getSystemClassLoader()))));
            assertThat(seen)
                    .as("providers found through a planted services file")
                    .containsOnly("[]");
        }
    }

    @Test
    void aJarPlantedAtTheContainerSidePathOfAClassPathJarIsNeverReadByServiceLoader()
            throws Exception {
        Object[] found = jarWithAService();
        Assumptions.assumeTrue(found != null, "no jar of the class path declares a service");
        String jar = (String) found[0];
        Class<?> service = (Class<?>) found[1];
        String expected = providers(ServiceLoader.load(service));
        String root = dir("root");
        host.mkdirs(parent(root + jar));
        host.write(root + jar, jarDeclaring(service.getName(), PLANTED_CLASS));
        try (FsView view = open(root)) {
            String seen = view.call(ctx ->
                    providers(ServiceLoader.load(service, ClassLoader.getSystemClassLoader())));
            assertThat(seen)
                    .as("providers of %s with a jar planted at %s", service, jar)
                    .isEqualTo(expected);
        }
    }

    @Test
    void anOwnerLookupInATaskNeverLoadsAnNssModuleFromTheContainer() throws IOException {
        String marker = work.resolve("nss-module-loaded-in-a-task").toString();
        byte[] module = NssModules.build(work, marker);
        String root = dir("root");
        Set<Object> planted = new HashSet<>();
        for (String p : NssModules.plantEverywhere(host, root, module)) {
            planted.add(Files.getAttribute(Path.of(p), "unix:ino"));
        }
        host.write(root + "/owned", "x");
        host.mkdirs(parent(root + marker));
        try (FsView view = open(root)) {
            List<String> seen = view.call(ctx -> {
                Path owned = Path.of("/owned");
                Files.setAttribute(owned, "unix:uid", UNKNOWN_ID);
                Files.setAttribute(owned, "unix:gid", UNKNOWN_ID);
                List<String> out = new ArrayList<>();
                out.add(Files.getOwner(owned).getName());
                out.add(String.valueOf(
                        Files.readAttributes(owned, "posix:group").get("group")));
                try {
                    owned.getFileSystem()
                            .getUserPrincipalLookupService()
                            .lookupPrincipalByName("fsview-no-such-user-" + UNKNOWN_ID);
                    out.add("found");
                } catch (UserPrincipalNotFoundException expected) {
                    out.add("not found");
                }
                return out;
            });
            assertThat(seen)
                    .containsExactly(
                            String.valueOf(UNKNOWN_ID), String.valueOf(UNKNOWN_ID), "not found");
        }
        assertThat(Path.of(marker))
                .as("marker of the planted module, on the host")
                .doesNotExist();
        assertThat(host.exists(root + marker))
                .as("marker of the planted module, in the container")
                .isFalse();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            String[] f = line.trim().split("\\s+");
            assertThat(f.length > 5
                            && (planted.contains(Long.valueOf(f[4])) && f[5].contains("libnss_")
                                    || f[5].startsWith(root + "/")))
                    .as("a file of the container mapped into the JVM: %s", line)
                    .isFalse();
        }
    }

    // ---- what tasks do (JDK classes and this class only: loaded before the view opens) ----

    /** A lookup that may throw. */
    @FunctionalInterface
    interface Lookup {
        Class<?> get() throws ClassNotFoundException;
    }

    private static String tryLoad(Lookup lookup) {
        try {
            Class<?> c = lookup.get();
            return "defined by " + c.getClassLoader();
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return "not found";
        }
    }

    private static String providers(ServiceLoader<?> loader) {
        Set<String> names = new TreeSet<>();
        try {
            loader.stream().forEach(p -> names.add(p.type().getName()));
        } catch (ServiceConfigurationError e) {
            names.add("error: " + e.getMessage());
        }
        return names.toString();
    }

    // ---- fixtures, on the host ----

    /** The directories of the class path: where a planted file would be looked up. */
    private static List<String> classPathDirectories() {
        List<String> dirs = new ArrayList<>();
        for (String p : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!p.isEmpty() && new File(p).isDirectory()) {
                dirs.add(new File(p).getAbsolutePath());
            }
        }
        Assumptions.assumeFalse(dirs.isEmpty(), "the class path has no directory");
        return dirs;
    }

    /** A jar of the class path with a {@code META-INF/services} file whose service loads. */
    private static Object[] jarWithAService() throws IOException {
        Enumeration<URL> manifests =
                ClassLoader.getSystemClassLoader().getResources("META-INF/MANIFEST.MF");
        Set<String> jars = new TreeSet<>();
        while (manifests.hasMoreElements()) {
            String u = manifests.nextElement().toString();
            if (u.startsWith("jar:file:") && u.contains("!/")) {
                jars.add(u.substring("jar:file:".length(), u.indexOf("!/")));
            }
        }
        for (String jar : jars) {
            try (JarFile f = new JarFile(jar)) {
                for (Enumeration<JarEntry> e = f.entries(); e.hasMoreElements(); ) {
                    String n = e.nextElement().getName();
                    if (n.startsWith("META-INF/services/") && n.length() > 18) {
                        try {
                            return new Object[] {jar, Class.forName(n.substring(18))};
                        } catch (ClassNotFoundException | LinkageError notLoadable) {
                            // try the next one
                        }
                    }
                }
            }
        }
        return null;
    }

    private static byte[] jarDeclaring(String service, String provider) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + service));
            out.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The smallest valid class file: {@code public class <name> extends Object {}}. */
    static byte[] classFile(String internalName) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(52);
            out.writeShort(5);
            out.writeByte(7);
            out.writeShort(2);
            out.writeByte(1);
            out.writeUTF(internalName);
            out.writeByte(7);
            out.writeShort(4);
            out.writeByte(1);
            out.writeUTF("java/lang/Object");
            out.writeShort(0x21);
            out.writeShort(1);
            out.writeShort(3);
            out.writeShort(0);
            out.writeShort(0);
            out.writeShort(0);
            out.writeShort(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Disables the contract, with the reason, for backends whose tasks keep the host's root. */
    static final class OnlyWhereTasksSeeTheContainer implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getTestInstance()
                    .filter(ClassPathContract.class::isInstance)
                    .map(i -> ((ClassPathContract) i).backend())
                    .filter(b -> !b.plainIoInTasksSeesTheContainer())
                    .map(b -> ConditionEvaluationResult.disabled("inapplicable to backend '"
                            + b.name() + "': its tasks keep the host's root, so the JVM never "
                            + "reads the container when it loads classes, resources or NSS "
                            + "modules"))
                    .orElse(ConditionEvaluationResult.enabled("tasks see the container"));
        }
    }
}
