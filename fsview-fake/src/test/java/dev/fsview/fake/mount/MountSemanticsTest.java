package dev.fsview.fake.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.ViewSpec;
import dev.fsview.fake.FakeHost;
import dev.fsview.spi.errno.Errno;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Mount semantics of fake views, as the Linux backend has them (the conformance kit checks the
 * same against the real kernel): read-only and recursive read-only, bind and rbind, tmpfs, target
 * creation inside the root, EXDEV, EBUSY, and {@code ..} across mounts.
 */
class MountSemanticsTest {
    private static final String READ_ONLY = "Read-only file system";

    private final FakeHost host = new FakeHost();

    MountSemanticsTest() throws IOException {
        host.mkdirs("/c/root/etc")
                .file("/c/root/etc/hostname", "box")
                .mkdirs("/c/vol/sub")
                .file("/c/vol/file", "v")
                .file("/c/vol/sub/under", "hidden");
    }

    private FsView open(MountSpec... mounts) throws IOException {
        ViewSpec.Builder b = ViewSpec.builder("/c/root");
        for (MountSpec m : mounts) {
            b.mount(m);
        }
        return host.open(b.build());
    }

    private static MountSpec.BindBuilder vol(String dest) {
        return MountSpec.bind("/c/vol", dest);
    }

    private static void expectReadOnly(ThrowingConsumer<Path> write, Path p) {
        assertThatThrownBy(() -> write.accept(p))
                .isInstanceOf(FileSystemException.class)
                .hasMessageEndingWith(READ_ONLY);
    }

    @Test
    void aReadOnlyVolumeRefusesEveryKindOfWriteWithReadOnlyFileSystem() throws Exception {
        try (FsView view = open(vol("/data").build())) {
            Path d = view.path("/data");
            expectReadOnly(p -> Files.writeString(p.resolve("new"), "x"), d);
            expectReadOnly(
                    p -> Files.newByteChannel(p.resolve("file"), StandardOpenOption.WRITE), d);
            expectReadOnly(p -> Files.writeString(p.resolve("file"), "x"), d);
            expectReadOnly(p -> Files.delete(p.resolve("file")), d);
            expectReadOnly(p -> Files.move(p.resolve("file"), p.resolve("moved")), d);
            expectReadOnly(p -> Files.createDirectory(p.resolve("dir")), d);
            expectReadOnly(p -> Files.createSymbolicLink(p.resolve("l"), p), d);
            expectReadOnly(p -> Files.createLink(p.resolve("h"), p.resolve("file")), d);
            expectReadOnly(p -> Files.setAttribute(p.resolve("file"), "unix:mode", 0600), d);
            expectReadOnly(p -> Files.setAttribute(p.resolve("file"), "unix:uid", 7), d);
            expectReadOnly(
                    p -> Files.setLastModifiedTime(p.resolve("file"), FileTime.fromMillis(0)), d);
            expectReadOnly(p -> Files.setAttribute(p.resolve("file"), "user:x", new byte[] {1}), d);
            assertThat(Files.isWritable(d.resolve("file"))).isFalse();
            assertThat(host.readString("/c/vol/file")).isEqualTo("v");
            assertThat(host.list("/c/vol")).containsExactly("file", "sub");
        }
    }

    @Test
    void onAReadOnlyVolumeAnExistingNameIsStillReportedAsExisting() throws Exception {
        try (FsView view = open(vol("/data").build())) {
            assertThatThrownBy(() -> Files.createDirectory(view.path("/data/sub")))
                    .isInstanceOf(FileAlreadyExistsException.class);
            assertThatThrownBy(() -> Files.delete(view.path("/data/missing")))
                    .isInstanceOf(NoSuchFileException.class);
            assertThat(Files.readString(view.path("/data/file"))).isEqualTo("v");
        }
    }

    @Test
    void writesThroughAWritableVolumeReachTheHostAndHostWritesAreSeenLive() throws Exception {
        try (FsView view = open(vol("/data").writable().build())) {
            Files.writeString(view.path("/data/out"), "from view");
            assertThat(host.readString("/c/vol/out")).isEqualTo("from view");
            host.file("/c/vol/in", "from host");
            assertThat(Files.readString(view.path("/data/in"))).isEqualTo("from host");
            assertThat(view.path("/data")
                            .getFileSystem()
                            .provider()
                            .getFileStore(view.path("/data"))
                            .isReadOnly())
                    .isFalse();
        }
    }

