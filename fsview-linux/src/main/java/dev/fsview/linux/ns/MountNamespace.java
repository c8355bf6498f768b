package dev.fsview.linux.ns;

import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.linux.setup.Steps;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SysMount;
import dev.fsview.linux.sys.SyscallException;

/**
 * The first two steps on the view thread: a private fs (root, cwd) and a private mount namespace
 * for this thread alone, and {@code /} made a recursive slave so that nothing mounted or unmounted
 * in the view propagates back to the host.
 *
 * <p>{@code CLONE_NEWUSER} and {@code setns} into a mount namespace are refused in a multithreaded
 * process such as the JVM, so this needs real CAP_SYS_ADMIN.
 */
public final class MountNamespace implements AutoCloseable {
    private MountNamespace() {
    }

    /**
     * Moves the calling thread into a private mount namespace with / as rslave, keeping an fd of
     * the namespace it came from so that {@link #close()} can return to it.
     *
     * @param steps the step runner
     * @return the namespace, to close on the same thread when the view ends
     * @throws MountStepException if unshare or the propagation change fails
     */
    public static MountNamespace enter(Steps steps) throws MountStepException {
        unshare(steps);
        // No fd of the host's mount namespace is kept while the view (and its tasks) run: code
        // planted in the container and run in the JVM would setns into it and write to the host.
        return new MountNamespace();
    }

    private static void unshare(Steps steps) throws MountStepException {
        // CLONE_FS first of all: chdir, chroot and pivot_root must never touch the JVM's other
        // threads, which share the process's fs_struct until this thread leaves it.
        steps.exec(SetupStep.UNSHARE, "", () -> SysMount.unshare(Linux.CLONE_FS | Linux.CLONE_NEWNS));
        steps.exec(SetupStep.MAKE_RSLAVE, "/",
                () -> SysMount.mount(null, "/", null, Linux.MS_SLAVE | Linux.MS_REC, null));
    }

    /**
     * Returns the calling thread to the host's mount namespace (allowed: its fs is not shared), so
     * that the view's namespace and every mount in it are released now, not whenever the exiting
     * thread is finally reaped. The namespace is reopened from
     * {@code /proc/<pid>/task/<pid>/ns/mnt} of the JVM's first thread, which never enters a view; inside a view that has no {@code /proc}
     * this fails, and the thread's exit releases the namespace a moment later.
     */
    @Override
    public void close() {
        long pid = ProcessHandle.current().pid();
        String path = "/proc/" + pid + "/task/" + pid + "/ns/mnt";
        // O_NONBLOCK|O_NOFOLLOW: a FIFO or link planted at that path in the container must not
        // block or redirect the teardown; setns refuses anything that is not a namespace.
        try (Fd host = new Fd(Sys.openat(Linux.AT_FDCWD, path, Arch.O_RDONLY | Arch.O_CLOEXEC
                | O_NONBLOCK | Arch.current().oNofollow(), 0), "host mount namespace")) {
            SysMount.setns(host.get(), Linux.CLONE_NEWNS);
        } catch (SyscallException | IllegalStateException ignored) {
            // The namespace goes when the thread exits, a moment later.
        }
    }

    private static final int O_NONBLOCK = 04000;
}
