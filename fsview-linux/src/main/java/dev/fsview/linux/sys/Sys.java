package dev.fsview.linux.sys;

import com.sun.jna.LastErrorException;

/**
 * The file system calls fsview-linux makes (the mount and namespace calls are in
 * {@link SysMount}), one method each: arguments as Java values, results as Java values, and every
 * failure a {@link SyscallException} naming the call, the path and the errno, read on the calling
 * thread right after the call.
 */
public final class Sys {
    static final byte[] EMPTY = {0};

    private Sys() {}

    /**
     * Makes sure libc is bound and the JNA classes a failing call needs are loaded, so that the
     * first call made after a root switch finds everything in memory.
     *
     * @throws LinkageError if JNA or libc cannot be loaded
     */
    public static void load() {
        try {
            LibC.close(-1);
        } catch (LastErrorException expected) {
            // EBADF: the point was to bind libc and build one LastErrorException on the host.
        }
    }

    /**
     * chdir(2) for the calling thread (its fs is private once it has unshared CLONE_FS).
     *
     * @param path the directory
     * @throws SyscallException on failure
     */
    public static void chdir(String path) throws SyscallException {
        try {
            LibC.chdir(CString.of(path));
        } catch (LastErrorException e) {
            throw fail("chdir", path, e);
        }
    }

    /**
     * fchdir(2).
     *
     * @param fd a directory fd
     * @param what the directory, for the message
     * @throws SyscallException on failure
     */
    public static void fchdir(int fd, String what) throws SyscallException {
        try {
            LibC.fchdir(fd);
        } catch (LastErrorException e) {
            throw fail("fchdir", what, e);
        }
    }

    /**
     * openat(2).
     *
     * @param dirfd a directory fd or {@link Linux#AT_FDCWD}
     * @param path the path
     * @param flags {@code O_*} flags
     * @param mode the mode for {@code O_CREAT}
     * @return the new fd
     * @throws SyscallException on failure
     */
    public static int openat(int dirfd, String path, int flags, int mode) throws SyscallException {
        try {
            return LibC.openat(dirfd, CString.of(path), flags, mode);
        } catch (LastErrorException e) {
            throw fail("openat", path, e);
        }
    }

