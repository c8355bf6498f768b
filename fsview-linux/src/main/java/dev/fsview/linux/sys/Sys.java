package dev.fsview.linux.sys;

import com.sun.jna.LastErrorException;

/**
 * The system calls fsview-linux makes, one method each: arguments as Java values, results as Java
 * values, and every failure a {@link SyscallException} naming the call, the path and the errno,
 * read on the calling thread right after the call.
 */
public final class Sys {
    private static final byte[] EMPTY = {0};

    private Sys() {
    }

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
     * unshare(2).
     *
     * @param flags e.g. {@code CLONE_FS | CLONE_NEWNS}
     * @throws SyscallException on failure
     */
    public static void unshare(int flags) throws SyscallException {
        try {
            LibC.unshare(flags);
        } catch (LastErrorException e) {
            throw fail("unshare", "", e);
        }
    }

    /**
     * setns(2).
     *
     * @param fd a namespace fd, e.g. of {@code /proc/thread-self/ns/mnt}
     * @param nstype e.g. {@code CLONE_NEWNS}
     * @throws SyscallException on failure
     */
    public static void setns(int fd, int nstype) throws SyscallException {
        try {
            LibC.setns(fd, nstype);
        } catch (LastErrorException e) {
            throw fail("setns", "", e);
        }
    }

    /**
     * mount(2).
     *
     * @param source the source, or {@code null}
     * @param target the target path
     * @param fstype the file system type, or {@code null}
     * @param flags {@code MS_*} flags
     * @param data file system options, or {@code null}
     * @throws SyscallException on failure
     */
    public static void mount(String source, String target, String fstype, long flags, String data)
            throws SyscallException {
        try {
            LibC.mount(cstr(source), CString.of(target), cstr(fstype), flags, cstr(data));
        } catch (LastErrorException e) {
            throw fail("mount", target, e);
        }
    }

    /**
     * umount2(2).
     *
     * @param target the mount point
     * @param flags e.g. {@code MNT_DETACH}
     * @throws SyscallException on failure
     */
    public static void umount2(String target, int flags) throws SyscallException {
        try {
            LibC.umount2(CString.of(target), flags);
        } catch (LastErrorException e) {
            throw fail("umount2", target, e);
        }
    }

