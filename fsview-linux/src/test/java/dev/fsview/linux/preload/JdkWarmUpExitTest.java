package dev.fsview.linux.preload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A JVM that exits while the JDK warm-up works in its temporary directory (the CLI prepares the
 * backend on a second thread, and `--help` or a closed pipe ends the JVM at any moment) leaves no
 * directory behind: the exit waits for the warm-up to remove it.
 */
class JdkWarmUpExitTest {
    @TempDir
    Path tmp;

    @Test
    void anExitDuringTheWarmUpLeavesNothingInTheTemporaryDirectory() throws Exception {
        String out = runChild(tmp);
        assertThat(out)
                .as("the child exited while the warm-up's directory existed")
                .contains("exiting during the warm-up");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList())
                    .as("left in java.io.tmpdir")
                    .isEmpty();
        }
    }

    private static String runChild(Path tmpdir) throws IOException, InterruptedException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmpdir,
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The fresh JVM: warms up on a second thread, and exits as soon as its directory exists. */
    public static final class Child {
        private Child() {}

        /**
         * Runs the race.
         *
         * @param args none
         * @throws Exception if the temporary directory cannot be listed
         */
        public static void main(String[] args) throws Exception {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Thread warmUp = new Thread(() -> {
                try {
                    JdkWarmUp.run();
                } catch (IOException e) {
                    e.printStackTrace();
                }
            });
            warmUp.setDaemon(true); // as the CLI's: it never keeps the JVM alive
            warmUp.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                try (Stream<Path> s = Files.list(tmp)) {
                    if (s.anyMatch(p -> p.getFileName().toString().startsWith("fsview-preload"))) {
                        System.out.println("exiting during the warm-up");
                        System.exit(0);
                    }
                }
            }
            System.out.println("the warm-up's directory was never seen");
            System.exit(1);
        }
    }
}
