package dev.fsview.fake.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.fake.FakeHost;
import dev.fsview.fake.host.ErrnoException;
import dev.fsview.spi.errno.Errno;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * System calls with raw path strings, where the kernel's order of checks decides which errno
 * wins, and where trailing slashes and {@code .}/{@code ..} as last components matter (NIO paths
 * never carry those, so only these tests reach them).
 */
class VfsSyscallTest {
    private final FakeHost host = new FakeHost();
    private final Vfs sys = host.process();

    VfsSyscallTest() throws Exception {
        host.mkdirs("/w/d/sub")
                .file("/w/f", "f")
                .mkdirs("/ro/existing")
                .file("/ro/file", "r")
                .mountReadOnlyBind("/ro")
                .symlink("/w/link", "d");
    }

    private static void fails(Errno errno, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        ErrnoException.class,
                        e -> assertThat(e.errno()).as("errno").isEqualTo(errno));
    }

    @Test
    void onAReadOnlyMountExistingNamesWinOverEroFsForCreationButNotForRemoval() {
        fails(Errno.EEXIST, () -> sys.mkdir("/ro/existing", 0755));
        fails(Errno.EROFS, () -> sys.mkdir("/ro/new", 0755));
        fails(Errno.EROFS, () -> sys.unlink("/ro/missing"));
        fails(Errno.EROFS, () -> sys.rmdir("/ro/missing"));
        fails(Errno.EEXIST, () -> sys.symlink("x", "/ro/file"));
        fails(Errno.EROFS, () -> sys.open("/ro/file", OpenFlags.O_WRONLY, 0));
        fails(Errno.EROFS, () -> sys.open("/ro/file", OpenFlags.O_RDONLY | OpenFlags.O_TRUNC, 0));
        fails(
                Errno.EEXIST,
                () -> sys.open(
                        "/ro/file",
                        OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_EXCL,
                        0644));
        fails(Errno.EROFS, () -> sys.rename("/ro/file", "/ro/other"));
    }

    @Test
    void dotDotDotAndRootAsLastComponentsGetTheKernelsErrnos() {
        fails(Errno.EINVAL, () -> sys.rmdir("/w/d/."));
        fails(Errno.ENOTEMPTY, () -> sys.rmdir("/w/d/sub/.."));
        fails(Errno.EBUSY, () -> sys.rmdir("/"));
        fails(Errno.EISDIR, () -> sys.unlink("/w/."));
        fails(Errno.EEXIST, () -> sys.mkdir("/w/d/.", 0755));
        fails(Errno.EBUSY, () -> sys.rename("/w/d/.", "/w/e"));
        fails(Errno.EBUSY, () -> sys.rename("/w/f", "/w/d/.."));
    }

    @Test
    void trailingSlashesAreForDirectoriesOnly() throws Exception {
        sys.mkdir("/w/made/", 0755);
        assertThat(sys.stat("/w/made/", true).isDirectory()).isTrue();
        fails(Errno.ENOENT, () -> sys.symlink("x", "/w/l/"));
        fails(
                Errno.EISDIR,
                () -> sys.open("/w/new/", OpenFlags.O_WRONLY | OpenFlags.O_CREAT, 0644));
        fails(Errno.ENOTDIR, () -> sys.unlink("/w/f/"));
        fails(Errno.ENOTDIR, () -> sys.rename("/w/f/", "/w/g"));
        fails(Errno.ENOTDIR, () -> sys.stat("/w/f/", false));
        assertThat(sys.stat("/w/link/", false).isDirectory())
                .as("a trailing slash follows")
                .isTrue();
        fails(Errno.EISDIR, () -> sys.unlink("/w/d"));
        fails(Errno.ENOTDIR, () -> sys.rmdir("/w/f"));
    }

    @Test
    void renameChecksKindsEmptinessAndAncestry() throws Exception {
        sys.mkdir("/w/empty", 0755);
        fails(Errno.ENOTDIR, () -> sys.rename("/w/d", "/w/f"));
        fails(Errno.EISDIR, () -> sys.rename("/w/f", "/w/empty"));
        fails(Errno.ENOTEMPTY, () -> sys.rename("/w/empty", "/w/d"));
        fails(Errno.EINVAL, () -> sys.rename("/w/d", "/w/d/sub/x"));
        fails(Errno.ENOTEMPTY, () -> sys.rename("/w/d/sub", "/w"));
        sys.rename("/w/d", "/w/empty");
        assertThat(sys.stat("/w/empty/sub", false).isDirectory()).isTrue();
        fails(Errno.ENOENT, () -> sys.stat("/w/d", false));
    }

    @Test
    void specialFilesAreInertAndDirectoriesCannotBeOpenedForWriting() throws Exception {
        host.fifo("/w/p").socket("/w/s");
        fails(Errno.ENXIO, () -> sys.open("/w/p", OpenFlags.O_RDONLY, 0));
        fails(Errno.ENXIO, () -> sys.open("/w/s", OpenFlags.O_RDWR, 0));
        fails(Errno.EISDIR, () -> sys.open("/w/d", OpenFlags.O_RDWR, 0));
        fails(Errno.ENOTDIR, () -> sys.open("/w/f", OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY, 0));
        fails(Errno.ELOOP, () -> sys.open("/w/link", OpenFlags.O_RDONLY | OpenFlags.O_NOFOLLOW, 0));
        fails(Errno.EINVAL, () -> sys.mknod("/w/dir-node", 0040755, 0));
        sys.open("/w/d", OpenFlags.O_RDONLY, 0).close();
    }

    @Test
    void chmodOfALinkItselfIsNotSupportedButChownOfItIs() throws Exception {
        fails(Errno.EOPNOTSUPP, () -> sys.chmod("/w/link", 0700, false));
        sys.chown("/w/link", 7, 8, false);
        assertThat(sys.stat("/w/link", false).uid()).isEqualTo(7);
        assertThat(sys.stat("/w/link", true).uid()).isZero();
    }
}
