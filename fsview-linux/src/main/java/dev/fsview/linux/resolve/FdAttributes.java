package dev.fsview.linux.resolve;

import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;

import java.nio.ByteOrder;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Every attribute of a file from one {@code statx(STATX_BASIC_STATS | STATX_BTIME)}: the
 * {@code basic}, {@code posix} and {@code unix} views of the JDK on Linux, with the JDK's values
 * and types (times to the nanosecond, the creation time from {@code stx_btime} where the file
 * system keeps it and else the modification time, {@code dev} and {@code rdev} encoded as glibc's
 * {@code makedev}), read from an fd the view already found, or from one name in a directory fd.
 * Owner and group are named only when asked ({@link Owners}), so reading the basic attributes
 * never reads the container's account files.
 */
public final class FdAttributes implements PosixFileAttributes {
    /** The names of the JDK's {@code basic} view, in its order. */
    public static final List<String> BASIC = List.of(
            "lastModifiedTime",
            "lastAccessTime",
            "creationTime",
            "size",
            "isRegularFile",
            "isDirectory",
            "isSymbolicLink",
            "isOther",
            "fileKey");
    /** The names the JDK's {@code posix} view adds. */
    public static final List<String> POSIX = List.of("permissions", "owner", "group");
    /** The names the JDK's {@code unix} view adds. */
    public static final List<String> UNIX =
            List.of("mode", "ino", "dev", "rdev", "nlink", "uid", "gid", "ctime");

    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;
    private static final PosixFilePermission[] PERMISSIONS = PosixFilePermission.values();

    /** Names owners and groups for the {@code posix} and {@code unix} views. */
    public interface Owners {
        /**
         * Names a user id.
         *
         * @param uid the id
         * @return its principal
         */
        UserPrincipal user(int uid);

        /**
         * Names a group id.
         *
         * @param gid the id
         * @return its principal
         */
        GroupPrincipal group(int gid);
    }

    private final long[] st;
    private final Owners owners;
    private UserPrincipal owner;
    private GroupPrincipal group;

    private FdAttributes(long[] st, Owners owners) {
        this.st = st;
        this.owners = owners;
    }

    /**
     * Reads the attributes of the object an fd holds ({@code AT_EMPTY_PATH}; a symlink's
     * {@code O_PATH} fd gives the symlink itself).
     *
     * @param fd any fd, {@code O_PATH} included
     * @param owners names owner and group when asked
     * @return the attributes
     * @throws SyscallException with the kernel's errno
     */
    public static FdAttributes of(int fd, Owners owners) throws SyscallException {
        return at(fd, "", owners);
    }

    /**
     * Reads the attributes of one entry of a directory fd, never following a final symlink.
     * The caller passes a single name as a listing of that directory gave it (no {@code /}, not
     * {@code .} or {@code ..}): the kernel then looks up that one component in that directory
     * and nothing else, so the lookup cannot leave it.
     *
     * @param dirfd a directory fd
     * @param name one component, or {@code ""} for the directory itself
     * @param owners names owner and group when asked
     * @return the attributes
     * @throws SyscallException with the kernel's errno
     */
    public static FdAttributes at(int dirfd, String name, Owners owners) throws SyscallException {
        long[] st = new long[32];
        Sys.statx(
                dirfd,
                name,
                Linux.AT_SYMLINK_NOFOLLOW | (name.isEmpty() ? Linux.AT_EMPTY_PATH : 0),
                st);
        return new FdAttributes(st, owners);
    }

    /**
     * Decodes a {@code struct statx} a test or another caller read.
     *
     * @param st the struct, as 32 longs
     * @param owners names owner and group when asked
     * @return the attributes
     */
    static FdAttributes decode(long[] st, Owners owners) {
        return new FdAttributes(st.clone(), owners);
    }

    /** A 32-bit field at a byte offset of the struct. */
    private long u32(int offset) {
        long word = st[offset >> 3];
        boolean high = (offset & 4) != 0;
        return (high == LITTLE ? word >>> 32 : word) & 0xffffffffL;
    }

    private int mask() {
        return (int) u32(0);
    }

    /**
     * Returns {@code st_mode}: type and permission bits.
     *
     * @return the mode
     */
    public int mode() {
        long word = u32(28);
        return (int) ((LITTLE ? word : word >>> 16) & 0xffff);
    }

    /**
     * Returns the link count.
     *
     * @return {@code st_nlink}
     */
    public int nlink() {
        return (int) u32(16);
    }

    /**
     * Returns the owner's id.
     *
     * @return {@code st_uid}
     */
    public int uid() {
        return (int) u32(20);
    }

