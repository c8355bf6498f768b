package dev.fsview.linux;

import dev.fsview.FsView;
import dev.fsview.ViewSpec;
import dev.fsview.linux.nio.LinuxViewFileSystem;
import dev.fsview.linux.ns.HostThread;
import dev.fsview.linux.ns.SpareThreads;
import dev.fsview.linux.preload.ClassLoadingHints;
import dev.fsview.linux.preload.Preloader;
import dev.fsview.linux.process.ProcessView;
import dev.fsview.linux.resolve.ViewRoot;
import dev.fsview.linux.resolve.WorkingDirectory;
import dev.fsview.linux.resolve.WorkingDirectoryFd;
import dev.fsview.linux.setup.LinuxOptions;
import dev.fsview.linux.setup.ViewSetup;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.KernelFeatures;
import dev.fsview.spi.AbstractFsView;
import dev.fsview.spi.dispatch.DetachedFailureLog;
import dev.fsview.spi.dispatch.TaskDispatcher;
import dev.fsview.spi.dispatch.ViewThread;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A view served by a thread named {@code fsview-view-linux-<n>} that lives in its own mount
 * namespace with the container root as its {@code /} (set up by {@link ViewSetup}), from the open
 * on, or from the first work handed to it where the file system resolves on callers' threads in
 * the empty namespace. Everything but the file system and the working directory comes from
 * {@link AbstractFsView}.
 */
final class LinuxView extends AbstractFsView {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final LinuxViewFileSystem fs;
    private final ViewSetup setup;
    private final boolean callerThread;
    private final ViewRoot viewRoot;
    private final WorkingDirectoryFd workingDirectory;

    private LinuxView(
            ViewSpec spec,
            String name,
            int id,
            TaskDispatcher dispatcher,
            ViewThread thread,
            ViewSetup setup,
            ViewRoot viewRoot,
            boolean callerThread) {
        // The view root's and the working directory's fds are closed once the view thread has
        // ended.
        super(spec, "linux", name, dispatcher, thread, viewRoot::close);
        this.viewRoot = viewRoot;
        this.workingDirectory = viewRoot.workingDirectory();
        this.fs = new LinuxViewFileSystem(
                this,
                "linux-" + id,
                callerThread ? viewRoot : null,
                viewRoot.mounts(),
                dispatcher::onWorkerThread);
        this.callerThread = callerThread;
        this.setup = setup;
    }

    /**
     * Opens a view: validates the options, preloads on the caller's thread (and warms the JDK up
     * there when the view thread switches root in the open), then starts the view thread and waits
     * for its setup.
     *
     * @param spec the spec
     * @param features what the kernel has
     * @return the open view
     * @throws IOException if the options are bad, preloading failed, or a setup step failed
     */
    static FsView open(ViewSpec spec, KernelFeatures features) throws IOException {
        // Made here, on the caller's (host) thread, before any task of this view, or of a process
        // view, can need it for a checked open: see HostThread.
        HostThread.ensureStarted();
        if (spec.process().isPresent()) {
            return ProcessView.open(spec);
        }
        LinuxOptions options = LinuxOptions.of(spec);
        // With openat2 the file system resolves on the caller's thread from the root fd; without
        // it (or with linux.resolve=walk) operations are handed to the view thread.
        boolean callerThread =
                features.openat2() && options.resolve() != LinuxOptions.Choice.FALLBACK;
        ViewSetup setup = new ViewSetup(spec, options, features, callerThread);
        Preloader.preload(spec.preloadClasses());
        if (!setup.switchesAtFirstRequest()) {
            // The view thread enters the container's root in the open: warmed up before it.
            Preloader.warmUp();
        }
        int id = COUNTER.incrementAndGet();
        String name = "linux view #" + id + " of " + spec.root();
        TaskDispatcher dispatcher =
                new TaskDispatcher(name, spec.handOver(), DetachedFailureLog.forView(name));
        // Set once the open has succeeded; the teardown runs after that, or without it on a
        // failed setup.
        AtomicReference<ViewRoot> opened = new AtomicReference<>();
        // A spare thread when one is back on the host from an earlier view (SpareThreads).
        ViewThread thread = ViewThread.start(
                "fsview-view-linux-" + id,
                dispatcher,
                setup::run,
                // The switch at the first request, after beforeHandOver() has warmed up.
                setup.switchesAtFirstRequest() ? setup::switchRoot : TaskDispatcher.Prelude.NONE,
                () -> {
                    // Before the mounts go with the namespace: no lookup may find the container's
                    // own directory under a volume's mount point (a write racing close()).
                    ViewRoot r = opened.get();
                    if (r != null) {
                        r.closeLookups();
                    }
                    setup.teardown();
                },
                SpareThreads.carrier());
        ViewRoot root = ViewRoot.of(setup.takeViewRoot(), name);
        opened.set(root);
        Fd task = setup.takeViewTask();
        if (task != null) {
            root.mounts().pin(task, setup.rootMountId());
        }
        return new LinuxView(spec, name, id, dispatcher, thread, setup, root, callerThread);
    }

    /**
     * Before any work reaches a view thread that switches root at its first request: the JDK and
     * glibc warm-up, here on the caller's (host) thread, once per JVM. The switch runs after it,
     * on the view thread, as the dispatcher's prelude.
     */
    @Override
    protected void beforeHandOver() throws IOException {
        if (setup.switchesAtFirstRequest()) {
            Preloader.warmUp();
        }
    }

    /** {@code stat} runs on the caller's thread when the file system does. */
    @Override
    protected boolean statsOnCallerThread() {
        return callerThread;
    }

    @Override
    public FileSystem fileSystem() {
        return fs;
    }

    @Override
    protected String changeDirectory(String path) throws IOException {
        String now = WorkingDirectory.change(path);
        if (callerThread) {
            try {
                workingDirectory.pinCurrent();
            } catch (dev.fsview.linux.sys.SyscallException e) {
                throw new IOException("cannot pin the working directory " + now, e);
            }
        }
        return now;
    }

    /**
     * The view thread's working directory as it is named now: a rename of an ancestor shows
     * (issue 17, row 23). With caller-thread resolution it is read from the pinned fd, never
     * handed to the view thread; otherwise it is the view thread's {@code getcwd}.
     */
    @Override
    protected String currentDirectory() {
        if (callerThread) {
            return workingDirectory.current(viewRoot);
        }
        try {
            return dispatch(WorkingDirectory::current);
        } catch (IOException e) {
            return null; // removed (ENOENT), or the view is closing: the last path stays
        }
    }

    /**
     * A task that failed with {@link NoClassDefFoundError} or {@link ClassNotFoundException} for a
     * class the host's class path does have failed because of the root switch: say so, and how to
     * preload, in an error of the same kind with the original as its cause. Checked here, on the
     * caller's thread, in the host's root, where the class can be looked up.
     */
    @Override
    protected Throwable explainTaskFailure(Throwable failure, Object task) {
        return ClassLoadingHints.explain(
                failure,
                name(),
                Thread.currentThread().getContextClassLoader(),
                task.getClass().getClassLoader(),
                LinuxView.class.getClassLoader());
    }

    /** A started task's failure is only logged: explained on the view thread itself. */
    @Override
    protected Throwable explainStartedTaskFailure(Throwable failure) {
        return ClassLoadingHints.explainInView(failure, name());
    }

    @Override
    public String toString() {
        return name() + " (" + setup.summary() + ")";
    }
}
