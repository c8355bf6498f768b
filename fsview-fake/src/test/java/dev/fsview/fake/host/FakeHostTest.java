package dev.fsview.fake.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.fake.FakeHost;
import dev.fsview.fake.vfs.Stat;
import dev.fsview.spi.errno.Errno;

import org.junit.jupiter.api.Test;

import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.time.Instant;

/** The host API tests build trees with and read them back by. */
class FakeHostTest {
    private final FakeHost host = new FakeHost();

    @Test
    void treesAreBuiltAndReadBackWithTheirMetadata() throws Exception {
        host.mkdirs("/a/b")
                .file("/a/b/f", new byte[] {1, 2, 3})
                .chown("/a/b/f", 10, 20)
                .chmod("/a/b/f", 04755)
                .mtime("/a/b/f", Instant.ofEpochSecond(1_000_000, 5))
                .symlink("/a/l", "../nowhere")
                .hardLink("/a/h", "/a/b/f")
                .blockDevice("/a/sda", 8, 0)
                .mkdir("/a/t", 01777);
        Stat f = host.lstat("/a/b/f").orElseThrow();
        host.file("/a/suid", new byte[0], 04755).chown("/a/suid", 1, 1);
        assertThat(host.lstat("/a/suid").orElseThrow().mode())
                .as("chown clears setuid, as chown(2)")
                .isEqualTo(0100755);
        assertThat(f.mode()).isEqualTo(0104755);
        assertThat(f.uid()).isEqualTo(10);
        assertThat(f.gid()).isEqualTo(20);
        assertThat(f.mtime()).isEqualTo(1_000_000_000_000_005L);
        assertThat(f.nlink()).isEqualTo(2);
        assertThat(host.read("/a/h")).containsExactly(1, 2, 3);
        assertThat(host.readLink("/a/l")).isEqualTo("../nowhere");
        assertThat(host.lstat("/a/sda").orElseThrow().rdev()).isEqualTo(FakeHost.makedev(8, 0));
        assertThat(host.lstat("/a/t").orElseThrow().mode()).isEqualTo(041777);
        assertThat(host.list("/a")).containsExactly("b", "h", "l", "sda", "suid", "t");
        assertThat(host.exists("/a/l")).isTrue();
        assertThat(host.lstat("/a/missing")).isEmpty();
        assertThatThrownBy(() -> host.readLink("/a/h")).isInstanceOf(NotLinkException.class);
        assertThatThrownBy(() -> host.read("/a/l"))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("NOFOLLOW_LINKS");
    }

    @Test
    void badPathsAreRefusedClearlyAndChangeNothing() throws Exception {
        host.mkdirs("/a");
        assertThatThrownBy(() -> host.mkdirs("relative/dir"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relative/dir");
        assertThatThrownBy(() -> host.file("a/f", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> host.file("/a/f\0/../g", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> host.symlink("/a/l", "t\0x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> host.faults().failOpen("relative", Errno.EIO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> host.faults().fail(Faults.Step.OPEN, "/x", Errno.EIO, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(host.list("/a")).isEmpty();
        assertThat(host.list("/")).containsExactly("a");
    }

    @Test
    void hostMountsAreListedAndBusyUntilUnmounted() throws Exception {
        host.mkdirs("/m/t").mkdirs("/m/r").mountTmpfs("/m/t", 4096, 0700).mountReadOnlyBind("/m/r");
        assertThat(host.mounts())
                .containsExactly(
                        "/ fakefs /dev/fake0 rw",
                        "/m/t tmpfs tmpfs rw",
                        "/m/r fakefs /dev/fake0 ro");
        assertThatThrownBy(() -> host.file("/m/r/x", "x"))
                .isInstanceOf(FileSystemException.class)
                .hasMessageEndingWith("Read-only file system");
        assertThatThrownBy(() -> host.delete("/m/t"))
                .isInstanceOf(FileSystemException.class)
                .hasMessageEndingWith("Device or resource busy");
        assertThatThrownBy(() -> host.unmount("/m"))
                .isInstanceOf(FileSystemException.class)
                .hasMessageEndingWith("Invalid argument");
        host.unmount("/m/t").unmount("/m/r");
        assertThat(host.mounts()).containsExactly("/ fakefs /dev/fake0 rw");
        host.deleteRecursively("/m");
        assertThatThrownBy(
                        () -> host.lstat("/m/t").orElseThrow(() -> new NoSuchFileException("/m/t")))
                .isInstanceOf(NoSuchFileException.class);
    }
}
