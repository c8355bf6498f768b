package dev.fsview;

import java.util.Locale;
import java.util.Objects;

/**
 * The steps of setting up a view, in the order a backend takes them: the one vocabulary that
 * {@link MountStepException#step()} reports, that both backends' fault injectors name (the options
 * {@code linux.fail-step} and {@code fake.fail-step}), and that logs and messages use. Each step has
 * a stable {@link #id() id} and the {@link #syscall() system call} it makes on Linux; the fake
 * backend simulates the same steps and reports the same ids, syscalls and errnos.
 *
 * <p>Not every backend takes every step: the classic mount sequence and the new mount API have
 * steps of their own, and a view of a running process mounts nothing.
 */
public enum SetupStep {
    /** Load and initialise, on the opener's thread, what the view thread needs later. */
    PRELOAD(""),
    /** Process view: {@code pidfd_open(pid)}, pinning the process so that its pid cannot be reused. */
    PIDFD_OPEN("pidfd_open"),
    /** Process view: open the process's mount namespace, {@code /proc/<pid>/ns/mnt}. */
    OPEN_PROCESS_NS("openat"),
    /** Process view: open the process's root, {@code /proc/<pid>/root}, as an {@code O_PATH} fd. */
    OPEN_PROCESS_ROOT("openat"),
    /**
     * Process view: {@code pidfd_send_signal(pidfd, 0)} after the opens, proving that the fds taken
     * through {@code /proc/<pid>} belong to the pinned process and not to one that reused its pid.
     */
    CHECK_PROCESS("pidfd_send_signal"),
    /**
     * Process views and views set up in the empty namespace: {@code unshare(CLONE_FS)}, so the
     * view thread's root and cwd are its own.
     */
    UNSHARE_FS("unshare"),
    /**
     * {@code setns(CLONE_NEWNS)}: a process view into the process's mount namespace; a view set up
     * in the empty namespace into that namespace, before it unshares its own copy.
     */
    SETNS("setns"),
    /** Process view: {@code fchdir} to the process's root, before {@link #CHROOT}. */
    ENTER_PROCESS_ROOT("fchdir"),
    /**
     * {@code unshare(CLONE_FS | CLONE_NEWNS)}: a private root, cwd and mount namespace (in the
     * empty namespace, {@code CLONE_NEWNS} alone: the thread's own copy of it).
     */
    UNSHARE("unshare"),
    /** Make {@code /} a recursive slave so that nothing done in the view propagates to the host. */
    MAKE_RSLAVE("mount"),
    /** Open the container root as a directory fd. */
    OPEN_ROOT("openat"),
    /** Look up the source of a bind mount: directory or file target. */
    STAT_SOURCE("statx"),
    /** Resolve a mount destination inside the root. */
    RESOLVE_TARGET("openat2"),
    /** Create a missing component of a mount target. */
    CREATE_TARGET("mkdirat"),
    /** Classic sequence: bind the source onto {@code /proc/self/fd/N}. */
    BIND("mount"),
    /** Classic sequence: read the real path of the target back. */
    READLINK_TARGET("readlinkat"),
    /** Classic sequence: {@code MS_REMOUNT | MS_BIND | MS_RDONLY}. */
    REMOUNT_RO("mount"),
    /**
     * Classic sequence: a writable mount remounted {@code MS_REMOUNT | MS_BIND | MS_NODEV}, so that
     * a device node in it opens nothing (see {@link ViewSpec.Builder#allowDevices()}); a read-only
     * one gets {@code MS_NODEV} in its {@link #REMOUNT_RO} instead.
     */
    REMOUNT_NODEV("mount"),
    /**
     * Classic sequence: pin the mount a bind just made with an {@code O_PATH} fd, checked in the
     * view's mount table to be that mount's root; the later steps go through this fd.
     */
    OPEN_MOUNT("openat"),
    /**
     * {@code mount_setattr(AT_RECURSIVE, MOUNT_ATTR_NODEV)}: every mount of the view, submounts
     * included, refuses to open device nodes (on the detached tree with the new mount API, through
     * the pinned fd in the classic sequence).
     */
    NODEV("mount_setattr"),
    /** Classic sequence: {@code MS_PRIVATE | MS_REC}. */
    MAKE_PRIVATE("mount"),
    /** {@code mount_setattr(AT_RECURSIVE, MOUNT_ATTR_RDONLY)} on a read-only bind's submounts. */
    RECURSIVE_RO("mount_setattr"),
    /** Classic sequence: check in the view's mount table that the read-only flags took. */
    VERIFY_READ_ONLY(""),
    /** Classic sequence: check in the view's mount table that every mount of the view is nodev. */
    VERIFY_NODEV(""),
    /** New mount API: {@code open_tree(OPEN_TREE_CLONE [| AT_RECURSIVE])}. */
    OPEN_TREE("open_tree"),
    /** New mount API: read-only on the detached tree. */
    TREE_RO("mount_setattr"),
    /** New mount API: private propagation on the detached tree. */
    TREE_PRIVATE("mount_setattr"),
    /** New mount API: attach the detached tree to the pinned target. */
    MOVE_MOUNT("move_mount"),
    /** A fresh tmpfs ({@code fsopen}, {@code fsconfig}, {@code fsmount}; {@code mount(2)} classic). */
    TMPFS("fsmount"),
    /** Bind the container root onto itself, so that it is a mount the root switch can pivot to. */
    BIND_ROOT("mount"),
    /** {@code pivot_root(".", ".")}; where it is refused, the view falls back to {@link #CHROOT}. */
    PIVOT_ROOT("pivot_root"),
    /** Step onto the old root, now stacked on the new one, to detach it. */
    ENTER_OLD_ROOT("fchdir"),
    /** Make the old root private before detaching it. */
    OLD_ROOT_PRIVATE("mount"),
    /** {@code umount2(old root, MNT_DETACH)}. */
    DETACH_OLD_ROOT("umount2"),
    /**
     * {@code chroot(".")}: the switch of a view set up in the empty namespace (into its tree) and
     * of a process view; elsewhere the fallback where pivot_root is refused.
     */
    CHROOT("chroot"),
    /** {@code chdir("/")} inside the new root. */
    CHDIR_ROOT("chdir"),
    /**
     * Open an {@code O_PATH} fd of the view's root, the top of its private mount tree: the view's
     * file system resolves every path from it, on the caller's own thread. (A view set up in the
     * empty namespace keeps the fd of its root's tree instead, and has no such step.)
     */
    OPEN_VIEW_ROOT("openat");

    private final String id;
    private final String syscall;

    SetupStep(String syscall) {
        this.id = name().toLowerCase(Locale.ROOT).replace('_', '-');
        this.syscall = syscall;
    }

    /**
     * Returns the step's stable id, as messages and fault options spell it.
     *
     * @return e.g. {@code "move-mount"}
     */
    public String id() {
        return id;
    }

    /**
     * Returns the system call the step makes on Linux.
     *
     * @return e.g. {@code "move_mount"}, or {@code ""} for a step that is fsview's own check
     */
    public String syscall() {
        return syscall;
    }

    /**
     * Finds a step by its id.
     *
     * @param id e.g. {@code "pivot-root"}
     * @return the step, or {@code null} if no step has that id
     */
    public static SetupStep byId(String id) {
        Objects.requireNonNull(id, "id");
        for (SetupStep s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return id;
    }
}