    @Test
    void aRecursiveBindCarriesSubmountsAndANonRecursiveOneShowsTheDirectoryUnderneath()
            throws Exception {
        host.mountTmpfs("/c/vol/sub").file("/c/vol/sub/on-tmpfs", "t");
        try (FsView view = open(
                vol("/rbind").writable().build(),
                MountSpec.bind("/c/vol", "/bind").writable().nonRecursive().build())) {
            assertThat(Files.exists(view.path("/rbind/sub/on-tmpfs"))).isTrue();
            assertThat(Files.exists(view.path("/rbind/sub/under"))).isFalse();
            assertThat(Files.exists(view.path("/bind/sub/under"))).isTrue();
            assertThat(Files.exists(view.path("/bind/sub/on-tmpfs"))).isFalse();
        }
    }

    @Test
    void readOnlyIsRecursiveByDefaultAndNotWithReadOnlyNonRecursive() throws Exception {
        host.mountTmpfs("/c/vol/sub");
        try (FsView view = open(
                vol("/ro").build(),
                vol("/ronr").readOnlyNonRecursive().build(),
                vol("/force").readOnlyForceRecursive().build())) {
            expectReadOnly(p -> Files.writeString(p, "x"), view.path("/ro/sub/x"));
            expectReadOnly(p -> Files.writeString(p, "x"), view.path("/force/sub/x"));
            expectReadOnly(p -> Files.writeString(p, "x"), view.path("/ronr/x"));
            Files.writeString(view.path("/ronr/sub/x"), "x");
            assertThat(Files.readString(view.path("/ro/sub/x"))).isEqualTo("x");
        }
    }

    @Test
    void aFailedRecursiveReadOnlyIsIgnoredWithoutForceAndFatalWithIt() throws Exception {
        host.mountTmpfs("/c/vol/sub");
        host.faults()
                .fail(dev.fsview.fake.host.Faults.Step.RECURSIVE_READ_ONLY, "/data", Errno.EINVAL);
        try (FsView view = open(vol("/data").build())) {
            Files.writeString(view.path("/data/sub/x"), "submount stayed writable");
            expectReadOnly(p -> Files.writeString(p, "x"), view.path("/data/x"));
        }
        assertThatThrownBy(() -> open(vol("/data").readOnlyForceRecursive().build()))
                .isInstanceOfSatisfying(MountStepException.class, e -> {
                    assertThat(e.step()).isEqualTo(SetupStep.RECURSIVE_RO);
                    assertThat(e.syscall()).isEqualTo("mount_setattr");
                    assertThat(e.errno()).isEqualTo(Errno.EINVAL.number());
                    assertThat(e.containerPath()).isEqualTo("/data");
                });
    }

    @Test
    void aHostReadOnlySubmountStaysReadOnlyInAWritableVolume() throws Exception {
        host.mountReadOnlyBind("/c/vol/sub");
        try (FsView view = open(vol("/data").writable().build())) {
            Files.writeString(view.path("/data/top"), "ok");
            expectReadOnly(p -> Files.writeString(p, "x"), view.path("/data/sub/x"));
        }
    }

    @Test
    void tmpfsIsFreshPrivateToEachViewAndGoneAfterClose() throws Exception {
        MountSpec tmp = MountSpec.tmpfs("/tmp").mode(01770).build();
        try (FsView a = open(tmp);
                FsView b = open(tmp)) {
            Files.writeString(a.path("/tmp/mine"), "a");
            assertThat(Files.exists(b.path("/tmp/mine"))).isFalse();
            assertThat(Files.getAttribute(a.path("/tmp"), "unix:mode")).isEqualTo(041770);
            assertThat(host.list("/c/root/tmp")).isEmpty();
        }
        try (FsView c = open(tmp)) {
            assertThat(Files.list(c.path("/tmp")).count()).isZero();
        }
    }

