package dev.fsview.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceNumbersTest {
    /** Values computed by glibc's makedev (sys/sysmacros.h) on x86_64. */
    @ParameterizedTest(name = "makedev({0}, {1}) = {2}")
    @CsvSource({
        "1, 3, 0x103", // /dev/null
        "8, 1, 0x801", // /dev/sda1
        "259, 0, 0x10300", // /dev/nvme0n1: major above 255, below 4096
        "0, 256, 0x100000", // minor above 255 moves to bits 20..43
        "4096, 0, 0x100000000000", // major above 4095 moves to bits 44..63
        "0xfffff, 0xffffffff, 0xfffffffffffff",
        "0xffffffff, 0xffffffff, 0xffffffffffffffff",
        "0x12345, 0x6789a, 0x120006783459a",
    })
    void encodesAsGlibc(String major, String minor, String dev) {
        long ma = Long.decode(major);
        long mi = Long.decode(minor);
        long expected = Long.parseUnsignedLong(dev.substring(2), 16);
        assertThat(DeviceNumbers.makedev(ma, mi)).isEqualTo(expected);
        assertThat(DeviceNumbers.major(expected)).isEqualTo(ma);
        assertThat(DeviceNumbers.minor(expected)).isEqualTo(mi);
    }

    @Test
    void roundTripsEveryBitOfMajorAndMinor() {
        for (int bit = 0; bit < 32; bit++) {
            long one = 1L << bit;
            assertThat(DeviceNumbers.major(DeviceNumbers.makedev(one, 0))).isEqualTo(one);
            assertThat(DeviceNumbers.minor(DeviceNumbers.makedev(one, 0))).isZero();
            assertThat(DeviceNumbers.minor(DeviceNumbers.makedev(0, one))).isEqualTo(one);
            assertThat(DeviceNumbers.major(DeviceNumbers.makedev(0, one))).isZero();
        }
    }

    @Test
    void theOldSixteenBitEncodingStaysValid() {
        for (int major = 0; major < 256; major += 17) {
            for (int minor = 0; minor < 256; minor += 13) {
                assertThat(DeviceNumbers.makedev(major, minor))
                        .isEqualTo((long) (major << 8 | minor));
            }
        }
    }
}
