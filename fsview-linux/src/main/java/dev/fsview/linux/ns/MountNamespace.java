package dev.fsview.linux.ns;

import dev.fsview.MountStepException;
import dev.fsview.linux.setup.Step;
import dev.fsview.linux.setup.Steps;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;

/**
 * The first two steps on the view thread: a private fs (root, cwd) and a private mount namespace
 * for this thread alone, and {@code /} made a recursive slave so that nothing mounted or unmounted
 * in the view propagates back to the host.
 *
 * <p>{@code CLONE_NEWUSER} and {@code setns} into a mount namespace are refused in a multithreaded
 * process such as the JVM, so this needs real CAP_SYS_ADMIN.
 */
public final class MountNamespace {
    private MountNamespace() {
    }

    /**
     * Moves the calling thread into a private mount namespace with / as rslave.
     *
     * @param steps the step runner
     * @throws MountStepException if unshare or the propagation change fails
     */
    public static void enter(Steps steps) throws MountStepException {
        // CLONE_FS first of all: chdir, chroot and pivot_root must never touch the JVM's other
        // threads, which share the process's fs_struct until this thread leaves it.
        steps.exec(Step.UNSHARE, "", () -> Sys.unshare(Linux.CLONE_FS | Linux.CLONE_NEWNS));
        steps.exec(Step.MAKE_RSLAVE, "/",
                () -> Sys.mount(null, "/", null, Linux.MS_SLAVE | Linux.MS_REC, null));
    }
}
