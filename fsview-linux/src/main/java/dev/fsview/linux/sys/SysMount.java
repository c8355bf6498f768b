package dev.fsview.linux.sys;

import com.sun.jna.LastErrorException;

/**
 * The mount and namespace system calls fsview-linux makes: classic {@code mount(2)}, the root
 * switch, and the new mount API ({@code open_tree}, {@code mount_setattr}, {@code move_mount},
 * {@code fsopen}/{@code fsconfig}/{@code fsmount}) through fixed-arity {@code syscall(2)} with
 * the numbers of {@link Arch}. Failures are {@link SyscallException}s, as in {@link Sys}.
 */
public final class SysMount {
    private SysMount() {}

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
            throw Sys.fail("unshare", "", e);
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
            throw Sys.fail("setns", "", e);
        }
    }

    /**
     * pidfd_open(2): an fd of a process, which {@code setns} accepts (Linux 5.8+) to enter that
     * process's namespaces, without any path being looked up.
     *
     * @param pid the process
     * @return the pidfd ({@code O_CLOEXEC} is implied)
     * @throws SyscallException on failure (ENOSYS before 5.3)
     */
    public static int pidfdOpen(long pid) throws SyscallException {
        try {
            return (int) LibC.syscall(Arch.SYS_PIDFD_OPEN, pid, 0, 0);
        } catch (LastErrorException e) {
            throw Sys.fail("pidfd_open", "", e);
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
            LibC.mount(
                    Sys.cstr(source), CString.of(target), Sys.cstr(fstype), flags, Sys.cstr(data));
        } catch (LastErrorException e) {
            throw Sys.fail("mount", target, e);
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
            throw Sys.fail("umount2", target, e);
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
            throw Sys.fail("chroot", path, e);
        }
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
            throw Sys.fail("pivot_root", newRoot, e);
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
    public static void mountSetattr(
            int dirfd, String path, int flags, long attrSet, long propagation, String what)
            throws SyscallException {
        long[] attr = {attrSet, 0, propagation, 0};
        try {
            byte[] p = path.isEmpty() ? Sys.EMPTY : CString.of(path);
            LibC.syscall(Arch.SYS_MOUNT_SETATTR, dirfd, p, flags, attr, Linux.MOUNT_ATTR_SIZE_VER0);
        } catch (LastErrorException e) {
            throw Sys.fail("mount_setattr", what, e);
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
            byte[] p = path.isEmpty() ? Sys.EMPTY : CString.of(path);
            return (int) LibC.syscall(Arch.SYS_OPEN_TREE, dirfd, p, flags);
        } catch (LastErrorException e) {
            throw Sys.fail("open_tree", path, e);
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
            LibC.syscall(
                    Arch.SYS_MOVE_MOUNT,
                    fromFd,
                    Sys.EMPTY,
                    toFd,
                    Sys.EMPTY,
                    Linux.MOVE_MOUNT_F_EMPTY_PATH | Linux.MOVE_MOUNT_T_EMPTY_PATH);
        } catch (LastErrorException e) {
            throw Sys.fail("move_mount", what, e);
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
            throw Sys.fail("fsopen", fsName, e);
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
            LibC.syscall(
                    Arch.SYS_FSCONFIG,
                    fd,
                    Linux.FSCONFIG_SET_STRING,
                    CString.of(key),
                    CString.of(value),
                    0);
        } catch (LastErrorException e) {
            throw Sys.fail("fsconfig", key + "=" + value, e);
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
            throw Sys.fail("fsconfig", "create", e);
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
            throw Sys.fail("fsmount", "", e);
        }
    }

    /** {@code AT_REMOVEDIR} for {@link #unlinkat}: remove a directory. */
    public static final int AT_REMOVEDIR = 0x200;

    /**
     * unlinkat(2), used to remove the mount targets a failed setup created.
     *
     * @param dirfd the parent directory's fd (an {@code O_PATH} fd will do)
     * @param name the entry's name in it
     * @param flags 0 or {@link #AT_REMOVEDIR}
     * @throws SyscallException on failure
     */
    public static void unlinkat(int dirfd, String name, int flags) throws SyscallException {
        long number = Arch.current() == Arch.AARCH64 ? 35 : 263;
        try {
            LibC.syscall(number, dirfd, CString.of(name), flags);
        } catch (LastErrorException e) {
            throw Sys.fail("unlinkat", name, e);
        }
    }
}
