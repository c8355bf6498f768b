package dev.fsview.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsview.FsView;
import dev.fsview.ViewSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The unprivileged run of issue 13, for real: a JVM started as user {@code nobody} (with
 * {@code setpriv}) imports a tree in which {@code /etc/shadow} (474 bytes) and {@code /root} are
 * unreadable to it, and does what {@code fsview --backend fake cat /etc/shadow}, {@code stat} and
 * {@code ls /root} do: the cat exits 1 with "Permission denied", the stat shows the real size
 * and mode, the listing is refused; nothing is served as empty.
 */
class UnprivilegedImportTest {
    @TempDir
    Path base;

    /** The child: {@code cat}, {@code stat} and {@code ls} through a fake view of {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        int exit = 0;
        try (FsView view = new FakeHost()
                .importingProvider()
                .open(ViewSpec.builder(args[0]).build())) {
            System.out.println("stat size=" + view.stat("/etc/shadow").size() + " mode="
                    + Integer.toOctalString(view.stat("/etc/shadow").permissions()));
            System.out.println(
                    "hostname=" + Files.readString(view.path("/etc/hostname")).trim());
            try (Stream<Path> s = Files.list(view.path("/root"))) {
                System.out.println("ls /root: " + s.count() + " entries");
            } catch (AccessDeniedException e) {
                System.err.println("ls: cannot open directory '/root': Permission denied");
                exit = 2;
            }
            try {
                System.out.write(Files.readAllBytes(view.path("/etc/shadow")));
            } catch (AccessDeniedException e) {
                System.err.println("cat: /etc/shadow: Permission denied");
                exit = exit == 0 ? 1 : exit + 10;
            }
        }
        System.out.flush();
        System.exit(exit);
    }

    @Test
    void asNobodyCatOfAnUnreadableFileSaysPermissionDeniedAndStatShowsItsRealSize()
            throws Exception {
        assumeTrue(
                Oracle.LINUX && "root".equals(System.getProperty("user.name")),
                "needs root, to make files another user cannot read and to run as nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        Path root = Files.createDirectories(base.resolve("root"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/hostname"), "box\n");
        Files.write(root.resolve("etc/shadow"), "x".repeat(474).getBytes(StandardCharsets.UTF_8));
        Files.setAttribute(root.resolve("etc/shadow"), "unix:mode", 0640);
        Files.createDirectories(root.resolve("root"));
        Files.writeString(root.resolve("root/.bashrc"), "secret");
        Files.setAttribute(root.resolve("root"), "unix:mode", 0700);
        String classPath = copyClassPath(Files.createDirectories(base.resolve("cp")));
        for (Path p : List.of(base, root, root.resolve("etc"))) {
            Files.setAttribute(p, "unix:mode", 0755); // nobody walks in; @TempDir is 0700
        }
        Process child = new ProcessBuilder(
                        "/usr/bin/setpriv",
                        "--reuid=65534",
                        "--regid=65534",
                        "--clear-groups",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classPath,
                        UnprivilegedImportTest.class.getName(),
                        root.toString())
                .start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out)
                .as(err)
                .contains("stat size=474 mode=640", "hostname=box")
                .doesNotContain("xxx");
        assertThat(err)
                .contains(
                        "cat: /etc/shadow: Permission denied",
                        "ls: cannot open directory '/root': Permission denied");
        assertThat(child.exitValue()).as(out + err).isEqualTo(12); // ls (2), then cat (1) + 10
        // one summary warning for the import, not one per unreadable entry
        assertThat(err.lines().filter(l -> l.contains("cannot be read by this process")))
                .hasSize(1);
    }

    /** Copies the child's class path where nobody can read it (a build's is under /root). */
    private static String copyClassPath(Path into) throws IOException {
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (Class<?> c : List.of(
                FakeHost.class,
                FsView.class,
                org.slf4j.LoggerFactory.class,
                UnprivilegedImportTest.class,
                slf4jProvider())) {
            Path from = Path.of(
                    c.getProtectionDomain().getCodeSource().getLocation().getPath());
            Path to = into.resolve("e" + i++ + (Files.isDirectory(from) ? "" : ".jar"));
            copy(from, to);
            entries.add(to.toString());
        }
        try (Stream<Path> all = Files.walk(into)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setAttribute(p, "unix:mode", Files.isDirectory(p) ? 0755 : 0644);
            }
        }
        return String.join(":", entries);
    }

    private static Class<?> slf4jProvider() {
        try {
            return Class.forName("org.slf4j.simple.SimpleServiceProvider");
        } catch (ClassNotFoundException e) {
            return org.slf4j.LoggerFactory.getILoggerFactory().getClass();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
