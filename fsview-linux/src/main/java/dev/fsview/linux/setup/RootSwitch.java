package dev.fsview.linux.setup;

import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.linux.step.Steps;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SysMount;
import dev.fsview.linux.sys.SyscallException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the container root the view thread's {@code /} (moby's {@code mounttree.SwitchRoot}, with
 * runc's {@code pivot_root(".", ".")} that needs no directory inside the container): bind the root
 * onto itself unless it is a mount point, pivot, make the old root private and detach it, and
 * {@code chdir("/")}. Where pivot_root is refused (e.g. an initramfs root), chroot instead.
 */
final class RootSwitch {
    private static final Logger LOG = LoggerFactory.getLogger(RootSwitch.class);

    private final Steps steps;

    /**
     * Creates the switch.
     *
     * @param steps the step runner
     */
    RootSwitch(Steps steps) {
        this.steps = steps;
    }

    /** How the root was switched. */
    enum Outcome {
        /** pivot_root, old root detached. */
        PIVOT_ROOT,
        /** chroot, because pivot_root was refused. */
        CHROOT,
        /**
         * chroot into the view's tree, attached in a copy of the empty namespace
         * ({@link dev.fsview.linux.ns.EmptyNamespace}): no old root to detach.
         */
        CHROOT_IN_EMPTY_NAMESPACE
    }

    /**
     * Makes the view's tree, attached in the thread's copy of the empty namespace, its root.
     *
     * @param tree an fd of the tree's top, in this thread's namespace
     * @return {@link Outcome#CHROOT_IN_EMPTY_NAMESPACE}
     * @throws MountStepException if chroot fails
     */
    Outcome chrootInto(Fd tree) throws MountStepException {
        steps.exec(SetupStep.CHROOT, "/", () -> {
            Sys.fchdir(tree.get(), "the view's tree");
            SysMount.chroot(".");
        });
        steps.exec(SetupStep.CHDIR_ROOT, "/", () -> Sys.chdir("/"));
        return Outcome.CHROOT_IN_EMPTY_NAMESPACE;
    }

    /**
     * Switches the calling thread's root to {@code root}.
     *
     * @param root the host path of the container root
     * @param mounted whether the setup stacked a mount on the root already (the root's lock),
     *     so that pivot_root finds a mount point without asking
     * @return how it was done
     * @throws MountStepException if neither pivot_root nor chroot worked
     */
    Outcome switchTo(String root, boolean mounted) throws MountStepException {
        if (!mounted && !bindOntoItself(root)) {
            return chroot(root);
        }
        try (Fd oldRoot = openOldRoot()) {
            try {
                steps.exec(SetupStep.PIVOT_ROOT, "/", () -> {
                    Sys.chdir(root);
                    SysMount.pivotRoot(".", ".");
                });
            } catch (MountStepException refused) {
                LOG.debug("pivot_root refused for {}; falling back to chroot", root, refused);
                return chroot(root);
            }
            // The old root is now stacked on top of the new one; step onto it to detach it.
            steps.exec(SetupStep.ENTER_OLD_ROOT, "/", () -> Sys.fchdir(oldRoot.get(), "old root"));
        }
        // The old root must go: left stacked on "/", the whole host would be the view's root.
        // Private first, so the detach cannot propagate to a peer of the old root.
        steps.exec(
                SetupStep.OLD_ROOT_PRIVATE,
                "/",
                () -> SysMount.mount(null, ".", null, Linux.MS_PRIVATE | Linux.MS_REC, null));
        steps.exec(SetupStep.DETACH_OLD_ROOT, "/", () -> SysMount.umount2(".", Linux.MNT_DETACH));
        steps.exec(SetupStep.CHDIR_ROOT, "/", () -> Sys.chdir("/"));
        return Outcome.PIVOT_ROOT;
    }

    /** pivot_root needs a mount point; returns false when the bind was refused (use chroot). */
    private boolean bindOntoItself(String root) throws MountStepException {
        try {
            if (Sys.statx(Linux.AT_FDCWD, root, 0).isMountRoot()) {
                return true;
            }
        } catch (SyscallException e) {
            throw Steps.failure(SetupStep.BIND_ROOT, "/", e);
        }
        try {
            steps.exec(
                    SetupStep.BIND_ROOT,
                    "/",
                    () -> SysMount.mount(root, root, null, Linux.MS_BIND | Linux.MS_REC, null));
            return true;
        } catch (MountStepException refused) {
            LOG.debug("binding {} onto itself was refused; falling back to chroot", root, refused);
            return false;
        }
    }

    private Outcome chroot(String root) throws MountStepException {
        steps.exec(SetupStep.CHROOT, "/", () -> {
            Sys.chdir(root);
            SysMount.chroot(".");
        });
        steps.exec(SetupStep.CHDIR_ROOT, "/", () -> Sys.chdir("/"));
        return Outcome.CHROOT;
    }

    private static Fd openOldRoot() throws MountStepException {
        try {
            return new Fd(
                    Sys.openat(
                            Linux.AT_FDCWD,
                            "/",
                            Arch.O_RDONLY | Arch.O_CLOEXEC | Arch.current().oDirectory(),
                            0),
                    "old root");
        } catch (SyscallException e) {
            throw Steps.failure(SetupStep.PIVOT_ROOT, "/", e);
        }
    }
}
