package dev.fsview.linux.process;

import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.linux.ns.MountNamespace;
import dev.fsview.linux.preload.ClassPathSeal;
import dev.fsview.linux.step.Steps;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SysMount;

/**
 * What the view thread of a process view does before it serves tasks: leave the JVM's shared fs
 * struct ({@code unshare(CLONE_FS)}, without which {@code setns} into a mount namespace is refused
 * in a multithreaded process), enter the process's mount namespace, then make the process's root
 * its own ({@code fchdir} to the pinned root fd, {@code chroot(".")}, {@code chdir("/")}). Nothing
 * is mounted, created or changed in the process's namespace. When the view ends, the thread goes
 * back to the host's namespace ({@link MountNamespace#returnToHost()}), so it holds no reference
 * to the process's; no fd of the host's namespace is held while tasks run.
 */
final class ProcessSetup {
    private final PinnedProcess process;
    private final Steps steps;
    private boolean entered;

    ProcessSetup(PinnedProcess process, Steps steps) {
        this.process = process;
        this.steps = steps;
    }

    /** On the view thread. */
    void run() throws MountStepException {
        // CLONE_FS first of all: chroot must never touch the JVM's other threads, which share the
        // process's fs struct until this thread leaves it.
        steps.exec(SetupStep.UNSHARE_FS, "", () -> SysMount.unshare(Linux.CLONE_FS));
        // From the setns on, this thread's root is the process's: the system class loader must
        // not look anything up by path on it (a class planted there would be defined and run).
        ClassPathSeal.markContained();
        entered = true;
        steps.exec(
                SetupStep.SETNS,
                "/",
                () -> SysMount.setns(process.namespace().get(), Linux.CLONE_NEWNS));
        // setns left this thread at the namespace's root, which is not the process's root when
        // the process chrooted or pivoted: the pinned root fd is exactly what the process sees.
        steps.exec(
                SetupStep.ENTER_PROCESS_ROOT,
                "/",
                () -> Sys.fchdir(process.root().get(), "root of process " + process.pid()));
        steps.exec(SetupStep.CHROOT, "/", () -> SysMount.chroot("."));
        steps.exec(SetupStep.CHDIR_ROOT, "/", () -> Sys.chdir("/"));
    }

    /**
     * Last thing on the view thread, once it serves no more tasks: back to the host's namespace
     * (no fd of it was kept while tasks ran; best effort: the thread's exit drops the reference).
     */
    void teardown() {
        if (entered) {
            entered = false;
            MountNamespace.returnToHost();
        }
    }
}
