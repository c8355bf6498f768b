package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.MountEntry;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.ViewClosedException;
import dev.fsview.ViewSpec;
import dev.fsview.testkit.HostProcess;
import dev.fsview.testkit.process.ProcessAgent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Views of a running process by pid: a real process made by the test (the kit's static agent) in
 * its own mount namespace and root, with a private tmpfs on /tmp and a bind volume on /data.
 */
class ProcessViewTest extends ViewFixture {
    private HostProcess process;

    private HostProcess start() throws IOException {
        Path root = dir("root");
        Files.writeString(root.resolve("in-root"), "the process's own file");
        process = ProcessAgent.start(root, dir("volume"));
        return process;
    }

    @AfterEach
    void endProcess() {
        if (process != null) {
            process.close();
        }
    }

    private FsView view(HostProcess p) throws IOException {
        return open(ViewSpec.ofProcess(p.pid()).build());
    }

    @Test
    void readsWhatTheProcessWroteToItsPrivateTmpfs() throws Exception {
        HostProcess p = start();
        FsView view = view(p);
        assertThat(Files.readString(view.path("/tmp/hello"))).isEqualTo("hello from " + p.pid());
        assertThat(Files.readString(view.path("/in-root"))).isEqualTo("the process's own file");
        // A task sees the process's root as / with plain java.nio, too.
        String seenByTask = view.call(ctx -> Files.readString(Path.of("/tmp/hello")));
        assertThat(seenByTask).isEqualTo("hello from " + p.pid());
        // The tmpfs is the process's own: the host sees the empty directory under it.
        assertThat(tmp.resolve("root/tmp")).isEmptyDirectory();
    }

    @Test
    void writesFilesTheProcessThenReads() throws Exception {
        HostProcess p = start();
        FsView view = view(p);
        Files.writeString(view.path("/tmp/ping"), "from the view");
        Files.writeString(view.path("/data/ping"), "to the volume");
        assertThat(awaitFile(view.path("/tmp/pong"))).isEqualTo("pong:from the view");
        assertThat(awaitFile(view.path("/data/pong"))).isEqualTo("pong:to the volume");
        // The volume is a bind of a host directory: the host sees both files.
        assertThat(Files.readString(tmp.resolve("volume/pong"))).isEqualTo("pong:to the volume");
    }

    @Test
    void hostileLinksInTheProcessRootStayInside() throws Exception {
        Path secret = file("secret", "host secret");
        Path root = dir("root");
        Files.createSymbolicLink(root.resolve("abs"), secret);
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../../../../../../../.."));
        Files.createSymbolicLink(root.resolve("tmp-escape"), Path.of("/tmp/../../.."));
        HostProcess p = start();
        FsView view = view(p);
        assertThat(Files.exists(view.path("/abs"))).isFalse();
        assertThat(view.stat("/abs").linkTarget()).isEqualTo(secret.toString());
        assertThat(Files.exists(view.path("/up" + secret))).isFalse();
        assertThat(Files.exists(view.path("/up/in-root"))).isTrue(); // .. stops at the root
        assertThat(Files.exists(view.path("/tmp-escape/in-root"))).isTrue();
        boolean escapedInTask = view.call(ctx -> Files.exists(Path.of("/up" + secret)));
        assertThat(escapedInTask).isFalse();
        assertThat(Files.readString(secret)).isEqualTo("host secret");
    }

    @Test
    void listsTheMountsOfTheProcessNamespace() throws Exception {
        HostProcess p = start();
        FsView view = view(p);
        List<MountEntry> mounts = view.mounts();
        Set<String> points =
                mounts.stream().map(MountEntry::mountPoint).collect(Collectors.toSet());
        // Exactly what the process mounted: it chrooted into a plain directory, so no mount has
        // its root as mount point, and the host's mounts lie outside its root.
        assertThat(points).containsExactlyInAnyOrder("/tmp", "/data");
        MountEntry tmpfs = mounts.stream()
                .filter(m -> m.mountPoint().equals("/tmp"))
                .findFirst()
                .orElseThrow();
        assertThat(tmpfs.fsType()).isEqualTo("tmpfs");
        assertThat(tmpfs.source()).isEqualTo("agent-tmp");
        assertThat(tmpfs.options()).contains("nodev", "nosuid");
    }

    @Test
    void endsCleanlyWhenTheProcessIsKilled() throws Exception {
        Set<String> fds = HostState.openFds();
        HostProcess p = start();
        FsView view = view(p);
        assertThat(view.isOpen()).isTrue();
        p.kill();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (view.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(view.isOpen()).as("view open after its process was killed").isFalse();
        String exited = "process " + p.pid() + " exited";
        assertThatThrownBy(() -> Files.readString(view.path("/tmp/hello")))
                .isInstanceOf(ViewClosedException.class)
                .hasMessageContaining(exited);
        assertThatThrownBy(() -> view.call(ctx -> 1))
                .isInstanceOf(ViewClosedException.class)
                .hasMessageContaining(exited);
        assertThatThrownBy(view::mounts)
                .isInstanceOf(ViewClosedException.class)
                .hasMessageContaining(exited);
        awaitNoViewThread();
        view.close();
        assertThat(HostState.fdsOpenedSince(fds)).as("fds left open").isEmpty();
        assertThat(watcherThreads()).as("the exit watcher after the last view").isEmpty();
    }

    @Test
    void closingLeavesNoFdNoThreadAndTheProcessRunning() throws Exception {
        HostProcess p = start();
        Set<String> fds = HostState.openFds();
        FsView one = view(p);
        FsView two = view(p);
        assertThat(watcherThreads()).hasSize(1);
        one.close();
        assertThat(Files.readString(two.path("/tmp/hello"))).startsWith("hello");
        two.close();
        assertThat(HostState.fdsOpenedSince(fds)).as("fds left open").isEmpty();
        assertThat(watcherThreads()).isEmpty();
        assertThat(p.isAlive()).isTrue();
    }

    @Test
    void refusesAPidThatDoesNotExist() {
        assertThatThrownBy(() -> open(ViewSpec.ofProcess(999_999_999L).build()))
                .isInstanceOf(MountStepException.class)
                .hasMessageContaining("no process 999999999 exists")
                .satisfies(e -> assertThat(((MountStepException) e).step())
                        .isEqualTo(SetupStep.PIDFD_OPEN));
    }

    @Test
    void refusesAProcessOfTheHostsOwnMountNamespaceUnlessAsked() throws Exception {
        long self = ProcessHandle.current().pid();
        assertThatThrownBy(() -> open(ViewSpec.ofProcess(self).build()))
                .isInstanceOf(MountStepException.class)
                .hasMessageContaining("host's) mount namespace")
                .hasMessageContaining("allowHostMountNamespace");
        Path marker = file("marker", "on the host");
        FsView host = open(ViewSpec.ofProcess(self).allowHostMountNamespace().build());
        assertThat(Files.readString(host.path(marker.toString()))).isEqualTo("on the host");
    }

    @ParameterizedTest
    @EnumSource(
            value = SetupStep.class,
            names = {
                "PIDFD_OPEN",
                "OPEN_PROCESS_NS",
                "OPEN_PROCESS_ROOT",
                "CHECK_PROCESS",
                "UNSHARE_FS",
                "SETNS",
                "ENTER_PROCESS_ROOT",
                "CHROOT",
                "CHDIR_ROOT"
            })
    void aFailingStepLeavesNothingBehind(SetupStep step) throws Exception {
        HostProcess p = start();
        Set<String> fds = HostState.openFds();
        assertThatThrownBy(() -> open(ViewSpec.ofProcess(p.pid())
                        .option("linux.fail-step", step.id())
                        .build()))
                .isInstanceOf(MountStepException.class)
                .satisfies(e -> assertThat(((MountStepException) e).step()).isEqualTo(step));
        assertThat(HostState.fdsOpenedSince(fds)).as("fds left open").isEmpty();
        assertThat(HostState.liveViewThreads()).isEmpty();
        assertThat(watcherThreads()).isEmpty();
        // The process is untouched and a view of it opens afterwards.
        assertThat(Files.readString(view(p).path("/tmp/hello"))).startsWith("hello");
    }

    private static String awaitFile(Path p) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(p) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return Files.readString(p);
    }

    private static void awaitNoViewThread() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!HostState.liveViewThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(HostState.liveViewThreads())
                .as("view thread after the process exited")
                .isEmpty();
    }

    private static List<String> watcherThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.equals("fsview-process-watcher"))
                .collect(Collectors.toList());
    }
}
