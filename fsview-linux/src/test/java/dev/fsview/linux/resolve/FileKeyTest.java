package dev.fsview.linux.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link FileKey}: a value of device and inode, printed as the JDK prints its own keys. */
class FileKeyTest {
    @Test
    void isEqualOnlyWhenDeviceAndInodeBothAre() {
        FileKey key = new FileKey(0x10303L, 1234);
        assertThat(key).isEqualTo(new FileKey(0x10303L, 1234));
        assertThat(key).hasSameHashCodeAs(new FileKey(0x10303L, 1234));
        assertThat(key)
                .isNotEqualTo(new FileKey(0x10304L, 1234))
                .isNotEqualTo(new FileKey(0x10303L, 1235))
                .isNotEqualTo(new FileKey(1234, 0x10303L))
                .isNotEqualTo(null)
                .isNotEqualTo("(dev=10303,ino=1234)");
    }

    @Test
    void printsAsTheJdksKey() {
        assertThat(new FileKey(0x10303L, 1234)).hasToString("(dev=10303,ino=1234)");
    }
}
