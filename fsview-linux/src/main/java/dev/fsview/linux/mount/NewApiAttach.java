package dev.fsview.linux.mount;

import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.linux.step.Steps;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.SysMount;

/**
 * The new mount API (Linux 5.12+): clone the source as a detached tree ({@code open_tree}), make it
 * read-only and private while nobody can see it ({@code mount_setattr}), then attach it to the
 * pinned target fd ({@code move_mount}). The mount is never visible writable, and no step goes by
 * path inside the container.
 */
public final class NewApiAttach implements AttachStrategy {
    private final Steps steps;
    private final boolean nodev;

    /**
     * Creates the strategy.
     *
     * @param steps the step runner
     * @param nodev whether every bind (and the root) is made nodev, submounts included
     */
    public NewApiAttach(Steps steps, boolean nodev) {
        this.steps = steps;
        this.nodev = nodev;
    }

    @Override
    public void bind(MountSpec mount, Fd source, Fd target) throws MountStepException {
        try (Fd tree = cloneBind(mount, source)) {
            attachTree(mount.destination(), tree, target);
        }
    }

    /**
     * A bind's source cloned as a detached tree, nodev and read-only as the spec says, private.
     * Made in the namespace the source is mounted in: {@code open_tree} clones only mounts of the
     * caller's namespace.
     *
     * @param mount the bind
     * @param source its source's fd
     * @return the detached tree; the caller attaches it ({@link #attachTree}) or closes it
     * @throws MountStepException if a step fails
     */
    public Fd cloneBind(MountSpec mount, Fd source) throws MountStepException {
        String dest = mount.destination();
        int flags = Linux.OPEN_TREE_CLONE
                | Arch.O_CLOEXEC
                | Linux.AT_EMPTY_PATH
                | (mount.nonRecursive() ? 0 : Linux.AT_RECURSIVE);
        Fd tree = new Fd(
                steps.run(
                        SetupStep.OPEN_TREE,
                        dest,
                        () -> SysMount.openTree(source.get(), "", flags)),
                "tree of " + source.what());
        try {
            makeNodev(dest, tree);
            if (!mount.writable()) {
                makeReadOnly(mount, tree);
            }
            makePrivate(dest, tree);
            return tree;
        } catch (MountStepException | RuntimeException e) {
            tree.close();
            throw e;
        }
    }

    /**
     * The container root cloned as a detached tree with its submounts: nodev everywhere unless
     * the view allows devices, private. A read-only root is made so once attached, after the
     * missing mount targets are created in it ({@link #makeTopReadOnly}).
     *
     * @param root the container root's fd
     * @return the detached tree
     * @throws MountStepException if a step fails
     */
    public Fd cloneRoot(Fd root) throws MountStepException {
        int flags =
                Linux.OPEN_TREE_CLONE | Arch.O_CLOEXEC | Linux.AT_EMPTY_PATH | Linux.AT_RECURSIVE;
        Fd tree = new Fd(
                steps.run(SetupStep.OPEN_TREE, "/", () -> SysMount.openTree(root.get(), "", flags)),
                "tree of the root");
        try {
            makeNodev("/", tree);
            makePrivate("/", tree);
            return tree;
        } catch (MountStepException | RuntimeException e) {
            tree.close();
            throw e;
        }
    }

    /**
     * Attaches a detached tree to a pinned target.
     *
     * @param dest the mount's destination, for messages
     * @param tree the detached tree
     * @param target the target's fd
     * @throws MountStepException if move_mount fails
     */
    public void attachTree(String dest, Fd tree, Fd target) throws MountStepException {
        steps.exec(
                SetupStep.MOVE_MOUNT,
                dest,
                () -> SysMount.moveMount(tree.get(), target.get(), dest));
    }

