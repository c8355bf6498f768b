package dev.fsview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MountEntryTest {
    @Test
    void parsesAMountinfoLineWithOptionalFieldsAndEscapes() {
        MountEntry e = MountEntry.parseMountinfo("36 35 98:0 /mnt1 /data\\040dir rw,nosuid,nodev "
                + "shared:1 master:2 - ext3 /dev/root rw,errors=continue");
        assertThat(e.mountPoint()).isEqualTo("/data dir");
        assertThat(e.root()).isEqualTo("/mnt1");
        assertThat(e.fsType()).isEqualTo("ext3");
        assertThat(e.source()).isEqualTo("/dev/root");
        assertThat(e.options()).containsExactly("rw", "nosuid", "nodev");
        assertThat(e.readOnly()).isFalse();
        assertThat(e.toString()).isEqualTo("/data dir ext3 /dev/root rw,nosuid,nodev");
    }

    @Test
    void readOnlyAndNoOptionalFields() {
        MountEntry e = MountEntry.parseMountinfo(
                "40 36 0:42 / /tmp ro,relatime - tmpfs agent-tmp rw,size=4096k");
        assertThat(e.readOnly()).isTrue();
        assertThat(e.fsType()).isEqualTo("tmpfs");
    }

    @Test
    void refusesWhatIsNotMountinfo() {
        assertThatThrownBy(() -> MountEntry.parseMountinfo("tmpfs /tmp tmpfs rw 0 0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a mountinfo line");
    }
}
