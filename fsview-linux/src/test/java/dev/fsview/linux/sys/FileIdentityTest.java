package dev.fsview.linux.sys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@link Sys#identity}: the fields it decodes are the kernel's, and tell objects and mounts apart. */
class FileIdentityTest {
    @TempDir
    Path dir;

    @Test
    void readsTheInodeAndTheMountOfAPath() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        FileIdentity id = Sys.identity(Linux.AT_FDCWD, file.toString(), 0);
        assertThat(id.ino()).isEqualTo(((Number) Files.getAttribute(file, "unix:ino")).longValue());
        assertThat(id.knowsMount()).isTrue();
        try (Fd fd = new Fd(Sys.openat(Linux.AT_FDCWD, file.toString(), Arch.O_PATH, 0), "f")) {
            assertThat(id.mountId()).isEqualTo(Sys.mountId(fd.get()));
            assertThat(Sys.identity(fd.get(), "", Linux.AT_EMPTY_PATH)).isEqualTo(id);
        }
    }

    @Test
    void tellsTwoFilesAndTwoFileSystemsApart() throws Exception {
        FileIdentity a =
                Sys.identity(Linux.AT_FDCWD, Files.createFile(dir.resolve("a")).toString(), 0);
        FileIdentity b =
                Sys.identity(Linux.AT_FDCWD, Files.createFile(dir.resolve("b")).toString(), 0);
        assertThat(a.ino()).isNotEqualTo(b.ino());
        assertThat(a.dev()).isEqualTo(b.dev());
        // /proc is another file system, on another mount: both differ.
        FileIdentity proc = Sys.identity(Linux.AT_FDCWD, "/proc", 0);
        assertThat(proc.dev()).isNotEqualTo(a.dev());
        assertThat(proc.mountId()).isNotEqualTo(a.mountId());
    }

    @Test
    void isEqualOnlyWhenDeviceInodeAndMountAllAre() {
        FileIdentity id = new FileIdentity(0x800000001L, 42, 7);
        assertThat(id).isEqualTo(new FileIdentity(0x800000001L, 42, 7));
        assertThat(id).hasSameHashCodeAs(new FileIdentity(0x800000001L, 42, 7));
        assertThat(id)
                .isNotEqualTo(new FileIdentity(0x800000002L, 42, 7))
                .isNotEqualTo(new FileIdentity(0x800000001L, 43, 7))
                .isNotEqualTo(new FileIdentity(0x800000001L, 42, 8))
                .isNotEqualTo(new FileIdentity(0x800000001L, 42, -1))
                .isNotEqualTo(null)
                .isNotEqualTo("(dev=800000001,ino=42)");
    }
}
