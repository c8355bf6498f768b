package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.linux.setup.LinuxOptions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

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