    /** A device node in the container opens nothing: nodev on the whole detached tree. */
    private void makeNodev(String dest, Fd tree) throws MountStepException {
        if (nodev) {
            // A device node in the container (say a host disk's major:minor) would open the host's
            // device.
            steps.exec(
                    SetupStep.NODEV,
                    dest,
                    () -> SysMount.mountSetattr(
                            tree.get(),
                            "",
                            Linux.AT_EMPTY_PATH | Linux.AT_RECURSIVE,
                            Linux.MOUNT_ATTR_NODEV,
                            0,
                            dest));
        }
    }

    @Override
    public void lockRoot(Fd root, String hostRoot, boolean readOnly) throws MountStepException {
        // A clone of the root with the volumes attached so far, made nodev and read-only while it
        // is detached, then stacked on the root: the root switch pivots to it.
        try (Fd tree = cloneRoot(root)) {
            if (readOnly) {
                makeTopReadOnly(tree);
            }
            attachTree("/", tree, root);
        }
    }

    /**
     * Non-recursive read-only on the root's tree: the volumes keep their own modes.
     *
     * @param tree the root's tree, detached or attached
     * @throws MountStepException if mount_setattr fails
     */
    public void makeTopReadOnly(Fd tree) throws MountStepException {
        steps.exec(
                SetupStep.TREE_RO,
                "/",
                () -> SysMount.mountSetattr(
                        tree.get(), "", Linux.AT_EMPTY_PATH, Linux.MOUNT_ATTR_RDONLY, 0, "/"));
    }

    private void makeReadOnly(MountSpec mount, Fd tree) throws MountStepException {
        String dest = mount.destination();
        boolean recursive = mount.recursiveReadOnly()
                && RecursiveReadOnly.apply(
                        steps,
                        SetupStep.RECURSIVE_RO,
                        dest,
                        mount.readOnlyForceRecursive(),
                        () -> SysMount.mountSetattr(
                                tree.get(),
                                "",
                                Linux.AT_EMPTY_PATH | Linux.AT_RECURSIVE,
                                Linux.MOUNT_ATTR_RDONLY,
                                0,
                                dest));
        if (!recursive) {
            steps.exec(
                    SetupStep.TREE_RO,
                    dest,
                    () -> SysMount.mountSetattr(
                            tree.get(), "", Linux.AT_EMPTY_PATH, Linux.MOUNT_ATTR_RDONLY, 0, dest));
        }
    }

    @Override
    public void tmpfs(MountSpec mount, Fd target) throws MountStepException {
        String dest = mount.destination();
        try (Fd context =
                new Fd(steps.run(SetupStep.TMPFS, dest, () -> SysMount.fsopen("tmpfs")), "tmpfs")) {
            int fs = context.get();
            steps.exec(SetupStep.TMPFS, dest, () -> {
                SysMount.fsconfigString(fs, "mode", Integer.toOctalString(mount.tmpfsMode()));
                if (mount.tmpfsSizeBytes() > 0) {
                    SysMount.fsconfigString(fs, "size", Long.toString(mount.tmpfsSizeBytes()));
                }
                SysMount.fsconfigCreate(fs);
            });
            try (Fd tree = new Fd(
                    steps.run(
                            SetupStep.TMPFS,
                            dest,
                            () -> SysMount.fsmount(
                                    fs, Linux.MOUNT_ATTR_NOSUID | Linux.MOUNT_ATTR_NODEV)),
                    "tmpfs mount")) {
                attachPrivate(dest, tree, target);
            }
        }
    }

    /** Private propagation on the detached tree, then attach it to the target. */
    private void attachPrivate(String dest, Fd tree, Fd target) throws MountStepException {
        makePrivate(dest, tree);
        attachTree(dest, tree, target);
    }

    /** Private propagation on the whole detached tree: nothing done in the view propagates. */
    private void makePrivate(String dest, Fd tree) throws MountStepException {
        steps.exec(
                SetupStep.TREE_PRIVATE,
                dest,
                () -> SysMount.mountSetattr(
                        tree.get(),
                        "",
                        Linux.AT_EMPTY_PATH | Linux.AT_RECURSIVE,
                        0,
                        Linux.MS_PRIVATE,
                        dest));
    }

    @Override
    public String name() {
        return "new";
    }
}
