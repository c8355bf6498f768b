package dev.fsview.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** fsview's one mountinfo parser, on proc(5)'s own example and the kernel's escapes. */
class MountinfoTest {

    @Test
    void parsesProcFivesExampleWithItsOptionalFields() {
        Mountinfo.Line l = Mountinfo.parse(
                "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue");
        assertThat(l.id()).isEqualTo(36);
        assertThat(l.parentId()).isEqualTo(35);
        assertThat(l.root()).isEqualTo("/mnt1");
        assertThat(l.mountPoint()).isEqualTo("/mnt2");
        assertThat(l.options()).containsExactly("rw", "noatime");
        assertThat(l.fsType()).isEqualTo("ext3");
        assertThat(l.source()).isEqualTo("/dev/root");
        assertThat(l.readOnly()).isFalse();
        assertThat(l.nodev()).isFalse();
    }

    @Test
    void readsThePerMountFlagsNotTheSuperblocks() {
        Mountinfo.Line l = Mountinfo.parse(
                "40 36 0:42 / /tmp ro,nosuid,nodev,relatime shared:3 master:1 - tmpfs tmpfs rw");
        assertThat(l.readOnly()).isTrue();
        assertThat(l.nodev()).isTrue();
        Mountinfo.Line rwMountOfRoSuperblock =
                Mountinfo.parse("41 36 0:43 / /data rw,relatime - ext4 /dev/sda1 ro");
        assertThat(rwMountOfRoSuperblock.readOnly()).isFalse();
    }

    @Test
    void unescapesTheKernelsOctalEscapesInPaths() {
        Mountinfo.Line l =
                Mountinfo.parse("50 36 0:44 /a\\134b /x\\040y\\011z rw - fuse my\\040src rw");
        assertThat(l.root()).isEqualTo("/a\\b");
        assertThat(l.mountPoint()).isEqualTo("/x y\tz");
        assertThat(l.source()).isEqualTo("my src");
        assertThat(Mountinfo.unescape("/trailing\\04")).isEqualTo("/trailing\\04");
        assertThat(Mountinfo.unescape("/not\\999octal")).isEqualTo("/not\\999octal");
    }

    @Test
    void refusesWhatIsNotMountinfo() {
        for (String bad : List.of(
                "tmpfs /tmp tmpfs rw 0 0",
                "",
                "x 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw",
                "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 ext3 /dev/root rw")) {
            assertThatThrownBy(() -> Mountinfo.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a mountinfo line");
        }
    }

    @Test
    void readsAWholeTableInOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mountinfo");
        Files.writeString(
                file,
                "1 1 0:1 / / rw - rootfs rootfs rw\n"
                        + "2 1 0:2 / /proc rw,nosuid,nodev - proc proc rw\n");
        assertThat(Mountinfo.read(file))
                .extracting(Mountinfo.Line::mountPoint)
                .containsExactly("/", "/proc");
    }

    @Test
    void theLineIsTheApisMountEntry() {
        Mountinfo.Line l = Mountinfo.parse("40 36 0:42 /sub /tmp ro - tmpfs tmpfs rw");
        assertThat(l.entry())
                .isEqualTo(dev.fsview.MountEntry.parseMountinfo(
                        "40 36 0:42 /sub /tmp ro - tmpfs tmpfs rw"));
        assertThat(l.entry().root()).isEqualTo("/sub");
    }
}
