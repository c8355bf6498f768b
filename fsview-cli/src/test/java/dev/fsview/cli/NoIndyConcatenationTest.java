package dev.fsview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every module the command loads concatenates strings without {@code invokedynamic}
 * ({@code -XDstringConcat=inline}, set in the parent pom and again where a module replaces its
 * compiler arguments): each new shape of an indy concatenation spins method-handle classes at its
 * first run, which no class-data-sharing archive holds, on the command's critical path. The
 * fsview-api module lost the option once, through a list of arguments of its own.
 */
class NoIndyConcatenationTest {
    private static final byte[] BOOTSTRAP =
            "makeConcatWithConstants".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "dev.fsview.FsView",
                "dev.fsview.linux.LinuxView",
                "dev.fsview.fake.FakeHost",
                "dev.fsview.cli.Main"
            })
    void noClassOfTheModuleBootstrapsAConcatenation(String anchor) throws Exception {
        List<String> offenders = new ArrayList<>();
        int classes = forEachClass(Class.forName(anchor), (name, bytes) -> {
            if (contains(bytes, BOOTSTRAP)) {
                offenders.add(name);
            }
        });
        assertThat(classes).as("classes read beside " + anchor).isGreaterThan(20);
        assertThat(offenders).as("classes with an invokedynamic concatenation").isEmpty();
    }

    interface ClassVisitor {
        void visit(String name, byte[] bytes);
    }

    /** Every class file under dev/fsview/ where {@code anchor} was loaded from: a jar or a directory. */
    private static int forEachClass(Class<?> anchor, ClassVisitor visitor)
            throws IOException, URISyntaxException {
        Path from = Path.of(
                anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        int count = 0;
        if (Files.isDirectory(from)) {
            List<Path> files;
            try (Stream<Path> all = Files.walk(from.resolve("dev/fsview"))) {
                files = all.filter(p -> p.toString().endsWith(".class")).toList();
            }
            for (Path f : files) {
                visitor.visit(from.relativize(f).toString(), Files.readAllBytes(f));
                count++;
            }
            return count;
        }
        try (JarFile jar = new JarFile(from.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.getName().startsWith("dev/fsview/")
                        && entry.getName().endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        visitor.visit(entry.getName(), in.readAllBytes());
                    }
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
