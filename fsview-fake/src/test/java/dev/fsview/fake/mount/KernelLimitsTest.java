package dev.fsview.fake.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.PathStat.FileType;
import dev.fsview.SetupStep;
import dev.fsview.ViewSpec;
import dev.fsview.fake.FakeHost;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The limits the Linux backend has the kernel enforce (issue 12), as the fake gives them: nodev
 * unless allowDevices, a read-only root with EROFS where the kernel gives it, FIFOs that never
 * block, destinations through dangling symlinks resolved in the root, and created targets that
 * are visible, refusable, and removed again when the open fails.
 */
class KernelLimitsTest {
    private final FakeHost host = new FakeHost();

    KernelLimitsTest() throws IOException {
        host.mkdirs("/c/root/etc")
                .file("/c/root/etc/hostname", "box")
                .mkdirs("/c/root/dev")
                .blockDevice("/c/root/dev/disk", 8, 0)
                .charDevice("/c/root/dev/null", 1, 3)
                .fifo("/c/root/fifo")
                .mkdirs("/c/vol")
                .file("/c/vol/file", "v");
    }

    private FsView open(ViewSpec.Builder b) throws IOException {
        return host.open(b.build());
    }

    private static ViewSpec.Builder spec() {
        return ViewSpec.builder("/c/root");
    }

    @Test
    void deviceNodesRefuseToOpenWithPermissionDeniedAsNodevDoes() throws Exception {
        try (FsView view =
                open(spec().mount(MountSpec.bind("/c/root/dev", "/vol/dev").build()))) {
            for (String dev : List.of("/dev/disk", "/dev/null", "/vol/dev/disk", "/vol/dev/null")) {
                Path p = view.path(dev);
                assertThatThrownBy(() -> Files.readAllBytes(p))
                        .as(dev)
                        .isInstanceOf(AccessDeniedException.class);
                assertThatThrownBy(() -> Files.newByteChannel(p, StandardOpenOption.WRITE))
                        .as(dev)
                        .isInstanceOf(AccessDeniedException.class);
                assertThat(view.stat(dev).type()).isIn(FileType.CHAR_DEVICE, FileType.BLOCK_DEVICE);
            }
        }
    }

