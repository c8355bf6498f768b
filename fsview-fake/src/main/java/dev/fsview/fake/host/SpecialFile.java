package dev.fsview.fake.host;

/**
 * A FIFO, socket, or character or block device node. Inert: there is no pipe, listener or driver
 * behind it, so opening one fails with ENXIO ("No such device or address"), as opening a socket
 * or a device without a driver does on Linux. Its metadata is real.
 */
public final class SpecialFile extends Inode {
    private final long rdev;

    /**
     * Creates a node.
     *
     * @param sb the file system
     * @param mode type bits ({@code S_IFIFO}, {@code S_IFSOCK}, {@code S_IFCHR}, {@code S_IFBLK})
     *     and permission bits
     * @param rdev the device number for a device node
     * @param uid owner
     * @param gid group
     * @param now the current time
     */
    public SpecialFile(Superblock sb, int mode, long rdev, int uid, int gid, long now) {
        super(sb, mode, uid, gid, now);
        int type = mode & S_IFMT;
        if (type != S_IFIFO && type != S_IFSOCK && type != S_IFCHR && type != S_IFBLK) {
            throw new IllegalArgumentException(
                    "not a special file type: 0" + Integer.toOctalString(mode));
        }
        this.rdev = rdev;
    }

    @Override
    public long rdev() {
        return rdev;
    }

    @Override
    public long size() {
        return 0;
    }
}
