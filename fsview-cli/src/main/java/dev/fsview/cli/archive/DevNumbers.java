package dev.fsview.cli.archive;

/** Linux's {@code dev_t} encoding (glibc's gnu_dev_major and gnu_dev_minor). */
public final class DevNumbers {
    private DevNumbers() {}

    /**
     * Returns the major number of a device number.
     *
     * @param dev a {@code st_rdev}
     * @return its major number
     */
    public static long major(long dev) {
        return ((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0x00000fffL);
    }

    /**
     * Returns the minor number of a device number.
     *
     * @param dev a {@code st_rdev}
     * @return its minor number
     */
    public static long minor(long dev) {
        return ((dev >>> 12) & 0xffffff00L) | (dev & 0x000000ffL);
    }
}
