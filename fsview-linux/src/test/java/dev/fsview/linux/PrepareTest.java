package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.FsViews;
import dev.fsview.MountStepException;
import dev.fsview.ViewSpec;
import dev.fsview.linux.preload.ClassPathSeal;
import dev.fsview.linux.preload.Preloader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code prepare()} does, in a JVM that has opened no view yet, what the first open would have to
 * do before setting a view up: the host thread is started and the preload's once-per-JVM part ran
 * (the class path is sealed), and the first open then finds both done. The JDK and NSS warm-up
 * waits for the first task where the view thread switches root then. A JVM of its own, because
 * in the test JVM some view opened first.
 */
class PrepareTest {
    @TempDir
    Path tmp;

    @Test
    void prepareInAFreshJvmStartsTheHostThreadAndSealsTheClassPathBeforeAnyOpen() throws Exception {
        Privileged.assumeLinuxBackend();
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(root.resolve("f"), "seen");
        assertThat(runChild(root))
                .containsExactly(
                        "before: sealed=false host-thread=false",
                        "contained warm-up: refused, warmed up=false",
                        "after prepare: sealed=true host-thread=true",
                        "after a second prepare: host threads=1",
                        "open: seen, warmed up="
                                + !Variant.NEW_API_OPENAT2.switchesAtFirstRequest(),
                        "after a task: warmed up=true");
    }

    private static List<String> runChild(Path root) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(Child.class.getName(), root.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as("child's output:%n%s", text).isZero();
        return text.lines()
                .filter(l -> l.matches("(before|after|open|contained).*"))
                .toList();
    }

    /** The fresh JVM: prepares, reports, then opens a view of the root in its argument. */
    public static final class Child {
        private Child() {}

        /**
         * Runs the check.
         *
         * @param args the root
         * @throws IOException if the view cannot open
         */
        public static void main(String[] args) throws IOException {
            report("before");
            // A thread inside a view would read the JDK's data and glibc's modules from the
            // container: the warm-up refuses to run there (fail closed), and stays to be done.
            Thread contained = new Thread(() -> {
                ClassPathSeal.markContained();
                try {
                    Preloader.warmUp();
                    System.out.println("contained warm-up: done");
                } catch (MountStepException refused) {
                    System.out.println(
                            "contained warm-up: refused, warmed up=" + Preloader.warmedUp());
                }
            });
            contained.start();
            try {
                contained.join();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            FsViews.provider("linux").prepare();
            report("after prepare");
            FsViews.provider("linux").prepare();
            System.out.println("after a second prepare: host threads=" + hostThreads());
            try (FsView view =
                    FsViews.provider("linux").open(ViewSpec.builder(args[0]).build())) {
                // A view used through its file system alone needs no warm-up of the JDK and NSS
                // where its thread switches root at the first task only.
                System.out.println("open: " + Files.readString(view.path("/f")) + ", warmed up="
                        + Preloader.warmedUp());
                view.run(ctx -> {});
                System.out.println("after a task: warmed up=" + Preloader.warmedUp());
            }
        }

        private static void report(String when) {
            System.out.println(when + ": sealed=" + (ClassPathSeal.report() != null)
                    + " host-thread=" + (hostThreads() == 1));
        }

        private static long hostThreads() {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("fsview-host-linux") && t.isAlive())
                    .count();
        }
    }
}