    /**
     * chroot(2).
     *
     * @param path the new root
     * @throws SyscallException on failure
     */
    public static void chroot(String path) throws SyscallException {
        try {
            LibC.chroot(CString.of(path));
        } catch (LastErrorException e) {
            throw fail("chroot", path, e);
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
        for (int size = 256;; size *= 2) {
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
            LibC.statx(dirfd, path.isEmpty() ? EMPTY : CString.of(path), flags,
                    Linux.STATX_TYPE | Linux.STATX_MODE, buf);
        } catch (LastErrorException e) {
            throw fail("statx", path, e);
        }
        return Statx.decode(buf);
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
     * pivot_root(2).
     *
     * @param newRoot the new root
     * @param putOld where the old root goes
     * @throws SyscallException on failure
     */
    public static void pivotRoot(String newRoot, String putOld) throws SyscallException {
        try {
            LibC.syscall(Arch.current().sysPivotRoot(), CString.of(newRoot), CString.of(putOld));
        } catch (LastErrorException e) {
            throw fail("pivot_root", newRoot, e);
        }
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
        long[] how = {flags, 0, resolve};
        try {
            return (int) LibC.syscall(Arch.SYS_OPENAT2, dirfd, CString.of(path), how,
                    Linux.OPEN_HOW_SIZE);
        } catch (LastErrorException e) {
            throw fail("openat2", path, e);
        }
    }

    /**
     * mount_setattr(2).
     *
     * @param dirfd a dirfd, or the mount's own fd with an empty path and AT_EMPTY_PATH
     * @param path the path, or {@code ""}
     * @param flags {@code AT_*} flags, e.g. {@code AT_RECURSIVE}
     * @param attrSet {@code MOUNT_ATTR_*} to set
     * @param propagation {@code MS_PRIVATE} etc., or 0 to leave it
     * @param what the mount, for the message
     * @throws SyscallException on failure
     */
    public static void mountSetattr(int dirfd, String path, int flags, long attrSet,
            long propagation, String what) throws SyscallException {
        long[] attr = {attrSet, 0, propagation, 0};
        try {
            LibC.syscall(Arch.SYS_MOUNT_SETATTR, dirfd, path.isEmpty() ? EMPTY : CString.of(path),
                    flags, attr, Linux.MOUNT_ATTR_SIZE_VER0);
        } catch (LastErrorException e) {
            throw fail("mount_setattr", what, e);
        }
    }

    /**
     * open_tree(2).
     *
     * @param dirfd the starting directory
     * @param path the path of the tree
     * @param flags e.g. {@code OPEN_TREE_CLONE | AT_RECURSIVE}
     * @return the fd of the (detached, if cloned) tree
     * @throws SyscallException on failure
     */
    public static int openTree(int dirfd, String path, int flags) throws SyscallException {
        try {
            return (int) LibC.syscall(Arch.SYS_OPEN_TREE, dirfd, CString.of(path), flags);
        } catch (LastErrorException e) {
            throw fail("open_tree", path, e);
        }
    }

    /**
     * move_mount(2) from one fd onto another.
     *
     * @param fromFd the mount to attach
     * @param toFd the target
     * @param what the target, for the message
     * @throws SyscallException on failure
     */
    public static void moveMount(int fromFd, int toFd, String what) throws SyscallException {
        try {
            LibC.syscall(Arch.SYS_MOVE_MOUNT, fromFd, EMPTY, toFd, EMPTY,
                    Linux.MOVE_MOUNT_F_EMPTY_PATH | Linux.MOVE_MOUNT_T_EMPTY_PATH);
        } catch (LastErrorException e) {
            throw fail("move_mount", what, e);
        }
    }

    /**
     * fsopen(2).
     *
     * @param fsName e.g. {@code "tmpfs"}
     * @return the file system context fd
     * @throws SyscallException on failure
     */
    public static int fsopen(String fsName) throws SyscallException {
        try {
            return (int) LibC.syscall(Arch.SYS_FSOPEN, CString.of(fsName), Linux.FSOPEN_CLOEXEC);
        } catch (LastErrorException e) {
            throw fail("fsopen", fsName, e);
        }
    }

    /**
     * fsconfig(2) with a string parameter.
     *
     * @param fd the context
     * @param key e.g. {@code "size"}
     * @param value its value
     * @throws SyscallException on failure
     */
    public static void fsconfigString(int fd, String key, String value) throws SyscallException {
        try {
            LibC.syscall(Arch.SYS_FSCONFIG, fd, Linux.FSCONFIG_SET_STRING, CString.of(key),
                    CString.of(value), 0);
        } catch (LastErrorException e) {
            throw fail("fsconfig", key + "=" + value, e);
        }
    }

    /**
     * fsconfig(2) {@code FSCONFIG_CMD_CREATE}.
     *
     * @param fd the context
     * @throws SyscallException on failure
     */
    public static void fsconfigCreate(int fd) throws SyscallException {
        try {
            LibC.syscall(Arch.SYS_FSCONFIG, fd, Linux.FSCONFIG_CMD_CREATE, null, null, 0);
        } catch (LastErrorException e) {
            throw fail("fsconfig", "create", e);
        }
    }

    /**
     * fsmount(2).
     *
     * @param fd the created context
     * @param attrs {@code MOUNT_ATTR_*}
     * @return the fd of the new, detached mount
     * @throws SyscallException on failure
     */
    public static int fsmount(int fd, int attrs) throws SyscallException {
        try {
            return (int) LibC.syscall(Arch.SYS_FSMOUNT, fd, Linux.FSMOUNT_CLOEXEC, attrs);
        } catch (LastErrorException e) {
            throw fail("fsmount", "", e);
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

    private static byte[] cstr(String s) {
        return s == null ? null : CString.of(s);
    }

    private static SyscallException fail(String syscall, String path, LastErrorException e) {
        return new SyscallException(syscall, path, e.getErrorCode());
    }
}
