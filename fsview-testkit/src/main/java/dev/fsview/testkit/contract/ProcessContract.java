package dev.fsview.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.MountEntry;
import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.ViewClosedException;
import dev.fsview.ViewSpec;
import dev.fsview.testkit.HostProcess;
import dev.fsview.testkit.containment.Arena;
import dev.fsview.testkit.containment.Attack;
import dev.fsview.testkit.containment.AttackCatalogue;
import dev.fsview.testkit.containment.EntryPoint;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Views of a running process ({@link ViewSpec#ofProcess(long)}): a process the host fixture starts
 * ({@link dev.fsview.testkit.HostFixture#spawnProcess}) in a mount namespace of its own, with its
 * own root, a private tmpfs on {@code /tmp} and a bind volume on {@code /data}. A view of it by pid
 * reads what the process wrote to its tmpfs, writes files the process then reads, lists its
 * mounts, cannot reach the host through hostile links in the process's root (the containment
 * catalogue, through every entry point that opens no mount of its own), and ends cleanly when the
 * process is killed. Processes are ended before the leak check: no namespace, fd or thread left.
 */
public abstract class ProcessContract extends ViewContract {
    private static final long WAIT_NANOS = 10_000_000_000L;
    private static final String WATCHER = "fsview-process-watcher";

    private final List<HostProcess> processes = new ArrayList<>();

    /** Runs before ViewContract's leak check (a subclass's @AfterEach runs first). */
    @AfterEach
    final void endProcesses() {
        processes.forEach(HostProcess::close);
        processes.clear();
    }

    private HostProcess spawn(String root, String volume) throws IOException {
        HostProcess p = host.spawnProcess(root, volume);
        processes.add(p);
        return p;
    }

    private HostProcess spawn() throws IOException {
        String root = dir("root");
        host.write(root + "/in-root", "the process's own file");
        return spawn(root, dir("volume"));
    }

    private FsView view(long pid) throws IOException {
        return open(backend().configure(ViewSpec.ofProcess(pid)));
    }

    @Test
    void aViewReadsWhatTheProcessWroteToItsPrivateTmpfs() throws Exception {
        HostProcess p = spawn();
        try (FsView view = view(p.pid())) {
            assertThat(Files.readString(view.path("/tmp/hello")))
                    .isEqualTo("hello from " + p.pid());
            assertThat(Files.readString(view.path("/in-root"))).isEqualTo("the process's own file");
            assertThat(view.stat("/tmp/hello").size())
                    .isEqualTo(("hello from " + p.pid()).length());
            String inTask = view.call(ctx -> Files.readString(ctx.path("/tmp/hello")));
            assertThat(inTask).isEqualTo("hello from " + p.pid());
        }
    }

    @Test
    void theProcessReadsWhatAViewWrites() throws Exception {
        String volume = dir("volume");
        HostProcess p = spawn(dir("root"), volume);
        try (FsView view = view(p.pid())) {
            Files.writeString(view.path("/tmp/ping"), "from the view");
            Files.writeString(view.path("/data/ping"), "to the volume");
            assertThat(await(view.path("/tmp/pong"))).isEqualTo("pong:from the view");
            assertThat(await(view.path("/data/pong"))).isEqualTo("pong:to the volume");
        }
        // The volume is a bind of a host directory: the host sees what the process wrote.
        assertThat(host.readString(volume + "/pong")).isEqualTo("pong:to the volume");
    }

    @Test
    void theTmpfsIsTheProcessesOwn() throws Exception {
        String root = dir("root");
        HostProcess p = spawn(root, dir("volume"));
        try (FsView view = view(p.pid())) {
            Files.writeString(view.path("/tmp/from-view"), "x");
            assertThat(host.list(root + "/tmp"))
                    .as("the host's directory under the tmpfs")
                    .isEmpty();
        }
    }

    @Test
    void aViewListsTheMountsOfTheProcessNamespace() throws Exception {
        HostProcess p = spawn();
        try (FsView view = view(p.pid())) {
            List<MountEntry> mounts = view.mounts();
            List<String> points =
                    mounts.stream().map(MountEntry::mountPoint).collect(Collectors.toList());
            assertThat(points).contains("/tmp", "/data");
            assertThat(mounts.stream()
                            .filter(m -> m.mountPoint().equals("/tmp"))
                            .findFirst()
                            .orElseThrow()
                            .fsType())
                    .isEqualTo("tmpfs");
        }
    }

    @Test
    void aViewEndsCleanlyWhenTheProcessIsKilled() throws Exception {
        HostProcess p = spawn();
        FsView view = view(p.pid());
        Files.readString(view.path("/tmp/hello"));
        p.kill();
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (view.isOpen() && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
        assertThat(view.isOpen()).as("view open after its process was killed").isFalse();
        String exited = "process " + p.pid() + " exited";
        assertThatThrownBy(() -> Files.readString(view.path("/tmp/hello")))
                .isInstanceOf(ViewClosedException.class)
                .hasMessageContaining(exited);
        assertThatThrownBy(() -> view.call(ctx -> 1))
                .isInstanceOf(ViewClosedException.class)
                .hasMessageContaining(exited);
        assertThatThrownBy(() -> view.stat("/tmp/hello"))
                .isInstanceOf(ViewClosedException.class)
                .hasMessageContaining(exited);
        assertThatThrownBy(view::mounts)
                .isInstanceOf(ViewClosedException.class)
                .hasMessageContaining(exited);
        view.close();
        assertNoWatcherLeft();
    }

    @Test
    void closingViewsLeavesTheProcessRunningAndNoWatcher() throws Exception {
        HostProcess p = spawn();
        FsView one = view(p.pid());
        FsView two = view(p.pid());
        one.close();
        assertThat(Files.readString(two.path("/tmp/hello"))).startsWith("hello from");
        two.close();
        assertThat(p.isAlive()).isTrue();
        assertNoWatcherLeft();
    }

    @Test
    void aPidThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> view(999_999_999L))
                .isInstanceOf(MountStepException.class)
                .hasMessageContaining("no process 999999999 exists")
                .satisfies(e -> assertThat(((MountStepException) e).step())
                        .isEqualTo(SetupStep.PIDFD_OPEN));
    }

    @Test
    void aProcessOfTheHostsOwnMountNamespaceIsRefusedUnlessAllowed() throws Exception {
        long pid = host.hostNamespacePid();
        assertThatThrownBy(() -> view(pid))
                .isInstanceOf(MountStepException.class)
                .hasMessageContaining("host's) mount namespace")
                .hasMessageContaining("allowHostMountNamespace");
        String marker = dir("marker");
        host.write(marker + "/file", "on the host");
        try (FsView view =
                open(backend().configure(ViewSpec.ofProcess(pid).allowHostMountNamespace()))) {
            assertThat(Files.readString(view.path(marker + "/file"))).isEqualTo("on the host");
        }
    }

    @Test
    void aProcessViewTakesNoMountsOfItsOwn() {
        assertThatThrownBy(() -> ViewSpec.ofProcess(42)
                        .mount(MountSpec.tmpfs("/x").build())
                        .build())
                .isInstanceOf(dev.fsview.InvalidSpecException.class)
                .hasMessageContaining("cannot take mounts of its own");
    }

    /** The catalogue's attacks, through every entry point that opens no mount of its own. */
    public static Stream<Arguments> attacksOnAProcessRoot() {
        EnumSet<EntryPoint> entries = EnumSet.copyOf(List.of(EntryPoint.common()));
        // A process view takes no mounts: the entry points that mount at or from the probe
        // have nothing to drive.
        entries.remove(EntryPoint.MOUNT_DESTINATION);
        entries.remove(EntryPoint.VOLUME_SOURCE);
        return AttackCatalogue.all().stream()
                .flatMap(attack -> entries.stream().map(entry -> Arguments.of(attack, entry)));
    }

    @ParameterizedTest(name = "{0}, through {1}")
    @MethodSource("dev.fsview.testkit.contract.ProcessContract#attacksOnAProcessRoot")
    void anAttackInTheProcessRootGetsNothingFromOutside(Attack attack, EntryPoint entry)
            throws IOException {
        Arena arena = Arena.enter(host, attack, new Arena.Opener() {
            @Override
            public ViewSpec.Builder spec(String root) {
                return ViewSpec.builder(root);
            }

            @Override
            public FsView open(ViewSpec.Builder builder) throws IOException {
                // The arena's spec is the container: its root and its /data volume. The process
                // is made of exactly that, and the view is of the process.
                ViewSpec container = builder.build();
                MountSpec volume = container.mounts().get(0);
                if (container.mounts().size() != 1 || !volume.destination().equals("/data")) {
                    throw new IllegalArgumentException(
                            "a process view takes no mounts: " + container.mounts());
                }
                HostProcess p = spawn(container.root(), volume.source().orElseThrow());
                return view(p.pid());
            }
        });
        entry.drive(arena);
        arena.assertContained("'" + attack + "' in a process root, through " + entry);
    }

    private static String await(Path p) throws Exception {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!Files.exists(p) && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
        return Files.readString(p);
    }

    private static void assertNoWatcherLeft() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (watchers() > 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
        }
        assertThat(watchers())
                .as("live %s threads after the last process view closed", WATCHER)
                .isZero();
    }

    private static long watchers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(WATCHER))
                .count();
    }
}
