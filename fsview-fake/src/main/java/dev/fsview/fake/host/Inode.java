package dev.fsview.fake.host;

import dev.fsview.PathStat;

/**
 * An inode of the simulated kernel: the file itself, whatever names it has. Holds what
 * {@code stat(2)} reports: type and permission bits (setuid, setgid and sticky included), owner,
 * link count, and the three timestamps in nanoseconds since the epoch. Guarded by the
 * {@link Kernel}'s lock.
 */
public abstract class Inode {
    /** Mask of the file type bits. */
    public static final int S_IFMT = PathStat.S_IFMT;
    /** A directory. */
    public static final int S_IFDIR = PathStat.S_IFDIR;
    /** A regular file. */
    public static final int S_IFREG = PathStat.S_IFREG;
    /** A symbolic link. */
    public static final int S_IFLNK = PathStat.S_IFLNK;
    /** A FIFO. */
    public static final int S_IFIFO = PathStat.S_IFIFO;
    /** A socket. */
    public static final int S_IFSOCK = PathStat.S_IFSOCK;
    /** A character device. */
    public static final int S_IFCHR = PathStat.S_IFCHR;
    /** A block device. */
    public static final int S_IFBLK = PathStat.S_IFBLK;
    /** Set-user-ID. */
    public static final int S_ISUID = 04000;
    /** Set-group-ID. */
    public static final int S_ISGID = 02000;
    /** Sticky. */
    public static final int S_ISVTX = 01000;
    /** Group execute. */
    public static final int S_IXGRP = 00010;

    private final Superblock sb;
    private final long ino;
    private int mode;
    private int uid;
    private int gid;
    private int nlink;
    private long atime;
    private long mtime;
    private long ctime;
    private final long btime;
    private java.util.Map<String, byte[]> xattrs;
    private volatile dev.fsview.spi.errno.Errno contentError;
    /**
     * Set while the permission bits, owner, group, link count and change time are still on the
     * disk (a lazy import); every accessor of those fields loads them first. Cleared, after the
     * fields are written, under the loader's own monitor: see {@link #metadata()}.
     */
    private volatile MetadataLoader metadataLoader;

    /** Reads an imported inode's metadata from the disk when something first needs it. */
    public interface MetadataLoader {
        /**
         * Sets the inode's metadata from the disk ({@link #restoreMetadata}), or marks it refused.
         * Must not take the kernel's lock, the inode's monitor or an importer's: it runs with
         * whatever the caller holds.
         *
         * @param inode the inode, whose type bits, size and access and modification times are
         *     already set
         */
        void load(Inode inode);
    }

    /**
     * Creates an inode on a file system.
     *
     * @param sb the file system
     * @param mode type and permission bits
     * @param uid owner
     * @param gid group
     * @param now the current time, nanoseconds since the epoch
     */
    protected Inode(Superblock sb, int mode, int uid, int gid, long now) {
        this.sb = sb;
        this.ino = sb.nextIno();
        this.mode = mode;
        this.uid = uid;
        this.gid = gid;
        this.atime = now;
        this.mtime = now;
        this.ctime = now;
        this.btime = now;
    }

    /** @return the file system the inode lives on */
    public final Superblock superblock() {
        return sb;
    }

    /** @return the inode number, unique within its file system */
    public final long ino() {
        return ino;
    }

    /** @return type and permission bits */
    public final int mode() {
        metadata();
        return mode;
    }

    /**
     * Makes the permission bits, owner, group, link count and change time come from a loader when
     * first needed; for an inode whose other fields are set and that nobody else sees yet (its
     * directory is still being loaded). A walk that asks only for basic attributes (type, size,
     * times, key) then costs the importer one {@code fstatat} per entry, not two.
     *
     * @param l the loader
     */
    public final void loadMetadataLazily(MetadataLoader l) {
        this.metadataLoader = l;
    }

    /**
     * Sets the fields a {@link MetadataLoader} reads, verbatim (for the loader only).
     *
     * @param permissions bits {@code 0..07777}; the type bits are kept
     * @param newUid owner
     * @param newGid group
     * @param newNlink link count
     * @param newCtime change time, ns since the epoch
     */
    public final void restoreMetadata(
            int permissions, int newUid, int newGid, int newNlink, long newCtime) {
        this.mode = (mode & S_IFMT) | (permissions & 07777);
        this.uid = newUid;
        this.gid = newGid;
        this.nlink = newNlink;
        this.ctime = newCtime;
    }

    /**
     * Loads lazily imported metadata, once. Readers under the kernel's read lock may race here:
     * the loser waits on the loader's monitor (not the inode's, which content loads hold while
     * they take the importer's lock, nor the importer's, which directory loads hold while they
     * link a name to this inode), and the volatile clear publishes the fields to later readers.
     */
    private void metadata() {
        MetadataLoader l = metadataLoader;
        if (l != null) {
            synchronized (l) {
                if (metadataLoader == l) {
                    l.load(this);
                    metadataLoader = null;
                }
            }
        }
    }

    /** @return whether opening this inode fails (see {@link #denyContent()}) */
    public final boolean contentDenied() {
        return contentError != null;
    }

    /** @return what opening this inode fails with, or {@code null} when it opens */
    public final dev.fsview.spi.errno.Errno contentError() {
        return contentError;
    }

