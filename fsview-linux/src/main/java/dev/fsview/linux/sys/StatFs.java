package dev.fsview.linux.sys;

/**
 * The parts of {@code struct statfs} a file store reports. On x86_64 and aarch64 every field is
 * 64 bits wide: type, bsize, blocks, bfree, bavail, files, ffree, fsid, namelen, frsize, flags.
 *
 * @param type {@code f_type}, the file system's magic number
 * @param blockSize {@code f_bsize}
 * @param blocks {@code f_blocks}, in units of {@code fragmentSize}
 * @param freeBlocks {@code f_bfree}
 * @param availableBlocks {@code f_bavail}, free blocks for unprivileged users
 * @param fragmentSize {@code f_frsize}
 * @param flags {@code f_flags}, the mount flags ({@code ST_RDONLY} and so on)
 */
public record StatFs(
        long type,
        long blockSize,
        long blocks,
        long freeBlocks,
        long availableBlocks,
        long fragmentSize,
        long flags) {

    static StatFs decode(long[] b) {
        long frsize = b[9] == 0 ? b[1] : b[9];
        return new StatFs(b[0], b[1], b[2], b[3], b[4], frsize, b[10]);
    }

    /**
     * Returns whether the mount is read-only.
     *
     * @return {@code true} if {@code ST_RDONLY} is set
     */
    public boolean readOnly() {
        return (flags & Linux.ST_RDONLY) != 0;
    }
}
