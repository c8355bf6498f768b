package dev.fsview.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** fsview as its own process: what the shell sees (exit status, the two streams), with and without privileges. */
class ProcessTest {
    @TempDir
    Path tmp;

    record Run(int status, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    static Run fsview(List<String> wrapper, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // As the executable jar (its manifest's Enable-Native-Access) and ./fsview run it: without
        // these, JDK 24+ prints its warnings about JNA's JNI and the seal's Unsafe on stderr.
        cmd.add("--enable-native-access=ALL-UNNAMED");
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.fsview.cli.Main"));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    static Run fsview(String... args) throws Exception {
        return fsview(List.of(), args);
    }

    @Test
    void theShellSeesZeroOneAndTwo() throws Exception {
        Run help = fsview("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: fsview");
        Run usage = fsview("ls");
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.stdout()).isEmpty();
        assertThat(usage.stderr())
                .startsWith(
                        "fsview: ls: choose the container with --root DIR, --bundle DIR, --pid PID or --container NAME\n")
                .contains("Usage: fsview [");
        Run failed = fsview("--root", tmp.resolve("none").toString(), "ls");
        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.stdout()).isEmpty();
        assertThat(failed.stderr())
                .isEqualTo(
                        "fsview: ls: root directory does not exist: " + tmp.resolve("none") + "\n");
    }

    @Test
    void catPassesBinaryContentThroughUnchanged() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        byte[] all = new byte[256 * 4];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        Files.write(root.resolve("bin"), all);
        Run r = fsview("--backend", "fake", "--root", root.toString(), "cat", "/bin");
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).isEqualTo(all);
    }

    @Test
    void withoutCapSysAdminAutoUsesTheFakeAndSaysSo() throws Exception {
        List<String> dropCaps = List.of();
        if (isRoot()) {
            assumeTrue(
                    new File("/usr/bin/setpriv").canExecute(),
                    "setpriv is needed to drop CAP_SYS_ADMIN from a root test run");
            dropCaps = List.of("/usr/bin/setpriv", "--inh-caps=-all", "--bounding-set=-all", "--");
        }
        String bundle = DemoBundleTest.BUNDLE.toString();
        Run auto = fsview(dropCaps, "--bundle", bundle, "ls", "-l", "/");
        assertThat(auto.status()).as(auto.stderr()).isZero();
        assertThat(auto.stderr())
                .startsWith("fsview: the linux backend is unavailable (")
                .contains("CAP_SYS_ADMIN")
                .contains("using the fake backend, a dry run");
        assertThat(auto.out()).contains("host -> /");
        Run linux = fsview(dropCaps, "--backend", "linux", "--bundle", bundle, "ls");
        assertThat(linux.status()).isEqualTo(1);
        assertThat(linux.stdout()).isEmpty();
        assertThat(linux.stderr())
                .startsWith("fsview: ls: fsview backend 'linux' is unavailable: ")
                .contains("CAP_SYS_ADMIN");
        assertThat(linux.stderr().strip().lines()).hasSize(1);
    }

    private static boolean isRoot() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.matches("Uid:\\s+0\\s.*"));
    }
}
