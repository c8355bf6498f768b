package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.linux.setup.LinuxOptions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The root switch. Pivoted into (in a copy of the host's namespace): a plain directory is bound
 * onto itself first, a mount point is used as is. Chroot'ed into (in a copy of the empty
 * namespace): the same containment, and no host mount in the view's namespace.
 */
class RootSwitchTest extends ViewFixture {

    @Test
    void aRootThatIsAMountPointIsPivotedInto() throws Exception {
        Path root = dir("root");
        hostTmpfs(root);
        Files.writeString(root.resolve("on-tmpfs"), "t");
        Path vol = dir("vol");
        FsView view = open(ViewSpec.builder(root)
                .mount(MountSpec.bind(vol, "/v").build())
                .option(LinuxOptions.NAMESPACE, "copy")
                .build());
        assertThat(view.toString()).contains("PIVOT_ROOT");
        assertThat(Files.readString(view.path("/on-tmpfs"))).isEqualTo("t");
        String up = view.call(ctx -> Path.of("/..").toRealPath().toString());
        assertThat(up).isEqualTo("/");
        assertThat(view.fileSystem().provider().getFileStore(view.path("/")).type())
                .isEqualTo("tmpfs");
    }

    @Test
    void aViewUsedThroughItsFileSystemAloneNeverEntersTheContainersRoot() throws Exception {
        assumeTrue(
                Variant.NEW_API_OPENAT2.switchesAtFirstRequest(),
                "this host cannot make the empty namespace (new mount API), where the switch waits");
        Path root = dir("root");
        Files.writeString(root.resolve("planted"), "x");
        FsView view = open(ViewSpec.builder(root).build());
        assertThat(Files.readString(view.path("/planted"))).isEqualTo("x");
        try (var s = Files.list(view.path("/"))) {
            assertThat(s.count()).isOne();
        }
        Path viewThreadRoot = viewThread().resolve("root");
        Path viewThreadCwd = viewThread().resolve("cwd");
        // Until work is handed to it, the view thread's root and working directory are the empty
        // namespace's tmpfs: a lookup by path there (the JDK's, glibc's), absolute or relative,
        // finds nothing of the container's.
        assertThat(names(viewThreadRoot)).containsExactly("v");
        assertThat(names(viewThreadCwd)).containsExactly("v");
        assertThat(view.toString()).contains("root switch at the first task");
        view.run(ctx -> {});
        assertThat(names(viewThreadRoot)).containsExactly("planted");
        assertThat(names(viewThreadCwd)).containsExactly("planted");
        assertThat(view.toString()).contains("CHROOT_IN_EMPTY_NAMESPACE");
    }

    /** The /proc directory of the one live view thread (its name is cut to 15 characters). */
    private static Path viewThread() throws Exception {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(task.resolve("comm")).startsWith("fsview-view-lin")) {
                    found.add(task);
                }
            }
        }
        assertThat(found).as("view threads").hasSize(1);
        return found.get(0);
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest(name = "linux.namespace={0}")
    @ValueSource(strings = {"copy", "empty"})
    void theHostIsNotReachableFromTheViewAfterTheSwitch(String namespace) throws Exception {
        Path root = dir("root");
        FsView view = open(
                ViewSpec.builder(root).option(LinuxOptions.NAMESPACE, namespace).build());
        boolean proc = view.call(ctx -> Files.exists(Path.of("/proc/self")));
        boolean tmp = view.call(ctx -> Files.exists(Path.of(root.toString())));
        assertThat(proc).as("/proc inside the view").isFalse();
        assertThat(tmp).as("the root's host path inside the view").isFalse();
        try (var s = Files.list(view.path("/"))) {
            assertThat(s.count()).isZero();
        }
    }
}
