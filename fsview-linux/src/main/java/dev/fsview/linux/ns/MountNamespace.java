package dev.fsview.linux.ns;

import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.linux.step.Steps;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.SysMount;
import dev.fsview.linux.sys.SyscallException;

/**
 * The first two steps on the view thread: a private fs (root, cwd) and a private mount namespace
 * for this thread alone, and {@code /} made a recursive slave so that nothing mounted or unmounted
 * in the view propagates back to the host.
 *
 * <p>{@code CLONE_NEWUSER} and {@code setns} into a mount namespace are refused in a multithreaded
 * process such as the JVM, so this needs real CAP_SYS_ADMIN.
 *
 * <p>No fd of the host's mount namespace is kept while the view's tasks can run: code planted in
 * the container and run in the JVM would {@code setns} into it and write to the host. The way back
 * ({@link #close()}) is made only after the view thread has stopped serving tasks.
 */
public final class MountNamespace implements AutoCloseable {
    // Whether this thread left the namespace of its last view (setns succeeded): its view's mounts
    // are then gone, and its close() need not wait for the spare's slower return check.
    private static final ThreadLocal<boolean[]> LEFT =
            ThreadLocal.withInitial(() -> new boolean[1]);

    private MountNamespace() {}

    /**
     * Whether the calling thread has left the namespace of the last view it entered, by
     * {@link #returnToHost()}; {@code false} if it never entered one or could not leave.
     *
     * @return whether the kernel moved this thread back to the host's namespace
     */
    public static boolean leftOnThisThread() {
        return LEFT.get()[0];
    }

    /**
     * Moves the calling thread into a private mount namespace with / as rslave. Nothing of the
     * namespace it came from is kept.
     *
     * @param steps the step runner
     * @return the namespace, to close on the same thread when the view ends
     * @throws MountStepException if unshare or the propagation change fails
     */
    public static MountNamespace enter(Steps steps) throws MountStepException {
        LEFT.get()[0] = false;
        // CLONE_FS first of all: chdir, chroot and pivot_root must never touch the JVM's other
        // threads, which share the process's fs_struct until this thread leaves it.
        steps.exec(
                SetupStep.UNSHARE, "", () -> SysMount.unshare(Linux.CLONE_FS | Linux.CLONE_NEWNS));
        try {
            steps.exec(
                    SetupStep.MAKE_RSLAVE,
                    "/",
                    () -> SysMount.mount(null, "/", null, Linux.MS_SLAVE | Linux.MS_REC, null));
        } catch (MountStepException | RuntimeException e) {
            // The thread is in the new namespace already: back to the host's, now.
            returnToHost();
            throw e;
        }
        return new MountNamespace();
    }

    /**
     * Moves the calling thread into its own copy of the JVM's empty namespace: its root and cwd
     * become that namespace's empty tmpfs, and nothing of the host's mount table comes along.
     *
     * @param steps the step runner
     * @param empty the JVM's empty namespace
     * @return the namespace, to close on the same thread when the view ends
     * @throws MountStepException if a step fails; the thread is then in the host's namespace
     */
    public static MountNamespace enterEmpty(Steps steps, EmptyNamespace empty)
            throws MountStepException {
        LEFT.get()[0] = false;
        // CLONE_FS first of all: setns and chroot must never touch the JVM's other threads.
        steps.exec(SetupStep.UNSHARE_FS, "", () -> SysMount.unshare(Linux.CLONE_FS));
        steps.exec(SetupStep.SETNS, "", empty::enter);
        try {
            // Never left in the shared one: a mount there would be in every later view.
            steps.exec(SetupStep.UNSHARE, "", () -> SysMount.unshare(Linux.CLONE_NEWNS));
        } catch (MountStepException | RuntimeException e) {
            returnToHost();
            throw e;
        }
        return new MountNamespace();
    }

    /**
     * Returns the calling thread to the host's mount namespace and root, so that the view's
     * namespace and every mount in it are released now (before {@code close()} of the view
     * returns), not whenever the exiting thread is finally reaped. Call it on the view thread once
     * it serves no more tasks.
     *
     * <p>The host's namespace is that of the JVM's thread-group leader, which never enters a view,
     * reached through a pidfd ({@code pidfd_open} + {@code setns}, Linux 5.8+): no path is looked
     * up (this thread's root is the container, where any path, {@code /proc/<pid>/task/<tid>/ns/mnt}
     * included, could be planted), and the pidfd exists only during this call. On older kernels,
     * or if the leader has exited, it fails and the thread's exit releases the namespace a moment
     * later.
     *
     * @return whether the thread is back in the leader's namespace
     */
    public static boolean returnToHost() {
        int pidfd;
        try {
            pidfd = SysMount.pidfdOpen(ProcessHandle.current().pid());
        } catch (SyscallException e) {
            return false;
        }
        try {
            SysMount.setns(pidfd, Linux.CLONE_NEWNS);
            LEFT.get()[0] = true;
            return true;
        } catch (SyscallException e) {
            return false;
        } finally {
            dev.fsview.linux.sys.Sys.close(pidfd);
        }
    }

    /** Returns to the host's namespace ({@link #returnToHost()}); best effort. */
    @Override
    public void close() {
        returnToHost();
    }
}
