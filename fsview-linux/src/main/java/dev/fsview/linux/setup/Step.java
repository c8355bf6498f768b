package dev.fsview.linux.setup;

import java.util.Locale;

/**
 * The steps of setting up a Linux view, in the order DESIGN.md §4 gives them. Each has a stable id
 * (what {@link dev.fsview.MountStepException#step()} reports and what the test-only option
 * {@code linux.fail-step} names) and the system call it makes.
 */
public enum Step {
    /** Load and initialise what the view thread runs after the root switch. */
    PRELOAD(""),
    /** unshare(CLONE_FS | CLONE_NEWNS). */
    UNSHARE("unshare"),
    /** Make / rslave so nothing done in the view propagates to the host. */
    MAKE_RSLAVE("mount"),
    /** Open the container root as a directory fd. */
    OPEN_ROOT("openat"),
    /** stat the source of a bind mount: directory or file target. */
    STAT_SOURCE("statx"),
    /** Resolve a mount destination inside the root. */
    RESOLVE_TARGET("openat2"),
    /** Create a missing mount target. */
    CREATE_TARGET("mkdirat"),
    /** Classic: bind the source onto /proc/self/fd/N. */
    BIND("mount"),
    /** Classic: read the real path of the target back. */
    READLINK_TARGET("readlinkat"),
    /** Classic: MS_REMOUNT | MS_BIND | MS_RDONLY. */
    REMOUNT_RO("mount"),
    /** Classic: MS_PRIVATE | MS_REC. */
    MAKE_PRIVATE("mount"),
    /** mount_setattr(AT_RECURSIVE, MOUNT_ATTR_RDONLY); fatal only with ReadOnlyForceRecursive. */
    RECURSIVE_RO("mount_setattr"),
    /** Classic: check in the mount table that the by-path steps reached the new mount. */
    VERIFY_READ_ONLY(""),
    /** New API: open_tree(OPEN_TREE_CLONE [| AT_RECURSIVE]). */
    OPEN_TREE("open_tree"),
    /** New API: read-only on the detached tree. */
    TREE_RO("mount_setattr"),
    /** New API: private propagation on the detached tree. */
    TREE_PRIVATE("mount_setattr"),
    /** New API: attach the tree to the target fd. */
    MOVE_MOUNT("move_mount"),
    /** A fresh tmpfs (fsopen, fsconfig, fsmount, or mount(2) on the classic path). */
    TMPFS("fsmount"),
    /** Bind the root onto itself when it is not a mount point. */
    BIND_ROOT("mount"),
    /** pivot_root(".", "."); refused: fall back to chroot. */
    PIVOT_ROOT("pivot_root"),
    /** Make the old root private before detaching it. */
    OLD_ROOT_PRIVATE("mount"),
    /** umount2(old root, MNT_DETACH). */
    DETACH_OLD_ROOT("umount2"),
    /** chroot(".") when pivot_root is refused. */
    CHROOT("chroot"),
    /** chdir("/") inside the new root. */
    CHDIR_ROOT("chdir");

    private final String id;
    private final String syscall;

    Step(String syscall) {
        this.id = name().toLowerCase(Locale.ROOT).replace('_', '-');
        this.syscall = syscall;
    }

    /**
     * Returns the step's id.
     *
     * @return e.g. {@code "move-mount"}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the system call the step makes.
     *
     * @return e.g. {@code "move_mount"}
     */
    public String syscall() {
        return syscall;
    }

    /**
     * Finds a step by id.
     *
     * @param id e.g. {@code "pivot-root"}
     * @return the step, or {@code null}
     */
    public static Step byId(String id) {
        for (Step s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        return null;
    }
}
