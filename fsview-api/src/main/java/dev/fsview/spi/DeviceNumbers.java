package dev.fsview.spi;

/**
 * Linux's {@code dev_t} encoding, as glibc's {@code gnu_dev_makedev}, {@code gnu_dev_major} and
 * {@code gnu_dev_minor} compute it: 12 + 20 bits of major and 8 + 24 bits of minor, interleaved so
 * that the old 16-bit encoding ({@code major << 8 | minor}) stays valid for small numbers. The one
 * copy every fsview module uses.
 */
public final class DeviceNumbers {
    private DeviceNumbers() {}

    /**
     * Encodes a device number, as {@code makedev(3)}.
     *
     * @param major the major number (32 bits used)
     * @param minor the minor number (32 bits used)
     * @return the {@code dev_t}
     */
    public static long makedev(long major, long minor) {
        return ((major & 0x00000fffL) << 8)
                | ((major & 0xfffff000L) << 32)
                | (minor & 0x000000ffL)
                | ((minor & 0xffffff00L) << 12);
    }

    /**
     * Returns the major number of a device number, as {@code major(3)}.
     *
     * @param dev a {@code dev_t} (for example a {@code st_rdev})
     * @return its major number
     */
    public static long major(long dev) {
        return ((dev >>> 8) & 0x00000fffL) | ((dev >>> 32) & 0xfffff000L);
    }

    /**
     * Returns the minor number of a device number, as {@code minor(3)}.
     *
     * @param dev a {@code dev_t} (for example a {@code st_rdev})
     * @return its minor number
     */
    public static long minor(long dev) {
        return (dev & 0x000000ffL) | ((dev >>> 12) & 0xffffff00L);
    }
}
