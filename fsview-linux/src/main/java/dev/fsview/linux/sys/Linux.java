package dev.fsview.linux.sys;

/**
 * Kernel constants that neither the JDK nor jna-platform defines: mount flags, namespace flags,
 * {@code *at} flags, and the flags of the new mount API. Values from the kernel's uapi headers,
 * identical on x86_64 and aarch64.
 */
public final class Linux {
    private Linux() {}

    /** unshare: a private copy of root, cwd and umask. */
    public static final int CLONE_FS = 0x00000200;
    /** unshare: a private mount namespace. */
    public static final int CLONE_NEWNS = 0x00020000;

    /** mount: read-only. */
    public static final long MS_RDONLY = 1;
    /** mount: ignore set-user-id bits. */
    public static final long MS_NOSUID = 2;
    /** mount: no device files. */
    public static final long MS_NODEV = 4;
    /** mount: change the flags of an existing mount. */
    public static final long MS_REMOUNT = 32;
    /** mount: bind mount. */
    public static final long MS_BIND = 4096;
    /** mount: recursively (rbind, rprivate, rslave). */
    public static final long MS_REC = 16384;
    /** mount: private propagation. */
    public static final long MS_PRIVATE = 1 << 18;
    /** mount: slave propagation. */
    public static final long MS_SLAVE = 1 << 19;

    /** umount2: lazy detach. */
    public static final int MNT_DETACH = 2;

    /** The current directory as a dirfd. */
    public static final int AT_FDCWD = -100;
    /** Do not follow a final symlink. */
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    /** Operate on the dirfd itself when the path is empty. */
    public static final int AT_EMPTY_PATH = 0x1000;
    /** open_tree, mount_setattr: the whole subtree. */
    public static final int AT_RECURSIVE = 0x8000;

    /** openat2 resolve: no magic links (/proc/self/fd/N and the like). */
    public static final long RESOLVE_NO_MAGICLINKS = 0x02;
    /** openat2 resolve: refuse (EXDEV) to leave dirfd by ".." or an absolute path or link. */
    public static final long RESOLVE_BENEATH = 0x08;
    /** openat2 resolve: treat dirfd as the root ("/" and ".." stay inside it). */
    public static final long RESOLVE_IN_ROOT = 0x10;

    /** open_tree: clone the tree (a detached bind mount). */
    public static final int OPEN_TREE_CLONE = 1;
    /** move_mount: the source is the fd itself. */
    public static final int MOVE_MOUNT_F_EMPTY_PATH = 0x4;
    /** move_mount: the target is the fd itself. */
    public static final int MOVE_MOUNT_T_EMPTY_PATH = 0x40;
    /** mount_setattr: read-only. */
    public static final long MOUNT_ATTR_RDONLY = 0x1;
    /** fsmount attribute: ignore set-user-id bits. */
    public static final int MOUNT_ATTR_NOSUID = 0x2;
    /** fsmount attribute: no device files. */
    public static final int MOUNT_ATTR_NODEV = 0x4;
    /** struct mount_attr, first version: four u64. */
    public static final long MOUNT_ATTR_SIZE_VER0 = 32;
    /** struct open_how: three u64. */
    public static final long OPEN_HOW_SIZE = 24;

    /** fsopen: close on exec. */
    public static final int FSOPEN_CLOEXEC = 1;
    /** fsmount: close on exec. */
    public static final int FSMOUNT_CLOEXEC = 1;
    /** fsconfig: set a string parameter. */
    public static final int FSCONFIG_SET_STRING = 1;
    /** fsconfig: create the superblock. */
    public static final int FSCONFIG_CMD_CREATE = 6;

    /** statx: the file type and mode. */
    public static final int STATX_TYPE = 0x1;
    /** statx: permission bits. */
    public static final int STATX_MODE = 0x2;
    /** statx attribute: the path is the root of a mount. */
    public static final long STATX_ATTR_MOUNT_ROOT = 0x2000;
    /** statx: the size. */
    public static final int STATX_SIZE = 0x200;
    /** statx: every field of {@code struct stat} (type, mode, nlink, ids, times, ino, size, blocks). */
    public static final int STATX_BASIC_STATS = 0x7ff;
    /** statx: the creation time. */
    public static final int STATX_BTIME = 0x800;
    /** statx: the link count. */
    public static final int STATX_NLINK = 0x4;
    /** unlinkat: remove a directory. */
    public static final int AT_REMOVEDIR = 0x200;
    /** statx: the mount id ({@code stx_mnt_id}, Linux 5.8+). */
    public static final int STATX_MNT_ID = 0x1000;
    /** statx: the inode number. */
    public static final int STATX_INO = 0x100;

    /** statfs f_flags: mounted read-only. */
    public static final long ST_RDONLY = 1;

    /** Linux's limit of symlinks followed in one path resolution (ELOOP past it). */
    public static final int MAX_SYMLINKS = 40;
}