    /**
     * Marks an inode imported from a disk this process could not read: its metadata is real, but
     * opening it (a file's bytes, a directory's entries) fails with EACCES, as the kernel refused
     * the importer. The content was never read, so it is never served empty in its place.
     */
    public final void denyContent() {
        failContent(dev.fsview.spi.errno.Errno.EACCES);
    }

    /**
     * Marks an inode whose content could not be taken from the disk when it was first needed
     * (EACCES: this process may not read it; EIO: the disk's entry changed into something else
     * since it was listed, and is refused rather than followed). Its metadata stays.
     *
     * @param errno what opening it fails with from now on
     */
    public final void failContent(dev.fsview.spi.errno.Errno errno) {
        this.contentError = errno;
    }

    /** @return the type bits of the mode */
    public final int type() {
        return mode & S_IFMT; // set when made, never changed: no metadata load
    }

    /** @return whether this is a directory */
    public final boolean isDirectory() {
        return type() == S_IFDIR;
    }

    /** @return whether this is a symlink */
    public final boolean isSymlink() {
        return type() == S_IFLNK;
    }

    /** @return whether this is a regular file */
    public final boolean isRegular() {
        return type() == S_IFREG;
    }

    /**
     * Sets the permission bits (type bits are kept) and the change time.
     *
     * @param permissions bits {@code 0..07777}
     * @param now the current time
     */
    public final void chmod(int permissions, long now) {
        metadata();
        this.mode = type() | (permissions & 07777);
        this.ctime = now;
    }

    /** @return the owner */
    public final int uid() {
        metadata();
        return uid;
    }

    /** @return the group */
    public final int gid() {
        metadata();
        return gid;
    }

    /**
     * Changes owner and group as {@code chown(2)} does: {@code -1} leaves one alone; on anything
     * but a directory the setuid bit, and the setgid bit when group-execute is set, are cleared
     * (the kernel does this even for root, so a chown cannot hand out a setuid binary).
     *
     * @param newUid the owner or {@code -1}
     * @param newGid the group or {@code -1}
     * @param now the current time
     */
    public final void chown(int newUid, int newGid, long now) {
        metadata();
        if (newUid != -1) {
            uid = newUid;
        }
        if (newGid != -1) {
            gid = newGid;
        }
        if (!isDirectory()) {
            int kill = S_ISUID;
            if ((mode & S_IXGRP) != 0) {
                kill |= S_ISGID;
            }
            mode &= ~kill;
        }
        ctime = now;
    }

    /**
     * Sets owner and group verbatim (for building and importing trees; no setuid clearing).
     *
     * @param newUid owner
     * @param newGid group
     */
    public final void setOwner(int newUid, int newGid) {
        metadata();
        this.uid = newUid;
        this.gid = newGid;
    }

    /** @return the number of names (directories: 2 plus subdirectories) */
    public final int nlink() {
        metadata();
        return nlink;
    }

    /**
     * Adjusts the link count.
     *
     * @param delta the change
     */
    public final void addLinks(int delta) {
        metadata();
        nlink += delta;
    }

    /** @return last access, ns since the epoch */
    public final long atime() {
        return atime;
    }

    /** @return last modification, ns since the epoch */
    public final long mtime() {
        return mtime;
    }

    /** @return birth (creation), ns since the epoch: never changes, not even on import or copy */
    public final long btime() {
        return btime;
    }

    /** @return last status change, ns since the epoch */
    public final long ctime() {
        metadata();
        return ctime;
    }

    /**
     * Sets access and modification times (as {@code utimensat}); the change time becomes now.
     *
     * @param newAtime ns, or {@link Long#MIN_VALUE} to keep
     * @param newMtime ns, or {@link Long#MIN_VALUE} to keep
     * @param now the current time
     */
    public final void setTimes(long newAtime, long newMtime, long now) {
        metadata();
        if (newAtime != Long.MIN_VALUE) {
            atime = newAtime;
        }
        if (newMtime != Long.MIN_VALUE) {
            mtime = newMtime;
        }
        ctime = now;
    }

    /**
     * Records a modification of content: mtime and ctime become now.
     *
     * @param now the current time
     */
    public final void modified(long now) {
        metadata();
        mtime = now;
        ctime = now;
    }

    /**
     * Records a change of metadata only.
     *
     * @param now the current time
     */
    public final void changed(long now) {
        metadata();
        ctime = now;
    }

    /**
     * Records a read with the kernel's default {@code relatime} rule: atime moves only if it is not
     * newer than mtime or ctime, or more than a day old.
     *
     * @param now the current time
     */
    public final void accessed(long now) {
        metadata();
        if (atime <= mtime || atime <= ctime || now - atime > 86_400_000_000_000L) {
            atime = now;
        }
    }

    /**
     * Restores all timestamps verbatim (imports and copies).
     *
     * @param a atime
     * @param m mtime
     * @param c ctime
     */
    public final void restoreTimes(long a, long m, long c) {
        metadata();
        atime = a;
        mtime = m;
        ctime = c;
    }

    /**
     * The extended attributes of the {@code user.} namespace, by name without the prefix, in the
     * order they were set.
     *
     * @return the live map, created on first use
     */
    public final java.util.Map<String, byte[]> xattrs() {
        if (xattrs == null) {
            xattrs = new java.util.LinkedHashMap<>();
        }
        return xattrs;
    }

    /** @return the size {@code stat} reports */
    public abstract long size();

    /** @return the device number of a device node, else 0 */
    public long rdev() {
        return 0;
    }
}
