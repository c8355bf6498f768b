package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.FsViews;
import dev.fsview.ViewCallable;
import dev.fsview.ViewSpec;
import dev.fsview.linux.preload.Preloader;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The JDK and glibc are warmed up on the host before the first work a JVM hands to a view thread
 * (which then enters the container's root), whichever way that work is handed over: a task of
 * {@code call}, {@code run} or {@code start}, or a file operation ({@code chdir}). Each case runs
 * in a fresh JVM, where nothing has warmed up before; the container plants an NSS module with the
 * nsswitch.conf naming it (the sudo-chroot attack, CVE-2025-32463) and a time-zone database at the
 * JDK's own path, and the first task looks up an owner and a zone's rules. Neither planted file may
 * be read: their access times tell.
 */
class FirstHandOverIsolationTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "first hand-over: {0}")
    @ValueSource(strings = {"call", "run", "start", "chdir"})
    void theFirstWorkHandedOverFindsTheJdkAndNssWarmedOnTheHost(String entry) throws Exception {
        Privileged.assumeLinuxBackend();
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/nsswitch.conf"), "passwd: evil files\ngroup: evil\n");
        Files.writeString(root.resolve("etc/passwd"), "fsview-container-root:x:0:0::/:/bin/sh\n");
        Files.writeString(root.resolve("owned"), "x");
        List<Path> planted = new ArrayList<>(PlantedFiles.plantNssModules(root));
        Path javaHome = Path.of(System.getProperty("java.home"));
        planted.add(PlantedFiles.plant(
                root.resolve(javaHome.getRoot().relativize(javaHome)).resolve("lib/tzdb.dat")));

        String out = runChild(root, entry);

        assertThat(out)
                .contains(
                        "warmed up before the first hand-over: false",
                        "first task: fsview-container-root, Europe/Paris has rules: true");
        PlantedFiles.assertNeverRead(planted);
    }

    private static String runChild(Path root, String entry)
            throws IOException, InterruptedException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                root.toString(),
                entry);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as("child's output:%n%s", text).isZero();
        return text;
    }

    /** The fresh JVM: opens a view and hands it its first work the way the argument names. */
    public static final class Child {
        private Child() {}

        /**
         * Runs the case.
         *
         * @param args the root and the entry point ({@code call}, {@code run}, {@code start},
         *     {@code chdir})
         * @throws Exception if the view or its task fails
         */
        public static void main(String[] args) throws Exception {
            ViewCallable<String, IOException> firstTask = ctx -> Files.getOwner(Path.of("/owned"))
                            .getName()
                    + ", Europe/Paris has rules: "
                    + !ZoneId.of("Europe/Paris").getRules().getTransitions().isEmpty();
            try (FsView view =
                    FsViews.provider("linux").open(ViewSpec.builder(args[0]).build())) {
                System.out.println("warmed up before the first hand-over: " + Preloader.warmedUp());
                AtomicReference<String> result = new AtomicReference<>();
                switch (args[1]) {
                    case "call" -> result.set(view.call(firstTask));
                    case "run" -> view.run(ctx -> result.set(firstTask.call(ctx)));
                    case "start" -> {
                        CountDownLatch done = new CountDownLatch(1);
                        view.start(ctx -> {
                            try {
                                result.set(firstTask.call(ctx));
                            } finally {
                                done.countDown();
                            }
                        });
                        done.await(30, TimeUnit.SECONDS);
                    }
                    case "chdir" -> {
                        view.chdir("/");
                        result.set(view.call(firstTask));
                    }
                    default -> throw new IllegalArgumentException(args[1]);
                }
                System.out.println("first task: " + result.get());
            }
        }
    }
}
