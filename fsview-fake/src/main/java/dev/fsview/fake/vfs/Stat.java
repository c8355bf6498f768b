package dev.fsview.fake.vfs;

import dev.fsview.fake.host.Inode;

/**
 * What {@code stat(2)} reports about an inode, taken at one moment.
 *
 * @param dev device number of the file system
 * @param ino inode number
 * @param mode type and permission bits
 * @param nlink link count
 * @param uid owner
 * @param gid group
 * @param rdev device number of a device node
 * @param size size in bytes
 * @param atime last access, ns since the epoch
 * @param mtime last modification, ns since the epoch
 * @param ctime last status change, ns since the epoch
 * @param btime birth, ns since the epoch ({@code statx}'s {@code stx_btime})
 */
public record Stat(
        long dev,
        long ino,
        int mode,
        int nlink,
        int uid,
        int gid,
        long rdev,
        long size,
        long atime,
        long mtime,
        long ctime,
        long btime)
        implements FileType {

    /**
     * Takes the stat of an inode (the caller holds the kernel's lock).
     *
     * @param i the inode
     * @return its stat
     */
    public static Stat of(Inode i) {
        return new Stat(
                i.superblock().dev(),
                i.ino(),
                i.mode(),
                i.nlink(),
                i.uid(),
                i.gid(),
                i.rdev(),
                i.size(),
                i.atime(),
                i.mtime(),
                i.ctime(),
                i.btime());
    }

    /** @return the type bits */
    @Override
    public int type() {
        return mode & Inode.S_IFMT;
    }

    /** @return what {@link java.nio.file.attribute.BasicFileAttributes} gives of this stat */
    public BasicStat basic() {
        return new BasicStat(dev, ino, type(), size, atime, mtime, btime);
    }

    /** @return whether it is a character or block device */
    public boolean isDevice() {
        return type() == Inode.S_IFCHR || type() == Inode.S_IFBLK;
    }

    /**
     * Whether two stats are of the same file.
     *
     * @param other another stat
     * @return same device and inode number
     */
    public boolean sameFile(Stat other) {
        return dev == other.dev && ino == other.ino;
    }
}