    /**
     * close(2), ignoring errors: after close the fd is gone whatever it returns (Linux never
     * keeps it open on EINTR), and there is nothing left to do about EIO.
     *
     * @param fd the fd; negative values are ignored
     */
    public static void close(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            LibC.close(fd);
        } catch (LastErrorException ignored) {
            // See above: the descriptor is released either way.
        }
    }

    /**
     * readlinkat(2), with a buffer grown until the whole target fits.
     *
     * @param dirfd a directory fd, or a symlink's O_PATH fd with an empty path
     * @param path the link, or {@code ""}
     * @return the link's target as stored
     * @throws SyscallException on failure
     */
    public static String readlinkat(int dirfd, String path) throws SyscallException {
        byte[] p = path.isEmpty() ? EMPTY : CString.of(path);
        for (int size = 256; ; size *= 2) {
            byte[] buf = new byte[size];
            long n;
            try {
                n = LibC.readlinkat(dirfd, p, buf, size);
            } catch (LastErrorException e) {
                throw fail("readlinkat", path, e);
            }
            if (n < size) {
                return CString.decode(buf, (int) n);
            }
        }
    }

    /**
     * mkdirat(2).
     *
     * @param dirfd the parent directory
     * @param name the new directory's name
     * @param mode its permission bits (less the umask)
     * @throws SyscallException on failure
     */
    public static void mkdirat(int dirfd, String name, int mode) throws SyscallException {
        try {
            LibC.mkdirat(dirfd, CString.of(name), mode);
        } catch (LastErrorException e) {
            throw fail("mkdirat", name, e);
        }
    }

    /**
     * statx(2): the file type and mode, and whether the path is a mount root.
     *
     * @param dirfd a directory fd, or the file's own fd with an empty path and AT_EMPTY_PATH
     * @param path the path, or {@code ""}
     * @param flags {@code AT_*} flags
     * @return the answer
     * @throws SyscallException on failure
     */
    public static Statx statx(int dirfd, String path, int flags) throws SyscallException {
        byte[] buf = new byte[256];
        try {
            LibC.statx(
                    dirfd,
                    path.isEmpty() ? EMPTY : CString.of(path),
                    flags,
                    Linux.STATX_TYPE | Linux.STATX_MODE | Linux.STATX_SIZE,
                    buf);
        } catch (LastErrorException e) {
            throw fail("statx", path, e);
        }
        return Statx.decode(buf);
    }

    /** {@code struct statx} is 256 bytes: 32 longs. */
    static final int STATX_LONGS = 32;

    /**
     * statx(2) of every basic field ({@code STATX_BASIC_STATS | STATX_BTIME}) into a buffer the
     * caller owns and decodes (as {@code FdAttributes} does); one syscall, one 256-byte copy out.
     *
     * @param dirfd a directory fd, or the file's own fd with an empty path and AT_EMPTY_PATH
     * @param path a path relative to {@code dirfd}, or {@code ""}
     * @param flags {@code AT_*} flags
     * @param buf 32 longs
     * @throws SyscallException on failure
     */
    public static void statx(int dirfd, String path, int flags, long[] buf)
            throws SyscallException {
        statx(dirfd, path, flags, Linux.STATX_BASIC_STATS | Linux.STATX_BTIME, buf);
    }

    private static void statx(int dirfd, String path, int flags, int mask, long[] buf)
            throws SyscallException {
        try {
            LibC.statx(dirfd, path.isEmpty() ? EMPTY : CString.of(path), flags, mask, buf);
        } catch (LastErrorException e) {
            throw fail("statx", path, e);
        }
    }

    /**
     * getdents64(2): reads directory entries into a direct buffer.
     *
     * @param fd a directory fd opened for reading
     * @param buf a direct buffer; entries are written from its start
     * @return the number of bytes written; 0 at the end of the directory
     * @throws SyscallException on failure
     */
    public static int getdents64(int fd, java.nio.ByteBuffer buf) throws SyscallException {
        try {
            return (int) LibC.syscall(Arch.current().sysGetdents64(), fd, buf, buf.capacity());
        } catch (LastErrorException e) {
            throw fail("getdents64", "", e);
        }
    }

    /**
     * The id of the mount an fd's object is on ({@code statx} {@code stx_mnt_id}, Linux 5.8+).
     *
     * @param fd any fd, {@code O_PATH} included
     * @return the mount id, or -1 where the kernel does not report it
     * @throws SyscallException on failure
     */
    public static long mountId(int fd) throws SyscallException {
        byte[] buf = new byte[256];
        try {
            LibC.statx(
                    fd,
                    EMPTY,
                    Linux.AT_EMPTY_PATH | Linux.AT_SYMLINK_NOFOLLOW,
                    Linux.STATX_MNT_ID,
                    buf);
        } catch (LastErrorException e) {
            throw fail("statx", "", e);
        }
        java.nio.ByteBuffer b =
                java.nio.ByteBuffer.wrap(buf).order(java.nio.ByteOrder.nativeOrder());
        return (b.getInt(0) & Linux.STATX_MNT_ID) == 0 ? -1 : b.getLong(144);
    }

    /**
     * statx(2) of what identifies a path's object: device, inode and the mount it is reached
     * through ({@link FileIdentity}).
     *
     * @param dirfd a directory fd, or {@link Linux#AT_FDCWD}
     * @param path the path, looked up from {@code dirfd} by the calling thread's root and mounts
     * @param flags {@code AT_*} flags
     * @return the identity; its mount id is -1 where the kernel does not report it
     * @throws SyscallException on failure
     */
    public static FileIdentity identity(int dirfd, String path, int flags) throws SyscallException {
        long[] buf = new long[STATX_LONGS];
        statx(dirfd, path, flags, Linux.STATX_INO | Linux.STATX_MNT_ID, buf);
        // struct statx read as longs on a little-endian machine (every Arch): stx_mask is the low
        // half of long 0, stx_ino long 4, stx_dev_major and stx_dev_minor the halves of long 17,
        // stx_mnt_id long 18.
        long dev = (buf[17] & 0xffffffffL) << 32 | buf[17] >>> 32;
        boolean mountKnown = (buf[0] & Linux.STATX_MNT_ID) != 0;
        return new FileIdentity(dev, buf[4], mountKnown ? buf[18] : -1);
    }

    /**
     * The link count of an fd's object ({@code statx} {@code stx_nlink}).
     *
     * @param fd any fd, {@code O_PATH} included
     * @return the number of names the object has; 0 once unlinked
     * @throws SyscallException on failure
     */
    public static long nlink(int fd) throws SyscallException {
        byte[] buf = new byte[256];
        try {
            LibC.statx(
                    fd,
                    EMPTY,
                    Linux.AT_EMPTY_PATH | Linux.AT_SYMLINK_NOFOLLOW,
                    Linux.STATX_NLINK,
                    buf);
        } catch (LastErrorException e) {
            throw fail("statx", "", e);
        }
        return Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(buf)
                .order(java.nio.ByteOrder.nativeOrder())
                .getInt(16));
    }

    /**
     * fstatfs(2), for an {@code O_PATH} fd too.
     *
     * @param fd the file
     * @return the answer
     * @throws SyscallException on failure
     */
    public static StatFs fstatfs(int fd) throws SyscallException {
        long[] buf = new long[16];
        try {
            LibC.fstatfs(fd, buf);
        } catch (LastErrorException e) {
            throw fail("fstatfs", "", e);
        }
        return StatFs.decode(buf);
    }

    /**
     * read(2) into the start of a buffer.
     *
     * @param fd the file
     * @param buf the buffer
     * @param offset where in the buffer to read to
     * @return the number of bytes read; 0 at the end
     * @throws SyscallException on failure
     */
    public static int read(int fd, byte[] buf, int offset) throws SyscallException {
        byte[] chunk = offset == 0 ? buf : new byte[buf.length - offset];
        long n;
        try {
            n = LibC.read(fd, chunk, chunk.length);
        } catch (LastErrorException e) {
            throw fail("read", "", e);
        }
        if (chunk != buf) {
            System.arraycopy(chunk, 0, buf, offset, (int) n);
        }
        return (int) n;
    }

    /**
     * renameat(2).
     *
     * @param fromDir the source's parent directory
     * @param from the source's name
     * @param toDir the target's parent directory
     * @param to the target's name
     * @throws SyscallException on failure
     */
    public static void renameat(int fromDir, String from, int toDir, String to)
            throws SyscallException {
        try {
            LibC.renameat(fromDir, CString.of(from), toDir, CString.of(to));
        } catch (LastErrorException e) {
            throw fail("renameat", from, e);
        }
    }

    /**
     * unlinkat(2).
     *
     * @param dirfd the parent directory
     * @param name the entry's name
     * @param flags 0, or {@link Linux#AT_REMOVEDIR}
     * @throws SyscallException on failure
     */
    public static void unlinkat(int dirfd, String name, int flags) throws SyscallException {
        try {
            LibC.unlinkat(dirfd, CString.of(name), flags);
        } catch (LastErrorException e) {
            throw fail("unlinkat", name, e);
        }
    }

    /**
     * statfs(2).
     *
     * @param path any path on the file system
     * @return the answer
     * @throws SyscallException on failure
     */
    public static StatFs statfs(String path) throws SyscallException {
        long[] buf = new long[16];
        try {
            LibC.statfs(CString.of(path), buf);
        } catch (LastErrorException e) {
            throw fail("statfs", path, e);
        }
        return StatFs.decode(buf);
    }

    /**
     * getcwd(3) of the calling thread, relative to its root.
     *
     * @return the working directory
     * @throws SyscallException on failure (e.g. ENOENT when it was removed)
     */
    public static String getcwd() throws SyscallException {
        byte[] buf = new byte[4097];
        try {
            LibC.getcwd(buf, buf.length);
        } catch (LastErrorException e) {
            throw fail("getcwd", "", e);
        }
        return CString.decodeTerminated(buf);
    }

    /**
     * Asks glibc's NSS, on the calling thread, for a user, a group and a user's groups under a
     * name that exists nowhere, so that every module the {@code passwd}, {@code group} and
     * {@code initgroups} lines of nsswitch.conf name is tried, and so loaded (or marked missing)
     * now.
     *
     * @param missingName a name no database lists
     * @return whether any lookup unexpectedly found the name
     */
    public static boolean nssLookupsThatMiss(String missingName) {
        byte[] n = CString.of(missingName);
        boolean found = LibC.getpwnam(n) != null;
        found |= LibC.getgrnam(n) != null;
        int[] groups = new int[8];
        int[] count = {groups.length};
        LibC.getgrouplist(n, 65534, groups, count);
        return found;
    }

    /**
     * openat2(2).
     *
     * @param dirfd the starting directory
     * @param path the path
     * @param flags {@code O_*} flags
     * @param resolve {@code RESOLVE_*} flags
     * @return the new fd
     * @throws SyscallException on failure
     */
    public static int openat2(int dirfd, String path, long flags, long resolve)
            throws SyscallException {
        return openat2(dirfd, path, flags, 0, resolve);
    }

    /**
     * openat2(2) with a mode, for {@code O_CREAT}.
     *
     * @param dirfd the starting directory
     * @param path the path
     * @param flags {@code O_*} flags
     * @param mode the permission bits of a file created (less the umask)
     * @param resolve {@code RESOLVE_*} flags
     * @return the new fd
     * @throws SyscallException on failure
     */
    public static int openat2(int dirfd, String path, long flags, long mode, long resolve)
            throws SyscallException {
        long[] how = {flags, mode, resolve};
        try {
            return (int) LibC.syscall(
                    Arch.SYS_OPENAT2, dirfd, CString.of(path), how, Linux.OPEN_HOW_SIZE);
        } catch (LastErrorException e) {
            throw fail("openat2", path, e);
        }
    }

    /**
     * Probes whether the kernel has a syscall: calls it with arguments it must refuse and tells
     * ENOSYS (absent) from any other answer.
     *
     * @param number the syscall number
     * @return {@code true} unless the kernel answered ENOSYS
     */
    public static boolean hasSyscall(long number) {
        try {
            long fd = LibC.syscall(number, -1, null, 0, (long[]) null, 0);
            close((int) fd);
            return true;
        } catch (LastErrorException e) {
            return e.getErrorCode() != dev.fsview.spi.errno.Errno.ENOSYS.number();
        }
    }

    static byte[] cstr(String s) {
        return s == null ? null : CString.of(s);
    }

    static SyscallException fail(String syscall, String path, LastErrorException e) {
        return new SyscallException(syscall, path, e.getErrorCode());
    }
}
