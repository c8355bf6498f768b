package dev.fsview.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.OptionsConflictException;
import dev.fsview.PathStat;
import dev.fsview.spi.HostJdk;
import dev.fsview.testkit.HostFixture.Kind;
import dev.fsview.testkit.support.HostTree;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What mounts look like from inside a view: volumes are live both ways when writable and refuse
 * every write when read-only (recursively, unless asked otherwise); binds carry submounts unless
 * non-recursive; nested volumes land parent-first; files bind onto files; tmpfs mounts are private
 * to their view and die with it. Mounts never show on the host.
 */
public abstract class MountContract extends ViewContract {
    private static final String EROFS = "Read-only file system";
    private static final String EXDEV = "Invalid cross-device link";

    // ---- writable volumes: live in both directions

    @Test
    void writesToAWritableVolumeReachTheHost() throws IOException {
        String root = dir("root");
        String vol = dir("vol");
        file(vol + "/old", "old");
        host.mkdirs(vol + "/gone");
        try (FsView view = open(root, MountSpec.bind(vol, "/data").writable().build())) {
            Files.writeString(view.path("/data/new"), "from the view");
            Files.createDirectory(view.path("/data/dir"));
            Files.move(view.path("/data/old"), view.path("/data/dir/moved"));
            Files.delete(view.path("/data/gone"));
        }
        assertThat(host.readString(vol + "/new")).isEqualTo("from the view");
        assertThat(host.readString(vol + "/dir/moved")).isEqualTo("old");
        assertThat(host.list(vol)).containsExactly("dir", "new");
    }