    /**
     * Returns the group's id.
     *
     * @return {@code st_gid}
     */
    public int gid() {
        return (int) u32(24);
    }

    /**
     * Returns the inode number.
     *
     * @return {@code st_ino}
     */
    public long ino() {
        return st[4];
    }

    /**
     * Returns the device of the file system, as {@code st_dev}.
     *
     * @return glibc's {@code makedev(stx_dev_major, stx_dev_minor)}
     */
    public long dev() {
        return makedev(u32(136), u32(140));
    }

    /**
     * Returns the device a device node stands for, as {@code st_rdev}.
     *
     * @return glibc's {@code makedev(stx_rdev_major, stx_rdev_minor)}
     */
    public long rdev() {
        return makedev(u32(128), u32(132));
    }

    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32)
                | ((major & 0xfffL) << 8)
                | ((minor & 0xffffff00L) << 12)
                | (minor & 0xffL);
    }

    /** A {@code struct statx_timestamp} at a long index: seconds, then nanoseconds. */
    private FileTime time(int index) {
        long sec = st[index];
        long nsec = u32((index + 1) * 8);
        if (nsec == 0) {
            return FileTime.from(sec, TimeUnit.SECONDS);
        }
        try {
            return FileTime.from(
                    Math.addExact(Math.multiplyExact(sec, 1_000_000_000L), nsec),
                    TimeUnit.NANOSECONDS);
        } catch (ArithmeticException beyondNanos) {
            return FileTime.from(sec * 1_000_000L + nsec / 1_000, TimeUnit.MICROSECONDS);
        }
    }

    /**
     * Returns the time of the last status change.
     *
     * @return {@code st_ctime}
     */
    public FileTime ctime() {
        return time(12);
    }

    @Override
    public FileTime lastModifiedTime() {
        return time(14);
    }

    @Override
    public FileTime lastAccessTime() {
        return time(8);
    }

    @Override
    public FileTime creationTime() {
        return (mask() & Linux.STATX_BTIME) != 0 ? time(10) : lastModifiedTime();
    }

    @Override
    public boolean isRegularFile() {
        return (mode() & S_IFMT) == S_IFREG;
    }

    @Override
    public boolean isDirectory() {
        return (mode() & S_IFMT) == S_IFDIR;
    }

    @Override
    public boolean isSymbolicLink() {
        return (mode() & S_IFMT) == S_IFLNK;
    }

    @Override
    public boolean isOther() {
        return !isRegularFile() && !isDirectory() && !isSymbolicLink();
    }

    @Override
    public long size() {
        return st[5];
    }

    @Override
    public FileKey fileKey() {
        return new FileKey(dev(), ino());
    }

    @Override
    public synchronized UserPrincipal owner() {
        if (owner == null) {
            owner = owners.user(uid());
        }
        return owner;
    }

    @Override
    public synchronized GroupPrincipal group() {
        if (group == null) {
            group = owners.group(gid());
        }
        return group;
    }

    @Override
    public Set<PosixFilePermission> permissions() {
        Set<PosixFilePermission> perms = new HashSet<>();
        int mode = mode();
        for (PosixFilePermission p : PERMISSIONS) {
            // OWNER_READ is 0400, ... OTHERS_EXECUTE is 01: the enum's order, high bit first.
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                perms.add(p);
            }
        }
        return perms;
    }

    /**
     * Returns one attribute by the name the JDK's {@code basic}, {@code posix} and {@code unix}
     * views give it, with the JDK's type.
     *
     * @param name e.g. {@code size}, {@code owner}, {@code ino}
     * @return its value
     * @throws IllegalArgumentException for a name none of those views has
     */
    public Object get(String name) {
        switch (name) {
            case "lastModifiedTime":
                return lastModifiedTime();
            case "lastAccessTime":
                return lastAccessTime();
            case "creationTime":
                return creationTime();
            case "size":
                return size();
            case "isRegularFile":
                return isRegularFile();
            case "isDirectory":
                return isDirectory();
            case "isSymbolicLink":
                return isSymbolicLink();
            case "isOther":
                return isOther();
            case "fileKey":
                return fileKey();
            case "permissions":
                return permissions();
            case "owner":
                return owner();
            case "group":
                return group();
            case "mode":
                return mode();
            case "ino":
                return ino();
            case "dev":
                return dev();
            case "rdev":
                return rdev();
            case "nlink":
                return nlink();
            case "uid":
                return uid();
            case "gid":
                return gid();
            case "ctime":
                return ctime();
            default:
                throw new IllegalArgumentException("'" + name + "' not recognized");
        }
    }
}
