package dev.fsview.linux.sys;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The parts of {@code struct statx} fsview-linux reads. The struct's layout is the same on every
 * architecture, unlike {@code struct stat}.
 *
 * @param mode {@code stx_mode}: type and permission bits
 * @param attributes {@code stx_attributes}
 * @param attributesMask {@code stx_attributes_mask}: which attributes the file system reports
 * @param size {@code stx_size}
 */
public record Statx(int mode, long attributes, long attributesMask, long size) {
    /** Mask of the file type bits. */
    public static final int S_IFMT = 0170000;
    /** A regular file. */
    public static final int S_IFREG = 0100000;
    /** A directory. */
    public static final int S_IFDIR = 0040000;
    /** A symbolic link. */
    public static final int S_IFLNK = 0120000;

    static Statx decode(byte[] buf) {
        ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.nativeOrder());
        return new Statx(
                Short.toUnsignedInt(b.getShort(28)), b.getLong(8), b.getLong(56), b.getLong(40));
    }

    /**
     * Returns whether this is a symbolic link.
     *
     * @return {@code true} for a symlink
     */
    public boolean isSymlink() {
        return (mode & S_IFMT) == S_IFLNK;
    }

    /**
     * Returns whether this is a regular file.
     *
     * @return {@code true} for a regular file
     */
    public boolean isRegularFile() {
        return (mode & S_IFMT) == S_IFREG;
    }

    /**
     * Returns whether this is a directory.
     *
     * @return {@code true} for a directory
     */
    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    /**
     * Returns whether the path is the root of a mount, when the kernel says.
     *
     * @return {@code true} if the kernel reports it as a mount root
     */
    public boolean isMountRoot() {
        return (attributes & Linux.STATX_ATTR_MOUNT_ROOT) != 0;
    }
}