    @Test
    void allowDevicesLiftsNodevButTheFakeHasNoDriverBehindANode() throws Exception {
        try (FsView view = open(spec().allowDevices())) {
            assertThatThrownBy(() -> Files.readAllBytes(view.path("/dev/null")))
                    .isInstanceOf(FileSystemException.class)
                    .isNotInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("No such device or address");
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aFifoNeverBlocksTheViewItsStatOrItsClose() throws Exception {
        FsView view = open(spec());
        assertThatThrownBy(() -> Files.readAllBytes(view.path("/fifo")))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("No such device or address");
        assertThatThrownBy(() -> Files.writeString(view.path("/fifo"), "x"))
                .isInstanceOf(FileSystemException.class);
        assertThat(view.stat("/fifo").type()).isEqualTo(FileType.FIFO);
        view.close();
    }

    @Test
    void aReadOnlyRootGivesEroFsWhileAWritableVolumeStaysWritable() throws Exception {
        try (FsView view = open(spec().readOnlyRoot()
                .mount(MountSpec.bind("/c/vol", "/data").writable().build()))) {
            assertThatThrownBy(() -> Files.writeString(view.path("/etc/new"), "x"))
                    .isInstanceOf(FileSystemException.class)
                    .hasMessageEndingWith("Read-only file system");
            assertThatThrownBy(() -> Files.delete(view.path("/etc/hostname")))
                    .isInstanceOf(FileSystemException.class)
                    .hasMessageEndingWith("Read-only file system");
            assertThatThrownBy(() -> Files.newByteChannel(
                            view.path("/etc/hostname"), StandardOpenOption.WRITE))
                    .hasMessageEndingWith("Read-only file system");
            assertThat(Files.readString(view.path("/etc/hostname"))).isEqualTo("box");
            Files.writeString(view.path("/data/new"), "ok");
        }
        assertThat(host.readString("/c/vol/new")).isEqualTo("ok");
        assertThat(host.list("/c/root/etc")).containsExactly("hostname");
    }

    @Test
    void aVolumeAtVarRunThroughADanglingLinkLandsAtRunInsideTheRoot() throws Exception {
        host.mkdirs("/c/root/var").symlink("/c/root/var/run", "/run");
        host.file("/c/app.sock", "sock");
        try (FsView view = open(
                spec().mount(MountSpec.bind("/c/app.sock", "/var/run/app.sock").build()))) {
            assertThat(Files.readString(view.path("/run/app.sock"))).isEqualTo("sock");
            assertThat(Files.readString(view.path("/var/run/app.sock"))).isEqualTo("sock");
        }
        assertThat(host.exists("/run")).isFalse();
        assertThat(host.list("/c/root/run")).containsExactly("app.sock");
    }

    @Test
    void aDanglingLinkClimbingOutStaysInTheRoot() throws Exception {
        host.symlink("/c/root/up", "../../../../outside");
        try (FsView view =
                open(spec().mount(MountSpec.bind("/c/vol", "/up/data").build()))) {
            assertThat(Files.readString(view.path("/outside/data/file"))).isEqualTo("v");
        }
        assertThat(host.exists("/outside")).isFalse();
        assertThat(host.exists("/c/outside")).isFalse();
        assertThat(host.list("/c/root/outside")).containsExactly("data");
    }

    @Test
    void aDestinationResolvingToTheRootIsRefusedAfterResolution() throws Exception {
        host.symlink("/c/root/top", "/");
        host.symlink("/c/root/gone", "../..");
        host.mkdirs("/c/root/d").symlink("/c/root/d/x", "../missing/..");
        for (String dest : List.of("/top", "/d/x")) {
            assertThatThrownBy(() ->
                            open(spec().mount(MountSpec.bind("/c/vol", dest).build())))
                    .as(dest)
                    .isInstanceOfSatisfying(MountStepException.class, e -> {
                        assertThat(e.step()).isEqualTo(SetupStep.RESOLVE_TARGET);
                        assertThat(e.getMessage()).contains("resolves to the container root");
                    });
        }
        assertThat(host.list("/c/root"))
                .containsExactlyInAnyOrder("etc", "dev", "fifo", "top", "gone", "d");
    }

    @Test
    void aDanglingLinkLoopEndsInEloop() throws Exception {
        host.symlink("/c/root/a", "b/x").symlink("/c/root/b", "a/y");
        assertThatThrownBy(
                        () -> open(spec().mount(MountSpec.bind("/c/vol", "/a/z").build())))
                .isInstanceOf(MountStepException.class)
                .hasMessageContaining("ELOOP");
    }

    @Test
    void withoutCreatingTargetsAMissingTargetIsRefusedAndTheRootUnchanged() throws Exception {
        assertThatThrownBy(() -> open(spec().createMissingTargets(false)
                        .mount(MountSpec.bind("/c/vol", "/new/data").build())))
                .isInstanceOfSatisfying(MountStepException.class, e -> {
                    assertThat(e.step()).isEqualTo(SetupStep.CREATE_TARGET);
                    assertThat(e.containerPath()).isEqualTo("/new/data");
                    assertThat(e.getMessage()).contains("createMissingTargets(false)");
                });
        assertThat(host.list("/c/root")).containsExactlyInAnyOrder("etc", "dev", "fifo");
        try (FsView view = open(spec().createMissingTargets(false)
                .mount(MountSpec.bind("/c/vol", "/etc").build()))) {
            assertThat(Files.readString(view.path("/etc/file"))).isEqualTo("v");
        }
    }

    @Test
    void aFailedOpenRemovesTheTargetsItCreatedBeforeFailing() throws Exception {
        assertThatThrownBy(() -> open(spec().mount(
                                MountSpec.bind("/c/vol", "/a/b/c").build())
                        .mount(MountSpec.bind("/c/no-such-source", "/x/y").build())))
                .isInstanceOf(MountStepException.class);
        assertThatThrownBy(() ->
                        open(spec().mount(MountSpec.bind("/c/vol", "/a/b/c").build())
                                .mount(MountSpec.bind("/c/vol/file", "/etc/hostname/under")
                                        .build())))
                .isInstanceOf(MountStepException.class);
        assertThat(host.list("/c/root")).containsExactlyInAnyOrder("etc", "dev", "fifo");
        try (FsView view = open(spec().mount(MountSpec.bind("/c/vol", "/a/b/c").build()))) {
            assertThat(view.stat("/a/b/c/file").size()).isEqualTo(1);
        }
        assertThat(host.list("/c/root/a/b")).containsExactly("c");
    }
}
