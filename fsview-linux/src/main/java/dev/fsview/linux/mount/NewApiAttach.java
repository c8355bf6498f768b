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
        String dest = mount.destination();
        int flags = Linux.OPEN_TREE_CLONE
                | Arch.O_CLOEXEC
                | Linux.AT_EMPTY_PATH
                | (mount.nonRecursive() ? 0 : Linux.AT_RECURSIVE);
        try (Fd tree = new Fd(
                steps.run(
                        SetupStep.OPEN_TREE,
                        dest,
                        () -> SysMount.openTree(source.get(), "", flags)),
                "tree of " + source.what())) {
            makeNodev(dest, tree);
            if (!mount.writable()) {
                makeReadOnly(mount, tree);
            }
            attachPrivate(dest, tree, target);
        }
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
        int flags =
                Linux.OPEN_TREE_CLONE | Arch.O_CLOEXEC | Linux.AT_EMPTY_PATH | Linux.AT_RECURSIVE;
        // A clone of the root with the volumes attached so far, made nodev and read-only while it
        // is detached, then stacked on the root: the root switch pivots to it.
        try (Fd tree = new Fd(
                steps.run(SetupStep.OPEN_TREE, "/", () -> SysMount.openTree(root.get(), "", flags)),
                "tree of the root")) {
            makeNodev("/", tree);
            if (readOnly) {
                // Non-recursive: the volumes keep their own modes.
                steps.exec(
                        SetupStep.TREE_RO,
                        "/",
                        () -> SysMount.mountSetattr(
                                tree.get(),
                                "",
                                Linux.AT_EMPTY_PATH,
                                Linux.MOUNT_ATTR_RDONLY,
                                0,
                                "/"));
            }
            attachPrivate("/", tree, root);
        }
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
        steps.exec(
                SetupStep.MOVE_MOUNT,
                dest,
                () -> SysMount.moveMount(tree.get(), target.get(), dest));
    }

    @Override
    public String name() {
        return "new";
    }
}
