package dev.fsview.spi.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.NullPointerTester;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A view path answers every path question exactly as the JDK's own Unix path does: each case is
 * asked of both and the answers compared.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ViewPathTest {
    private static final PathOnlyFileSystem VIEW = new PathOnlyFileSystem();
    private static final FileSystem HOST = FileSystems.getDefault();

    private static final List<String> PATHS = List.of(
            "",
            "/",
            "a",
            "/a",
            "a/b",
            "/a/b/c",
            "a//b/",
            "//a///b//",
            ".",
            "..",
            "/..",
            "/../a",
            "a/./b/../c",
            "../../x",
            "./a",
            "/a/b/..",
            "a/..",
            "x/y/z/w",
            "/a/b/c/d/e",
            "név/ünïcode",
            "a b/c");

    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (String a : PATHS) {
            for (String b : PATHS) {
                out.add(Arguments.of(a, b));
            }
        }
        return out.stream();
    }

    private static String ask(FileSystem fs, String p, Function<Path, Object> question) {
        try {
            Object answer = question.apply(fs.getPath(p));
            return String.valueOf(answer);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static void same(String p, Function<Path, Object> question) {
        assertThat(ask(VIEW, p, question)).as("for '%s'", p).isEqualTo(ask(HOST, p, question));
    }

    /** What a path says about its names. */
    private static String names(Path p) {
        List<String> names = new ArrayList<>();
        p.forEach(n -> names.add(n.toString()));
        return names + " count " + p.getNameCount() + " file " + p.getFileName() + " parent "
                + p.getParent();
    }

    @Test
    void singlePathQuestionsAgreeWithTheJdk() {
        for (String p : PATHS) {
            same(p, Path::toString);
            same(p, Path::isAbsolute);
            same(p, Path::getRoot);
            same(p, Path::getFileName);
            same(p, Path::getParent);
            same(p, Path::getNameCount);
            same(p, Path::normalize);
            same(p, x -> x.getName(0));
            same(p, x -> x.getName(1));
            same(p, x -> x.subpath(0, Math.max(1, x.getNameCount() - 1)));
            same(p, x -> x.subpath(1, x.getNameCount()));
            same(p, x -> x.resolveSibling("s"));
            same(p, x -> {
                List<String> names = new ArrayList<>();
                x.forEach(n -> names.add(n.toString()));
                return names;
            });
        }
    }

    @ParameterizedTest(name = "''{0}'' and ''{1}''")
    @MethodSource("pairs")
    void twoPathQuestionsAgreeWithTheJdk(String a, String b) {
        same(a, x -> x.resolve(x.getFileSystem().getPath(b)));
        same(a, x -> names(x.resolve(x.getFileSystem().getPath(b)))); // resolve joins names
        same(a, x -> x.startsWith(x.getFileSystem().getPath(b)));
        same(a, x -> x.endsWith(x.getFileSystem().getPath(b)));
        same(a, x -> Integer.signum(x.compareTo(x.getFileSystem().getPath(b))));
        same(a, x -> x.equals(x.getFileSystem().getPath(b)));
        if (!a.contains("..")
                && !b.contains("..")
                && !a.contains("/.")
                && !b.contains("/.")
                && !a.equals(".")
                && !b.equals(".")
                && !a.startsWith("./")
                && !b.startsWith("./")) {
            // The JDK gives odd answers for relativize with "." and ".." (JDK-8066943 and
            // friends); paths without them must agree exactly.
            same(a, x -> x.relativize(x.getFileSystem().getPath(b)));
        }
    }

    @Test
    void joinsPartsAsTheJdkDoes() {
        assertThat(VIEW.getPath("a", "", "b", "/c/").toString())
                .isEqualTo(HOST.getPath("a", "", "b", "/c/").toString());
        assertThat(VIEW.getPath("", "x").toString())
                .isEqualTo(HOST.getPath("", "x").toString());
    }

    @Test
    void refusesNulAsTheJdkDoes() {
        assertThatThrownBy(() -> VIEW.getPath("/etc\0/passwd"))
                .isInstanceOf(InvalidPathException.class)
                .hasMessage("Nul character not allowed: /etc\0/passwd");
    }

    @Test
    void makesRelativePathsAbsoluteAgainstTheViewsWorkingDirectory() {
        VIEW.cwd = "/srv";
        assertThat(VIEW.getPath("a/b").toAbsolutePath()).hasToString("/srv/a/b");
        assertThat(VIEW.getPath("").toAbsolutePath()).hasToString("/srv");
        VIEW.cwd = "/";
        assertThat(VIEW.getPath("a").toAbsolutePath()).hasToString("/a");
        assertThat(VIEW.getPath("/x").toAbsolutePath()).hasToString("/x");
    }

    @Test
    void hasOneRootAndUnixSeparators() {
        assertThat(VIEW.getRootDirectories()).containsExactly(VIEW.getPath("/"));
        assertThat(VIEW.getSeparator()).isEqualTo("/");
        assertThat(VIEW.getPath("/a").toUri()).hasToString("fsview-test://view/a");
    }

    @Test
    void refusesPathsOfOtherFileSystems() {
        Path view = VIEW.getPath("/a");
        assertThatThrownBy(() -> view.resolve(Path.of("b")))
                .isInstanceOf(ProviderMismatchException.class);
        assertThat(view.startsWith(Path.of("/a"))).isFalse();
        assertThat(view).isNotEqualTo(Path.of("/a"));
        assertThat(view.equals(new PathOnlyFileSystem().getPath("/a"))).isFalse();
    }

    @Test
    void anEntryPathIsTheResolvedPathCarryingItsListingOnly() {
        Object listing = new Object();
        for (String dir : new String[] {"/", "/a/b", "a", ""}) {
            ViewPath d = (ViewPath) VIEW.getPath(dir);
            ViewPath e = d.resolveEntry("x y", listing);
            assertThat(e).isEqualTo(d.resolve("x y")).hasSameHashCodeAs(d.resolve("x y"));
            assertThat(e.toString()).isEqualTo(d.resolve("x y").toString());
            assertThat(e.getNameCount()).isEqualTo(d.resolve("x y").getNameCount());
            assertThat(e.listing()).isSameAs(listing);
            assertThat(((ViewPath) e.getParent() == null ? d : (ViewPath) e.getParent()).listing())
                    .isNull();
            assertThat(((ViewPath) d.resolve("x y")).listing()).isNull();
        }
        for (String bad : new String[] {"", ".", "..", "a/b", "a\0b"}) {
            assertThatThrownBy(() -> ((ViewPath) VIEW.getPath("/")).resolveEntry(bad, listing))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void everyPublicMethodRejectsNull() {
        new NullPointerTester().testAllPublicInstanceMethods(VIEW.getPath("/a/b"));
        new NullPointerTester().testAllPublicInstanceMethods(VIEW.getPath("a"));
        // The view file system's own code, not the fixture's overrides.
        NullPointerTester tester =
                new NullPointerTester().setDefault(ViewPath.class, VIEW.getPath("/a"));
        for (Method m : AbstractViewFileSystem.class.getDeclaredMethods()) {
            int mods = m.getModifiers();
            if (Modifier.isPublic(mods) && !Modifier.isStatic(mods) && !Modifier.isAbstract(mods)) {
                tester.testMethod(VIEW, m);
            }
        }
    }
}
