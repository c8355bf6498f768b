package dev.fsview.linux.process;

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
 * What the view thread of a process view does before it serves tasks: leave the JVM's shared fs
 * struct ({@code unshare(CLONE_FS)}, without which {@code setns} into a mount namespace is refused
 * in a multithreaded process), enter the process's mount namespace, then make the process's root
 * its own ({@code fchdir} to the pinned root fd, {@code chroot(".")}, {@code chdir("/")}). Nothing
 * is mounted, created or changed in the process's namespace. When the view ends, the thread goes
 * back to the host's namespace, so it holds no reference to the process's.
 */
final class ProcessSetup {
    private final PinnedProcess process;
    private final Steps steps;
    private Fd host;

    ProcessSetup(PinnedProcess process, Steps steps) {
        this.process = process;
        this.steps = steps;
    }

    /** On the view thread. */
    void run() throws MountStepException {
        try {
            host = new Fd(Sys.openat(Linux.AT_FDCWD, "/proc/thread-self/ns/mnt",
                    Arch.O_RDONLY | Arch.O_CLOEXEC, 0), "host mount namespace");
        } catch (SyscallException e) {
            throw Steps.failure(SetupStep.UNSHARE_FS, "", e);
        }
        // CLONE_FS first of all: chroot must never touch the JVM's other threads, which share the
        // process's fs struct until this thread leaves it.
        steps.exec(SetupStep.UNSHARE_FS, "", () -> SysMount.unshare(Linux.CLONE_FS));
        steps.exec(SetupStep.SETNS, "/",
                () -> SysMount.setns(process.namespace().get(), Linux.CLONE_NEWNS));
        // setns left this thread at the namespace's root, which is not the process's root when
        // the process chrooted or pivoted: the pinned root fd is exactly what the process sees.
        steps.exec(SetupStep.ENTER_PROCESS_ROOT, "/",
                () -> Sys.fchdir(process.root().get(), "root of process " + process.pid()));
        steps.exec(SetupStep.CHROOT, "/", () -> SysMount.chroot("."));
        steps.exec(SetupStep.CHDIR_ROOT, "/", () -> Sys.chdir("/"));
    }

    /** Last thing on the view thread: back to the host's namespace (best effort: exit drops it). */
    void teardown() {
        if (host == null) {
            return;
        }
        try {
            SysMount.setns(host.get(), Linux.CLONE_NEWNS);
        } catch (SyscallException ignored) {
            // The thread ends right after; its exit releases the namespace reference.
        } finally {
            host.close();
            host = null;
        }
    }
}