    @Test
    void aFullTmpfsFailsWritesWithNoSpaceLeftOnDevice() throws Exception {
        try (FsView view = open(MountSpec.tmpfs("/tmp").sizeBytes(8192).build())) {
            try (SeekableByteChannel ch = Files.newByteChannel(
                    view.path("/tmp/big"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                assertThat(ch.write(ByteBuffer.allocate(10_000))).isEqualTo(8192);
                assertThatThrownBy(() -> ch.write(ByteBuffer.allocate(1)))
                        .isExactlyInstanceOf(IOException.class)
                        .hasMessage("No space left on device");
            }
            Files.delete(view.path("/tmp/big"));
            Files.write(view.path("/tmp/small"), new byte[4096]);
        }
    }

    @Test
    void nestedVolumesApplyParentFirstAndTheInnerTargetIsCreatedInTheOuterSource()
            throws Exception {
        host.mkdirs("/c/inner").file("/c/inner/i", "inner");
        try (FsView view = open(
                MountSpec.bind("/c/inner", "/data/deep/inner").build(),
                vol("/data").writable().build())) {
            assertThat(Files.readString(view.path("/data/deep/inner/i"))).isEqualTo("inner");
            assertThat(Files.readString(view.path("/data/file"))).isEqualTo("v");
        }
        assertThat(host.lstat("/c/vol/deep/inner")).get().matches(s -> s.isDirectory());
        assertThat(host.exists("/c/root/data")).isTrue();
    }

    @Test
    void aFileIsBoundOnAFileCreatedEmptyInTheRoot() throws Exception {
        try (FsView view =
                open(MountSpec.bind("/c/vol/file", "/etc/resolv.conf").build())) {
            assertThat(Files.readString(view.path("/etc/resolv.conf"))).isEqualTo("v");
            assertThat(Files.isRegularFile(view.path("/etc/resolv.conf"))).isTrue();
        }
        assertThat(host.read("/c/root/etc/resolv.conf")).isEmpty();
    }

    @Test
    void anAbsoluteSymlinkInTheDestinationResolvesInsideTheRoot() throws Exception {
        host.mkdirs("/run")
                .mkdirs("/c/root/run")
                .mkdirs("/c/root/var")
                .symlink("/c/root/var/run", "/run");
        try (FsView view = open(vol("/var/run/vol").writable().build())) {
            assertThat(Files.readString(view.path("/run/vol/file"))).isEqualTo("v");
        }
        assertThat(host.list("/run")).isEmpty();
        assertThat(host.list("/c/root/run")).containsExactly("vol");
    }

    @Test
    void aMountTargetThroughADanglingSymlinkIsCreatedWhereTheLinkPointsInsideTheRoot()
            throws Exception {
        host.symlink("/c/root/data", "/nowhere/data");
        try (FsView view = open(vol("/data/x").build())) {
            assertThat(Files.readString(view.path("/nowhere/data/x/file"))).isEqualTo("v");
        }
        assertThat(host.exists("/nowhere")).isFalse();
        assertThat(host.list("/c/root/nowhere/data")).containsExactly("x");
    }

    @Test
    void dotDotAtAVolumeRootLeavesToTheParentMountAndAtTheViewRootStays() throws Exception {
        try (FsView view = open(vol("/a/data").build())) {
            assertThat(Files.exists(view.path("/a/data/../data/file"))).isTrue();
            assertThat(Files.exists(view.path("/a/data/../../etc/hostname"))).isTrue();
            assertThat(Files.readString(view.path("/../../../etc/hostname"))).isEqualTo("box");
            assertThat(view.path("/a/data/..").toRealPath().toString()).isEqualTo("/a");
        }
    }

    @Test
    void renamingAcrossMountsIsExdevSoMoveCopiesAndAtomicMoveFails() throws Exception {
        try (FsView view = open(vol("/data").writable().build())) {
            Path from = view.path("/data/file");
            assertThatThrownBy(() ->
                            Files.move(from, view.path("/etc/f"), StandardCopyOption.ATOMIC_MOVE))
                    .isInstanceOf(AtomicMoveNotSupportedException.class)
                    .hasMessageEndingWith("Invalid cross-device link");
            assertThatThrownBy(() -> Files.createLink(view.path("/etc/h"), from))
                    .isInstanceOf(FileSystemException.class)
                    .hasMessageEndingWith("Invalid cross-device link");
            Files.move(from, view.path("/etc/f"));
            assertThat(host.readString("/c/root/etc/f")).isEqualTo("v");
            assertThat(host.exists("/c/vol/file")).isFalse();
            assertThatThrownBy(() -> Files.move(view.path("/data/sub"), view.path("/etc/sub")))
                    .as("the JDK moves only empty directories across file systems")
                    .isInstanceOf(java.nio.file.DirectoryNotEmptyException.class);
            Files.delete(view.path("/data/sub/under"));
            Files.move(view.path("/data/sub"), view.path("/etc/sub"));
            assertThat(host.lstat("/c/root/etc/sub")).get().matches(st -> st.isDirectory());
        }
    }

    @Test
    void aMountPointCannotBeRemovedOrRenamedInsideTheView() throws Exception {
        try (FsView view = open(
                vol("/data").writable().build(), MountSpec.tmpfs("/data/sub").build())) {
            assertThatThrownBy(() -> Files.delete(view.path("/data/sub")))
                    .isInstanceOf(FileSystemException.class)
                    .hasMessageEndingWith("Device or resource busy");
            assertThatThrownBy(() -> Files.move(
                            view.path("/data/sub"),
                            view.path("/data/s2"),
                            StandardCopyOption.ATOMIC_MOVE))
                    .hasMessageEndingWith("Device or resource busy");
        }
        host.deleteRecursively("/c/vol/sub");
        assertThat(host.exists("/c/vol/sub")).isFalse();
    }

    @Test
    void eachMountIsAFileStoreWithItsOwnReadOnlyFlag() throws Exception {
        try (FsView view = open(
                vol("/ro").build(), MountSpec.tmpfs("/tmp").sizeBytes(1 << 20).build())) {
            FileStore ro = Files.getFileStore(view.path("/ro/file"));
            FileStore tmp = Files.getFileStore(view.path("/tmp"));
            FileStore root = Files.getFileStore(view.path("/etc"));
            assertThat(ro.isReadOnly()).isTrue();
            assertThat(tmp.isReadOnly()).isFalse();
            assertThat(tmp.type()).isEqualTo("tmpfs");
            assertThat(tmp.getTotalSpace()).isEqualTo(1 << 20);
            assertThat(root).isNotEqualTo(ro).isEqualTo(Files.getFileStore(view.path("/")));
            List<String> all = new ArrayList<>();
            view.fileSystem().getFileStores().forEach(s -> all.add(s.toString()));
            assertThat(all).hasSize(3).anyMatch(s -> s.startsWith("/ro "));
        }
    }

    @Test
    void aDirectoryMovedOutFromUnderABindRootCannotClimbOutOfIt() throws Exception {
        host.mkdirs("/c/vol/sub/deeper").mkdirs("/c/secret").file("/c/secret/key", "k");
        try (FsView view = open(MountSpec.bind("/c/vol/sub", "/data").writable().build())) {
            view.chdir("/data/deeper");
            host.rename("/c/vol/sub/deeper", "/c/vol/moved-out");
            assertThatThrownBy(() -> Files.readString(view.path("../../secret/key")))
                    .isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> Files.readString(view.path("../../../../c/secret/key")))
                    .isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void aMissingBindSourceFailsNamingItAndADirectoryCannotGoOnAFile() throws Exception {
        assertThatThrownBy(() -> open(MountSpec.bind("/c/none", "/data").build()))
                .isInstanceOfSatisfying(MountStepException.class, e -> {
                    assertThat(e.step()).isEqualTo(SetupStep.STAT_SOURCE);
                    assertThat(e.getMessage()).contains("/c/none").contains("ENOENT");
                });
        // named as linux names it: move_mount's EINVAL with the new mount API (the default),
        // mount(2)'s ENOTDIR with the classic one
        assertThatThrownBy(() -> open(vol("/etc/hostname").build()))
                .isInstanceOfSatisfying(
                        MountStepException.class,
                        e -> assertThat(e.step().name() + " " + e.syscall() + " " + e.errno())
                                .isEqualTo("MOVE_MOUNT move_mount " + Errno.EINVAL.number()));
        assertThatThrownBy(() -> host.open(ViewSpec.builder("/c/root")
                        .mount(vol("/etc/hostname").build())
                        .option("linux.mount-api", "classic")
                        .build()))
                .isInstanceOfSatisfying(
                        MountStepException.class,
                        e -> assertThat(e.step().name() + " " + e.syscall() + " " + e.errno())
                                .isEqualTo("BIND mount " + Errno.ENOTDIR.number()));
    }
}