    @Test
    void hostWritesToAVolumeAreVisibleLiveInTheView() throws IOException {
        String root = dir("root");
        String vol = dir("vol");
        file(vol + "/file", "before");
        try (FsView view = open(root, MountSpec.bind(vol, "/data").build())) {
            assertThat(Files.readString(view.path("/data/file"))).isEqualTo("before");
            host.write(vol + "/file", "after");
            host.write(vol + "/later", "new");
            assertThat(Files.readString(view.path("/data/file"))).isEqualTo("after");
            assertThat(Files.readString(view.path("/data/later"))).isEqualTo("new");
            host.deleteRecursively(vol + "/later");
            assertThatThrownBy(() -> Files.readString(view.path("/data/later")))
                    .isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void mountsAreNotVisibleOnTheHost() throws IOException {
        String root = dir("root");
        host.mkdirs(root + "/data");
        String vol = dir("vol");
        file(vol + "/file", "volume");
        try (FsView view = open(
                root,
                MountSpec.bind(vol, "/data").writable().build(),
                MountSpec.tmpfs("/scratch").build())) {
            Files.writeString(view.path("/scratch/x"), "x");
            assertThat(Files.readString(view.path("/data/file"))).isEqualTo("volume");
            assertThat(host.list(root + "/data")).isEmpty();
            assertThat(host.list(root + "/scratch")).isEmpty();
        }
    }

    // A mount boundary is a device boundary for rename(2) and link(2) (EXDEV, even between two
    // binds of one file system), and the JDK answers EXDEV by copying: a backend that renamed
    // across it would "move" what the JDK refuses to and keep inodes the JDK would copy.
    @Test
    void aMoveAcrossAMountBoundaryIsTheJdksCopyAndDeleteNeverARename() throws IOException {
        String root = dir("root");
        String vol = dir("vol");
        file(vol + "/file", "on the volume");
        file(vol + "/full/inside", "x");
        try (FsView view = open(root, MountSpec.bind(vol, "/data").writable().build())) {
            Path file = view.path("/data/file");
            assertThatThrownBy(() ->
                            Files.move(file, view.path("/moved"), StandardCopyOption.ATOMIC_MOVE))
                    .isInstanceOf(AtomicMoveNotSupportedException.class)
                    .extracting(e -> ((FileSystemException) e).getReason())
                    .isEqualTo(EXDEV);
            assertThatThrownBy(() -> Files.createLink(view.path("/hard"), file))
                    .isExactlyInstanceOf(FileSystemException.class)
                    .extracting(e -> ((FileSystemException) e).getReason())
                    .isEqualTo(EXDEV);
            assertThatThrownBy(() -> Files.move(view.path("/data/full"), view.path("/full")))
                    .as("the JDK copies only an empty directory across file systems")
                    .isInstanceOf(DirectoryNotEmptyException.class);
            Files.move(file, view.path("/moved"));
        }
        assertThat(host.readString(root + "/moved")).isEqualTo("on the volume");
        assertThat(host.list(vol)).containsExactly("full");
        assertThat(host.list(vol + "/full")).containsExactly("inside");
        assertThat(host.list(root)).containsExactly("data", "moved");
    }

    // ---- read-only volumes

    @ParameterizedTest
    @EnumSource(ReadOnlyWrite.class)
    void aReadOnlyVolumeRefusesEveryKindOfWrite(ReadOnlyWrite write) throws IOException {
        String root = dir("root");
        file(root + "/outside-file", "root file");
        String vol = dir("vol");
        file(vol + "/file", "volume file");
        host.mkdirs(vol + "/emptydir");
        HostTree before = HostTree.of(host, vol);
        try (FsView view = open(root, MountSpec.bind(vol, "/data").build())) {
            assertThat(Files.readString(view.path("/data/file"))).isEqualTo("volume file");
            assertReadOnly(() -> write.attempt(view.path("/data"), view.path("/")));
        }
        before.assertUnchanged(host, write + " through a read-only volume");
    }

    /**
     * Which paths the refusal names is the JDK's to decide, and changed in JDK 22 (JDK-8073061,
     * {@link HostJdk#checksADirectoryIsWritableBeforeMovingIt()}): a backend that re-implements
     * move must follow the JDK it runs on, and the Linux backend proves what that JDK does.
     */
    @Test
    void movingInAReadOnlyVolumeFailsNamingWhatTheRunningJdkNames() throws IOException {
        String vol = dir("vol");
        host.mkdirs(vol + "/dir");
        file(vol + "/file", "x");
        HostTree before = HostTree.of(host, vol);
        try (FsView view = open(dir("root"), MountSpec.bind(vol, "/data").build())) {
            Path dir = view.path("/data/dir");
            if (HostJdk.checksADirectoryIsWritableBeforeMovingIt()) {
                for (Path target :
                        List.of(view.path("/data/moved"), view.path("/data/file"), dir)) {
                    assertThatThrownBy(() -> Files.move(dir, target))
                            .isExactlyInstanceOf(FileSystemException.class)
                            .hasMessage("/data/dir: Read-only file system");
                }
            } else {
                assertThatThrownBy(() -> Files.move(dir, view.path("/data/moved")))
                        .isExactlyInstanceOf(FileSystemException.class)
                        .hasMessage("/data/dir -> /data/moved: Read-only file system");
                assertThatThrownBy(() -> Files.move(dir, view.path("/data/file")))
                        .isInstanceOf(FileAlreadyExistsException.class);
                assertThat(Files.move(dir, dir)).isEqualTo(dir);
            }
            assertThatThrownBy(() -> Files.move(view.path("/data/file"), view.path("/data/moved")))
                    .isExactlyInstanceOf(FileSystemException.class)
                    .hasMessage("/data/file -> /data/moved: Read-only file system");
        }
        before.assertUnchanged(host, "moves in a read-only volume");
    }

    @Test
    void recursiveReadOnlyCoversSubmounts() throws IOException {
        Submounts vol = submounts();
        try (FsView view = open(dir("root"), MountSpec.bind(vol.dir, "/data").build())) {
            assertThat(Files.readString(view.path("/data/sub/over"))).isEqualTo("on the tmpfs");
            assertReadOnly(() -> Files.writeString(view.path("/data/new"), "x"));
            assertReadOnly(() -> Files.writeString(view.path("/data/sub/new"), "x"));
            assertReadOnly(() -> Files.writeString(view.path("/data/rosub/new"), "x"));
            host.write(vol.dir + "/sub/host-still-writes", "yes");
        }
        assertThat(host.list(vol.dir + "/sub")).containsExactly("host-still-writes", "over");
    }

    @Test
    void forceRecursiveReadOnlyCoversSubmountsOrRefusesToOpen() throws IOException {
        Submounts vol = submounts();
        MountSpec forced =
                MountSpec.bind(vol.dir, "/data").readOnlyForceRecursive().build();
        FsView view;
        try {
            view = open(dir("root"), forced);
        } catch (MountStepException cannotMakeEverySubmountReadOnly) {
            return; // what force means where the kernel cannot apply recursive read-only
        }
        try (view) {
            assertReadOnly(() -> Files.writeString(view.path("/data/new"), "x"));
            assertReadOnly(() -> Files.writeString(view.path("/data/sub/new"), "x"));
        }
    }

    @Test
    void readOnlyNonRecursiveLeavesSubmountsWritable() throws IOException {
        Submounts vol = submounts();
        try (FsView view = open(
                dir("root"),
                MountSpec.bind(vol.dir, "/data").readOnlyNonRecursive().build())) {
            assertReadOnly(() -> Files.writeString(view.path("/data/new"), "x"));
            Files.writeString(view.path("/data/sub/new"), "through the view");
            assertReadOnly(() -> Files.writeString(view.path("/data/rosub/new"), "x"));
        }
        assertThat(host.readString(vol.dir + "/sub/new")).isEqualTo("through the view");
    }

    @Test
    void aWritableVolumeKeepsTheReadOnlySubmountsOfItsSource() throws IOException {
        Submounts vol = submounts();
        try (FsView view =
                open(dir("root"), MountSpec.bind(vol.dir, "/data").writable().build())) {
            Files.writeString(view.path("/data/new"), "top");
            Files.writeString(view.path("/data/sub/new"), "sub");
            assertReadOnly(() -> Files.writeString(view.path("/data/rosub/new"), "x"));
        }
        assertThat(host.readString(vol.dir + "/new")).isEqualTo("top");
        assertThat(host.readString(vol.dir + "/sub/new")).isEqualTo("sub");
    }

    @Test
    void aRecursiveBindShowsTheSourcesSubmounts() throws IOException {
        Submounts vol = submounts();
        try (FsView view = open(dir("root"), MountSpec.bind(vol.dir, "/data").build())) {
            assertThat(names(view.path("/data/sub"))).containsExactly("over");
        }
    }

    @Test
    void aNonRecursiveBindHidesTheSourcesSubmounts() throws IOException {
        Submounts vol = submounts();
        try (FsView view = open(
                dir("root"), MountSpec.bind(vol.dir, "/data").nonRecursive().build())) {
            assertThat(names(view.path("/data/sub"))).containsExactly("under");
            assertThat(Files.readString(view.path("/data/sub/under"))).isEqualTo("below the tmpfs");
        }
    }

    /** A volume source with a tmpfs submount at sub/ and a read-only bind submount at rosub/. */
    private Submounts submounts() throws IOException {
        String vol = dir("vol");
        file(vol + "/top", "top");
        file(vol + "/sub/under", "below the tmpfs");
        host.mountTmpfs(vol + "/sub");
        host.write(vol + "/sub/over", "on the tmpfs");
        file(vol + "/rosub/ro", "read-only submount");
        host.mountReadOnlyBind(vol + "/rosub");
        return new Submounts(vol);
    }

    private static final class Submounts {
        final String dir;

        Submounts(String dir) {
            this.dir = dir;
        }
    }

    // ---- options

    @Test
    void conflictingOptionsAreRefusedWithTheSeedsMessages() {
        assertThatThrownBy(() -> MountSpec.bind("/src", "/dst")
                        .writable()
                        .readOnlyNonRecursive()
                        .build())
                .isInstanceOf(OptionsConflictException.class)
                .hasMessage("options conflict: Writable && ReadOnlyNonRecursive");
        assertThatThrownBy(() -> MountSpec.bind("/src", "/dst")
                        .writable()
                        .readOnlyForceRecursive()
                        .build())
                .isInstanceOf(OptionsConflictException.class)
                .hasMessage("options conflict: Writable && ReadOnlyForceRecursive");
        assertThatThrownBy(() -> MountSpec.bind("/src", "/dst")
                        .readOnlyNonRecursive()
                        .readOnlyForceRecursive()
                        .build())
                .isInstanceOf(OptionsConflictException.class)
                .hasMessage("options conflict: ReadOnlyNonRecursive && ReadOnlyForceRecursive");
    }

    // ---- placement

    @Test
    void nestedVolumesAreAppliedParentFirstWhateverTheirOrder() throws IOException {
        String outer = dir("outer");
        file(outer + "/outer-file", "outer");
        file(outer + "/inner/hidden", "outer's own inner directory");
        String inner = dir("inner");
        file(inner + "/inner-file", "inner");
        try (FsView view = open(
                dir("root"),
                MountSpec.bind(inner, "/data/inner").build(),
                MountSpec.bind(outer, "/data").build())) {
            assertThat(Files.readString(view.path("/data/outer-file"))).isEqualTo("outer");
            assertThat(names(view.path("/data/inner"))).containsExactly("inner-file");
        }
    }

    @Test
    void aMissingDestinationIsCreatedInsideTheRoot() throws IOException {
        String root = dir("root");
        String vol = dir("vol");
        file(vol + "/file", "volume");
        try (FsView view = open(root, MountSpec.bind(vol, "/new/deep/dir").build())) {
            assertThat(Files.readString(view.path("/new/deep/dir/file"))).isEqualTo("volume");
        }
        assertThat(host.kind(root + "/new/deep/dir")).isEqualTo(Kind.DIRECTORY);
        assertThat(host.list(root + "/new/deep/dir")).isEmpty();
    }

    @Test
    void aDestinationThroughAnAbsoluteSymlinkResolvesInsideTheRoot() throws IOException {
        String root = dir("root");
        host.mkdirs(root + "/run");
        host.mkdirs(root + "/var");
        host.symlink(root + "/var/run", "/run");
        String vol = dir("vol");
        file(vol + "/sock", "volume");
        try (FsView view = open(root, MountSpec.bind(vol, "/var/run/app").build())) {
            assertThat(Files.readString(view.path("/run/app/sock"))).isEqualTo("volume");
            assertThat(Files.readString(view.path("/var/run/app/sock"))).isEqualTo("volume");
        }
        assertThat(host.kind(root + "/run/app")).isEqualTo(Kind.DIRECTORY);
    }

    @Test
    void aDestinationThroughASymlinkIntoAnEarlierVolumeLandsOnThatVolume() throws IOException {
        // Each destination is resolved once the mounts before it are in place (moby's order): a
        // link into another volume's destination leads into that volume, not to the directory
        // the volume hides.
        String root = dir("root");
        host.mkdirs(root + "/data/sub");
        file(root + "/data/sub/hidden", "the root's own, under the volume");
        host.symlink(root + "/link", "/data/sub");
        String outer = dir("outer");
        file(outer + "/sub/outer-file", "outer");
        String linked = dir("linked");
        file(linked + "/linked-file", "linked");
        try (FsView view = open(
                root,
                MountSpec.bind(outer, "/data").build(),
                MountSpec.bind(linked, "/link").build())) {
            assertThat(names(view.path("/data/sub"))).containsExactly("linked-file");
            assertThat(Files.readString(view.path("/link/linked-file"))).isEqualTo("linked");
        }
        assertThat(host.list(outer + "/sub")).containsExactly("outer-file");
        assertThat(host.list(root + "/data/sub")).containsExactly("hidden");
    }

    @Test
    void aVolumeBelowWhereALinkedVolumeLandedGoesIntoThatVolume() throws IOException {
        // "/b/c" is not below "/a" by its spelling, but /a is a link to /b: once the volume at /a
        // is in place, /b/c lies inside it.
        String root = dir("root");
        host.mkdirs(root + "/b/c");
        file(root + "/b/c/hidden", "the root's own, under the volume");
        host.symlink(root + "/a", "/b");
        String outer = dir("outer");
        file(outer + "/c/outer-file", "outer");
        String inner = dir("inner");
        file(inner + "/inner-file", "inner");
        try (FsView view = open(
                root,
                MountSpec.bind(outer, "/a").build(),
                MountSpec.bind(inner, "/b/c").build())) {
            assertThat(names(view.path("/b/c"))).containsExactly("inner-file");
            assertThat(names(view.path("/a/c"))).containsExactly("inner-file");
        }
        assertThat(host.list(outer + "/c")).containsExactly("outer-file");
        assertThat(host.list(root + "/b/c")).containsExactly("hidden");
    }

    @Test
    void aFileBindsOntoAFile() throws IOException {
        String root = dir("root");
        file(root + "/etc/resolv.conf", "container's own");
        String hostFile = file(dir("src") + "/resolv.conf", "nameserver 10.0.0.1\n");
        try (FsView view =
                open(root, MountSpec.bind(hostFile, "/etc/resolv.conf").build())) {
            assertThat(Files.readString(view.path("/etc/resolv.conf")))
                    .isEqualTo("nameserver 10.0.0.1\n");
            assertReadOnly(() -> Files.writeString(view.path("/etc/resolv.conf"), "x"));
        }
        assertThat(host.readString(root + "/etc/resolv.conf")).isEqualTo("container's own");
        assertThat(host.readString(hostFile)).isEqualTo("nameserver 10.0.0.1\n");
    }

    @Test
    void aWritableFileBindIsLiveBothWaysAndAMissingTargetIsCreatedAsAFile() throws IOException {
        String root = dir("root");
        String hostFile = file(dir("src") + "/hosts", "127.0.0.1 localhost\n");
        try (FsView view =
                open(root, MountSpec.bind(hostFile, "/etc/hosts").writable().build())) {
            Files.writeString(view.path("/etc/hosts"), "from the view");
            assertThat(host.readString(hostFile)).isEqualTo("from the view");
            host.write(hostFile, "from the host");
            assertThat(Files.readString(view.path("/etc/hosts"))).isEqualTo("from the host");
        }
        assertThat(host.kind(root + "/etc/hosts")).isEqualTo(Kind.FILE);
        assertThat(host.attributes(root + "/etc/hosts").size()).isZero();
    }

    // ---- tmpfs

    @Test
    void aTmpfsIsPrivateToEachView() throws IOException {
        String root = dir("root");
        MountSpec tmp = MountSpec.tmpfs("/scratch").build();
        try (FsView one = open(root, tmp);
                FsView two = open(root, tmp)) {
            Files.writeString(one.path("/scratch/mine"), "one");
            assertThat(names(two.path("/scratch"))).isEmpty();
            Files.writeString(two.path("/scratch/mine"), "two");
            assertThat(Files.readString(one.path("/scratch/mine"))).isEqualTo("one");
        }
        assertThat(host.list(root + "/scratch")).isEmpty();
    }

    @Test
    void aTmpfsIsGoneAfterClose() throws IOException {
        String root = dir("root");
        MountSpec tmp = MountSpec.tmpfs("/scratch").build();
        try (FsView view = open(root, tmp)) {
            Files.writeString(view.path("/scratch/file"), "ephemeral");
        }
        try (FsView view = open(root, tmp)) {
            assertThat(names(view.path("/scratch"))).isEmpty();
        }
        assertThat(host.list(root + "/scratch")).isEmpty();
    }

    @Test
    void aTmpfsHasTheRequestedModeAndSizeLimit() throws IOException {
        try (FsView view = open(
                dir("root"),
                MountSpec.tmpfs("/default").build(),
                MountSpec.tmpfs("/private").mode(0700).build(),
                MountSpec.tmpfs("/small").sizeBytes(1 << 20).build())) {
            PathStat st = view.stat("/default");
            assertThat(st.isDirectory()).isTrue();
            assertThat(st.permissions()).isEqualTo(MountSpec.DEFAULT_TMPFS_MODE);
            assertThat(view.stat("/private").permissions()).isEqualTo(0700);
            byte[] twoMiB = new byte[2 << 20];
            assertThatThrownBy(() -> Files.write(view.path("/small/big"), twoMiB))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("No space left on device");
        }
    }

    /** Asserts what the JDK throws for EROFS: a plain FileSystemException, the kernel's text. */
    static void assertReadOnly(ThrowingCallable write) {
        assertThatThrownBy(write)
                .isExactlyInstanceOf(FileSystemException.class)
                .extracting(e -> ((FileSystemException) e).getReason())
                .isEqualTo(EROFS);
    }

    /** The sorted names in a directory of a view. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
