package dev.fsview.fake.vfs;

import dev.fsview.fake.host.Inode;

/**
 * What {@link java.nio.file.attribute.BasicFileAttributes} reports of an inode, taken at one
 * moment: its type, size and times, but not its permissions, owner or link count, so that a file
 * imported lazily keeps those on the disk while a walk asks for basic attributes only.
 *
 * @param dev device number of the file system
 * @param ino inode number
 * @param type the type bits of the mode
 * @param size size in bytes
 * @param atime last access, ns since the epoch
 * @param mtime last modification, ns since the epoch
 * @param btime birth, ns since the epoch
 */
public record BasicStat(long dev, long ino, int type, long size, long atime, long mtime, long btime)
        implements FileType {

    /**
     * Takes the basic stat of an inode (the caller holds the kernel's lock).
     *
     * @param i the inode
     * @return its basic stat
     */
    public static BasicStat of(Inode i) {
        return new BasicStat(
                i.superblock().dev(), i.ino(), i.type(), i.size(), i.atime(), i.mtime(), i.btime());
    }
}
