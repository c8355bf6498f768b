package dev.fsview.fake.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.fake.FakeHost;
import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.mount.Location;
import dev.fsview.fake.vfs.Vfs;
import dev.fsview.spi.errno.Errno;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The path walk, component by component, with raw path strings (so trailing slashes, which
 * {@code java.nio} paths drop, are exercised too). Roots here are chroot-like: the walk runs as a
 * process whose root is {@code /jail}.
 */
class PathWalkerTest {
    private final FakeHost host = new FakeHost();
    private final Vfs hostProcess = host.process();
    private final Location jail;

    PathWalkerTest() throws Exception {
        host.mkdirs("/jail/etc")
                .file("/jail/etc/passwd", "root:x:0:0::/:/bin/sh")
                .mkdirs("/jail/d/e")
                .file("/jail/f", "f")
                .symlink("/jail/abs", "/etc")
                .symlink("/jail/rel", "d/e")
                .symlink("/jail/up", "../../../..")
                .symlink("/jail/dirslash", "d/")
                .symlink("/jail/fileslash", "f/")
                .symlink("/jail/empty-target", "/d/../f")
                .file("/etc-host", "outside");
        jail = hostProcess.resolve("/jail", true);
    }

    private Location walk(String path, boolean follow) throws ErrnoException {
        return hostProcess.kernel().shared(() -> PathWalker.resolve(jail, jail, path, follow));
    }

    private String where(String path) throws ErrnoException {
        Location l = walk(path, true);
        return hostProcess.kernel().shared(() -> hostProcess.pathOf(l));
    }

    private static void fails(Errno errno, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        ErrnoException.class, e -> assertThat(e.errno()).isEqualTo(errno));
    }

    @Test
    void absolutePathsAndAbsoluteLinksStartAtTheProcessRoot() throws Exception {
        assertThat(where("/etc/passwd")).isEqualTo("/jail/etc/passwd");
        assertThat(where("/abs/passwd")).isEqualTo("/jail/etc/passwd");
        assertThat(where("abs/passwd")).isEqualTo("/jail/etc/passwd");
    }

    @Test
    void dotDotIsClampedAtTheProcessRoot() throws Exception {
        assertThat(where("/../../..")).isEqualTo("/jail");
        assertThat(where("up/etc/..")).isEqualTo("/jail");
        assertThat(where("up")).isEqualTo("/jail");
        fails(Errno.ENOENT, () -> walk("/../etc-host", true));
    }

    @Test
    void aTrailingSlashFollowsTheLinkAndRequiresADirectory() throws Exception {
        fails(Errno.ENOTDIR, () -> walk("f/", true));
        fails(Errno.ENOTDIR, () -> walk("f/.", true));
        fails(Errno.ENOTDIR, () -> walk("fileslash", true));
        assertThat(walk("rel/", false).inode().isDirectory()).isTrue();
        assertThat(walk("rel", false).inode().isSymlink()).isTrue();
        assertThat(where("dirslash")).isEqualTo("/jail/d");
        assertThat(where("empty-target")).isEqualTo("/jail/f");
    }

    @Test
    void aNonDirectoryInTheMiddleIsNotADirectoryEvenBeforeDotDot() {
        fails(Errno.ENOTDIR, () -> walk("f/..", true));
        fails(Errno.ENOTDIR, () -> walk("etc/passwd/x", true));
    }

    @Test
    void theEmptyPathIsNoSuchFileAndOverlongNamesAndPathsAreTooLong() throws Exception {
        fails(Errno.ENOENT, () -> walk("", true));
        fails(Errno.ENAMETOOLONG, () -> walk("/" + "n".repeat(256), true));
        fails(Errno.ENOENT, () -> walk("/" + "n".repeat(255), true));
        fails(Errno.ENOENT, () -> walk("/missing/" + "n".repeat(256), true));
        fails(Errno.ENAMETOOLONG, () -> walk("/" + "d/".repeat(2048), true));
        assertThat(where("/" + "./".repeat(2000) + "etc")).isEqualTo("/jail/etc");
    }

    @Test
    void linksAreFollowedFortyTimesAndTheFortyFirstIsALoop() throws Exception {
        host.symlink("/jail/l0", "f");
        for (int i = 1; i <= 41; i++) {
            host.symlink("/jail/l" + i, "l" + (i - 1));
        }
        assertThat(where("l39")).isEqualTo("/jail/f");
        fails(Errno.ELOOP, () -> walk("l40", true));
        assertThat(walk("l40", false).inode().isSymlink()).isTrue();
        host.symlink("/jail/loop", "loop/x");
        fails(Errno.ELOOP, () -> walk("loop", true));
    }

    @Test
    void anEmptyLinkTargetIsNoSuchFile() throws Exception {
        host.process().symlink("x", "/jail/tmp-link");
        fails(Errno.ENOENT, () -> hostProcess.symlink("", "/jail/blank"));
        fails(Errno.ENOENT, () -> walk("/missing-dir/x", true));
    }
}
