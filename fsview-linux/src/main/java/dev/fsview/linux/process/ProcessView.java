package dev.fsview.linux.process;

import dev.fsview.FsView;
import dev.fsview.MountEntry;
import dev.fsview.ViewClosedException;
import dev.fsview.ViewSpec;
import dev.fsview.linux.preload.ClassLoadingHints;
import dev.fsview.linux.preload.Preloader;
import dev.fsview.linux.resolve.ViewRoot;
import dev.fsview.linux.resolve.WorkingDirectory;
import dev.fsview.linux.setup.LinuxOptions;
import dev.fsview.linux.step.Faults;
import dev.fsview.linux.step.Steps;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.AbstractFsView;
import dev.fsview.spi.dispatch.DetachedFailureLog;
import dev.fsview.spi.dispatch.TaskDispatcher;
import dev.fsview.spi.dispatch.ViewThread;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A view of a running process ({@link ViewSpec#ofProcess(long)}): what the process sees as
 * {@code /}, with every mount of its mount namespace, live. Opening it pins the process
 * ({@link PinnedProcess}: pidfd, mount namespace fd, root fd, on the opener's thread), then starts
 * the view thread {@code fsview-view-process-<n>}, which enters the process's namespace and root
 * ({@link ProcessSetup}). Nothing is mounted or created in the process's namespace.
 *
 * <p>When the process exits, the {@link ExitWatcher} ends the view: its thread leaves the namespace
 * and ends, and every operation fails with {@link ViewClosedException} "process P exited";
 * {@link #close()} (or the Cleaner) then releases the fds. A view whose process exits keeps no
 * thread and no reference to the process's namespace.
 */
public final class ProcessView extends AbstractFsView {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final FileSystem fs;
    private final long pid;
    private final TaskDispatcher dispatcher;
    private final PinnedProcess process;

    private ProcessView(
            ViewSpec spec,
            String name,
            int id,
            TaskDispatcher dispatcher,
            ViewThread thread,
            PinnedProcess process,
            ViewRoot root,
            AutoCloseable resources) {
        super(spec, "linux", name, dispatcher, thread, resources);
        this.pid = process.pid();
        this.dispatcher = dispatcher;
        this.process = process;
        this.fs = ProcessFileSystems.create(
                this, "linux-process-" + id, root, dispatcher::onWorkerThread);
    }

    /** {@code stat} runs on the caller's thread, as the file system does. */
    @Override
    protected boolean statsOnCallerThread() {
        return true;
    }

    /**
     * Opens a view of the spec's process.
     *
     * @param spec a spec made by {@link ViewSpec#ofProcess(long)}
     * @return the open view
     * @throws IOException if the options are bad, the process is refused (no such process, the
     *     host's own mount namespace, missing privilege), or a setup step failed; nothing is left
     *     open then
     */
    public static FsView open(ViewSpec spec) throws IOException {
        Steps steps = new Steps(Faults.parse(LinuxOptions.of(spec).failSteps()));
        Preloader.preload(spec.preloadClasses());
        // The view thread enters the process's root in the open.
        Preloader.warmUp();
        int id = COUNTER.incrementAndGet();
        long pid = spec.process().orElseThrow();
        String name = "linux view #" + id + " of process " + pid;
        PinnedProcess process = PinnedProcess.pin(spec, steps);
        ViewRoot opened = null;
        try {
            opened = ProcessFileSystems.openRoot(process.root(), name);
            // The file stores' mount table: /proc/<pid>/mountinfo, mount points as the process
            // sees them. Alive after the open: a reused pid would hand us another's table.
            opened.mounts()
                    .pin(new Fd(
                            Sys.openat(
                                    Linux.AT_FDCWD,
                                    "/proc/" + pid,
                                    Arch.O_PATH
                                            | Arch.O_CLOEXEC
                                            | Arch.current().oDirectory(),
                                    0),
                            "process " + pid));
            ProcessCalls.checkAlive(process.pidfd().get(), pid);
        } catch (SyscallException e) {
            if (opened != null) {
                opened.close();
            }
            process.close();
            throw new IOException(name + ": cannot reopen the root of process " + pid, e);
        }
        ViewRoot root = opened;
        ProcessSetup setup = new ProcessSetup(process, steps);
        TaskDispatcher dispatcher =
                new TaskDispatcher(name, spec.handOver(), DetachedFailureLog.forView(name));
        ViewThread thread;
        try {
            thread = ViewThread.start(
                    "fsview-view-process-" + id, dispatcher, setup::run, setup::teardown);
        } catch (IOException | RuntimeException e) {
            root.close();
            process.close();
            throw e;
        }
        // In the namespace now: the thread holds it, the fd is no longer needed.
        process.closeNamespace();
        int pidfd = process.pidfd().get();
        AutoCloseable resources = () -> {
            ExitWatcher.get().unwatch(pidfd);
            root.close();
            process.close();
        };
        try {
            ExitWatcher.get()
                    .watch(pidfd, () -> dispatcher.closeBecause("process " + pid + " exited"));
        } catch (SyscallException e) {
            thread.close();
            root.close();
            process.close();
            throw new IOException(name + ": cannot watch the process for its exit", e);
        }
        return new ProcessView(spec, name, id, dispatcher, thread, process, root, resources);
    }

    @Override
    public FileSystem fileSystem() {
        return fs;
    }

    @Override
    protected String changeDirectory(String path) throws IOException {
        return WorkingDirectory.change(path);
    }

    /**
     * Lists the process's mounts from {@code /proc/<pid>/mountinfo}, read on the caller's thread;
     * the pidfd is checked after the read, so the table is the pinned process's, not that of a
     * process that reused its pid.
     */
    @Override
    public List<MountEntry> mounts() throws IOException {
        ensureOpen();
        List<String> lines = Files.readAllLines(Path.of("/proc/" + pid + "/mountinfo"));
        try {
            ProcessCalls.checkAlive(process.pidfd().get(), pid);
        } catch (SyscallException | IllegalStateException e) {
            // The pid may belong to another process by now: its table is not this view's.
            throw new ViewClosedException(name() + " is closed: process " + pid + " exited");
        }
        List<MountEntry> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(MountEntry.parseMountinfo(line));
        }
        return out;
    }

    /**
     * Returns whether the view's process has exited (the view has then ended).
     *
     * @return {@code true} once the exit was seen
     */
    public boolean processExited() {
        return dispatcher.closedReason() != null;
    }

    @Override
    protected Throwable explainTaskFailure(Throwable failure, Object task) {
        return ClassLoadingHints.explain(
                failure,
                name(),
                Thread.currentThread().getContextClassLoader(),
                task.getClass().getClassLoader(),
                ProcessView.class.getClassLoader());
    }

    @Override
    protected Throwable explainStartedTaskFailure(Throwable failure) {
        return ClassLoadingHints.explainInView(failure, name());
    }

    @Override
    public String toString() {
        return name() + " (setns, chroot)";
    }
}
