package dev.fsview.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.testkit.HostProcess;
import dev.fsview.testkit.process.ProcessAgent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code fsview --pid} and {@code --container} on a process started by the test: the kit's agent,
 * in a mount namespace of its own with its own root, a private tmpfs on /tmp and a volume on /data.
 */
@ExtendWith(LeakCheck.class)
class RunningProcessTest {
    @TempDir
    Path tmp;

    private HostProcess process;
    private Path root;
    private Path volume;

    @BeforeEach
    void start() throws IOException {
        Backends.assumeAvailable("linux");
        root = Files.createDirectories(tmp.resolve("root"));
        volume = Files.createDirectories(tmp.resolve("volume"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/hostname"), "agent\n");
        Files.createSymbolicLink(root.resolve("escape"), Path.of("../../../../../../.."));
        process = ProcessAgent.start(root, volume);
    }

    @AfterEach
    void stop() {
        if (process != null) {
            process.close();
        }
    }

    private Cli cli() {
        return Cli.with("--backend", "linux", "--pid", Long.toString(process.pid()));
    }

    private static String ok(Cli.Result r) {
        assertThat(r.status()).as(r.toString()).isZero();
        return r.out();
    }

    @Test
    void catLsAndStatSeeWhatTheProcessSees() {
        assertThat(ok(cli().run("cat", "/tmp/hello"))).isEqualTo("hello from " + process.pid());
        assertThat(ok(cli().run("cat", "/escape/etc/hostname"))).isEqualTo("agent\n");
        assertThat(ok(cli().run("ls", "/"))).contains("data", "etc", "escape", "tmp");
        assertThat(ok(cli().run("stat", "/escape"))).contains("\"linkTarget\":\"/\"");
        // The tmpfs is the process's own: nothing of it on the host.
        assertThat(root.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void mountsListsWhatTheNamespaceHolds() {
        String table = ok(cli().run("mounts"));
        assertThat(table.lines().filter(l -> l.startsWith("/tmp ")).findFirst().orElseThrow())
                .contains("agent-tmp", "tmpfs", "rw");
        assertThat(table).contains("/data ");
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("TARGET");
    }

    @Test
    void cpCopiesOutOfAndIntoTheRunningProcess() throws Exception {
        Path out = tmp.resolve("out");
        ok(cli().run("cp", "-q", ":/tmp/hello", out.toString()));
        assertThat(Files.readString(out)).isEqualTo("hello from " + process.pid());
        Path in = Files.writeString(tmp.resolve("ping"), "from the cli");
        ok(cli().run("cp", "-q", in.toString(), ":/tmp/ping"));
        long deadline = System.nanoTime() + 10_000_000_000L;
        Cli.Result pong;
        do {
            Thread.sleep(10);
            pong = cli().run("cat", "/tmp/pong");
        } while (pong.status() != 0 && System.nanoTime() < deadline);
        assertThat(ok(pong)).isEqualTo("pong:from the cli");
    }

    @Test
    void containerFindsThePidInDockerStateFiles() throws Exception {
        Path docker = Files.createDirectories(tmp.resolve("docker/containers/0123abcd"));
        Files.writeString(
                docker.resolve("config.v2.json"),
                "{\"ID\":\"0123abcd\",\"Name\":\"/web\"," + "\"State\":{\"Running\":true,\"Pid\":"
                        + process.pid() + "}}");
        String before = System.getProperty("fsview.docker.roots");
        System.setProperty("fsview.docker.roots", tmp.resolve("docker").toString());
        try {
            Cli cli = Cli.with("--backend", "linux", "--container", "web");
            assertThat(ok(cli.run("cat", "/tmp/hello"))).isEqualTo("hello from " + process.pid());
            Cli.Result missing =
                    Cli.with("--backend", "linux", "--container", "nope").run("cat", "/tmp/hello");
            assertThat(missing.status()).isEqualTo(1);
            assertThat(missing.stderr())
                    .contains("no running container 'nope'; tried docker [" + tmp.resolve("docker")
                            + "]: no such container");
        } finally {
            if (before == null) {
                System.clearProperty("fsview.docker.roots");
            } else {
                System.setProperty("fsview.docker.roots", before);
            }
        }
    }

    @Test
    void badCombinationsAndMissingProcessesAreClear() {
        Cli.Result both = Cli.with("--pid", "1", "--root", tmp.toString()).run("ls", "/");
        assertThat(both.status()).isEqualTo(2);
        assertThat(both.stderr()).contains("--pid and --container cannot be combined with --root");
        Cli.Result none = Cli.with("--backend", "linux", "--pid", "999999999").run("ls", "/");
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.stderr())
                .contains("cannot open a view of process 999999999")
                .contains("no process 999999999 exists");
        Cli.Result host = Cli.with(
                        "--backend",
                        "linux",
                        "--pid",
                        Long.toString(ProcessHandle.current().pid()))
                .run("ls", "/");
        assertThat(host.status()).isEqualTo(1);
        assertThat(host.stderr()).contains("host's) mount namespace");
    }
}
