package dev.fsview.linux.process;

import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.ViewSpec;
import dev.fsview.linux.step.Steps;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;

/**
 * A process pinned for a view, on the opener's thread: its pidfd, an fd of its mount namespace
 * and an {@code O_PATH} fd of its root. The two {@code /proc/<pid>} opens are made after the pidfd
 * and checked with {@code pidfd_send_signal(0)} after them: if the process was still alive then,
 * the pid could not have been reused in between, so both fds are the pinned process's own.
 */
final class PinnedProcess implements AutoCloseable {
    private final long pid;
    private final Fd pidfd;
    private final Fd namespace;
    private final Fd root;

    private PinnedProcess(long pid, Fd pidfd, Fd namespace, Fd root) {
        this.pid = pid;
        this.pidfd = pidfd;
        this.namespace = namespace;
        this.root = root;
    }

    /**
     * Pins the spec's process, refusing what a view must not show.
     *
     * @param spec a process spec
     * @param steps the step runner (fault injection)
     * @return the pinned process, owning its three fds
     * @throws MountStepException naming the step: no such process, the host's own mount namespace
     *     (unless the spec allows it), missing privilege, or the process exited meanwhile
     */
    static PinnedProcess pin(ViewSpec spec, Steps steps) throws MountStepException {
        long pid = spec.process().orElseThrow();
        String proc = "/proc/" + pid;
        Fd pidfd = new Fd(
                open(steps, SetupStep.PIDFD_OPEN, pid, () -> ProcessCalls.pidfdOpen(pid)),
                "pidfd of process " + pid);
        Fd ns = null;
        Fd root = null;
        try {
            ns = new Fd(
                    open(
                            steps,
                            SetupStep.OPEN_PROCESS_NS,
                            pid,
                            () -> Sys.openat(
                                    Linux.AT_FDCWD,
                                    proc + "/ns/mnt",
                                    Arch.O_RDONLY | Arch.O_CLOEXEC,
                                    0)),
                    "mount namespace of process " + pid);
            root = new Fd(
                    open(
                            steps,
                            SetupStep.OPEN_PROCESS_ROOT,
                            pid,
                            () -> Sys.openat(
                                    Linux.AT_FDCWD,
                                    proc + "/root",
                                    Arch.O_PATH
                                            | Arch.O_CLOEXEC
                                            | Arch.current().oDirectory(),
                                    0)),
                    "root of process " + pid);
            int pinned = pidfd.get();
            // A pid reused between pidfd_open and the /proc opens would hand us another
            // process's namespace and root: alive now means the fds are the pinned process's.
            open(steps, SetupStep.CHECK_PROCESS, pid, () -> {
                ProcessCalls.checkAlive(pinned, pid);
                return 0;
            });
            if (!spec.allowHostMountNamespace() && sameNamespace(ns, pid)) {
                // A view of a process of the host's own namespace would be the host itself, with
                // every mount of the host: refused unless the caller asked for exactly that.
                throw Steps.refusal(
                        SetupStep.OPEN_PROCESS_NS,
                        "/",
                        "process " + pid
                                + " is in fsview's own (the host's) mount namespace; a view of it would "
                                + "show the host's file system. Use ViewSpec.Builder"
                                + ".allowHostMountNamespace() if that is what you mean");
            }
            return new PinnedProcess(pid, pidfd, ns, root);
        } catch (MountStepException | RuntimeException e) {
            if (root != null) {
                root.close();
            }
            if (ns != null) {
                ns.close();
            }
            pidfd.close();
            throw e;
        }
    }

    private static int open(Steps steps, SetupStep step, long pid, Steps.Action<Integer> action)
            throws MountStepException {
        try {
            return steps.run(step, "/", action);
        } catch (MountStepException e) {
            throw explain(e, step, pid);
        }
    }

    /** Says in words what the common errnos of pinning mean. */
    private static MountStepException explain(MountStepException e, SetupStep step, long pid) {
        String why;
        if (e.errno() == Errno.ESRCH.number()
                || (e.errno() == Errno.ENOENT.number() && step != SetupStep.PIDFD_OPEN)) {
            why = step == SetupStep.PIDFD_OPEN
                    ? "no process " + pid + " exists"
                    : "process " + pid + " exited while its view was being opened";
        } else if (e.errno() == Errno.EPERM.number() || e.errno() == Errno.EACCES.number()) {
            why = "missing privilege to view process " + pid + ": a view of a process needs "
                    + "CAP_SYS_ADMIN, CAP_SYS_CHROOT and ptrace access to it (CAP_SYS_PTRACE "
                    + "or the same user, and no Yama/LSM rule refusing it)";
        } else {
            return e;
        }
        return new MountStepException(
                step, e.syscall(), e.errno(), e.errnoName(), e.containerPath(), why, e);
    }

    /** Whether the process's mount namespace is the one this JVM lives in. */
    private static boolean sameNamespace(Fd ns, long pid) throws MountStepException {
        try {
            String self = Sys.readlinkat(Linux.AT_FDCWD, "/proc/self/ns/mnt");
            String theirs = Sys.readlinkat(Linux.AT_FDCWD, ns.procPath());
            return self.equals(theirs);
        } catch (SyscallException e) {
            throw Steps.failure(SetupStep.OPEN_PROCESS_NS, "/", e);
        }
    }

    long pid() {
        return pid;
    }

    Fd pidfd() {
        return pidfd;
    }

    Fd namespace() {
        return namespace;
    }

    Fd root() {
        return root;
    }

    /** Closes the namespace fd early: once the view thread has entered it, it is not needed. */
    void closeNamespace() {
        namespace.close();
    }

    @Override
    public void close() {
        root.close();
        namespace.close();
        pidfd.close();
    }
}
