package dev.fsview.fake;

import dev.fsview.MountStepException;
import dev.fsview.ViewClosedException;
import dev.fsview.ViewSpec;
import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.nio.FakeFileSystem;
import dev.fsview.fake.nio.ViewHandle;
import dev.fsview.fake.setup.ViewMounts;
import dev.fsview.fake.vfs.Vfs;
import dev.fsview.spi.AbstractFsView;
import dev.fsview.spi.PreloadClasses;
import dev.fsview.spi.dispatch.DetachedFailureLog;
import dev.fsview.spi.dispatch.ReusingCarrier;
import dev.fsview.spi.dispatch.TaskDispatcher;
import dev.fsview.spi.dispatch.ViewThread;
import dev.fsview.spi.errno.NioExceptions;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A view of a {@link FakeHost}: its own mount namespace (built on its own thread, named
 * {@code fsview-view-fake-<n>}, exactly when a Linux view would build it), tasks run one at a time
 * on that thread, a working directory, and a {@link FakeFileSystem}.
 *
 * <p>Operations on {@link #fileSystem()} and {@link #stat} run on the calling thread under the fake
 * kernel's lock, as Linux runs them on the calling thread from the view's root fd: they do not wait
 * for a running task. The view's thread is a spare re-used across views ({@value #SPARE_THREADS}).
 */
public final class FakeView extends AbstractFsView {
    /** The system property giving the number of spare view threads kept; 0 turns re-use off. */
    public static final String SPARE_THREADS = "fsview.fake.spareThreads";

    private static final AtomicInteger SEQ = new AtomicInteger();
    /**
     * Views re-use ended views' threads, as on Linux, which saves a thread's start and end per
     * view. A fake view thread holds no kernel state (the view's namespace is an object, released
     * by the teardown), so every thread is back as soon as its view's body ended.
     */
    private static final ViewThread.Carrier CARRIER = new ReusingCarrier(
            "fsview-spare-fake-",
            Math.max(0, Integer.getInteger(SPARE_THREADS, 2)),
            () -> true,
            () -> {});

    private final State state;
    private final TaskDispatcher dispatcher;
    private final FakeFileSystem fs;
    /** Strict mode's watcher, or null; set once, right after the open. */
    private volatile StrictClasses strict;

    private FakeView(
            ViewSpec spec, String name, TaskDispatcher dispatcher, ViewThread thread, State state) {
        super(spec, "fake", name, dispatcher, thread, state);
        this.state = state;
        this.dispatcher = dispatcher;
        this.fs = new FakeFileSystem(new Handle());
    }

    /**
     * Opens a view on a host: starts the view thread, which builds the mount namespace.
     *
     * @param host the host
     * @param spec the spec
     * @return the open view
     * @throws IOException a {@link dev.fsview.MountStepException} if a setup step failed; no
     *     thread or mount is left behind
     */
    static FakeView open(FakeHost host, ViewSpec spec) throws IOException {
        if (spec.process().isPresent()) {
            return FakeProcessView.open(host, spec);
        }
        preload(spec);
        return start(
                        "fake view of " + spec.root(),
                        spec,
                        () -> ViewMounts.build(host.kernel(), host.process(), spec),
                        null)
                .watchClasses(host);
    }

    /** What a view thread enters: a namespace of its own, or a process's. */
    @FunctionalInterface
    interface Enter {
        Vfs enter() throws Exception;
    }

    /**
     * Starts the view thread, which enters the namespace, and waits for it.
     *
     * @param name the view's name
     * @param spec the spec
     * @param enter run on the view thread: the view's process
     * @param shared for a namespace the view does not own (a process's): left on the view
     *     thread's teardown instead of being released; {@code null} for the view's own
     * @return the open view
     * @throws IOException what {@code enter} threw
     */
    static FakeView start(String name, ViewSpec spec, Enter enter, Runnable shared)
            throws IOException {
        TaskDispatcher dispatcher =
                new TaskDispatcher(name, spec.handOver(), DetachedFailureLog.forView(name));
        State state = new State(shared == null);
        ViewThread thread = ViewThread.start(
                "fsview-view-fake-" + SEQ.incrementAndGet(),
                dispatcher,
                () -> state.process = enter.enter(),
                () -> {
                    if (shared != null && state.process != null) {
                        shared.run();
                    }
                },
                CARRIER);
        return new FakeView(spec, name, dispatcher, thread, state);
    }

    /**
     * Turns strict mode on for this view if the host or {@code -Dfake.strict=true} asks for it.
     *
     * @param host the host
     * @return this view
     */
    FakeView watchClasses(FakeHost host) {
        this.strict = StrictClasses.forView(spec(), host.isStrict());
        return this;
    }

    @Override
    protected void beforeTask(Object task) {
        StrictClasses s = strict;
        if (s != null) {
            s.before();
        }
    }

    @Override
    protected void afterTask(Object task) {
        StrictClasses s = strict;
        if (s != null) {
            s.after(task); // a class Linux would not find inside the container: fails the task
        }
    }

    /**
     * Ends the view on its own (its process exited): operations fail with the reason.
     *
     * @param reason e.g. {@code "process 1001 exited"}
     */
    void endBecause(String reason) {
        dispatcher.closeBecause(reason);
    }

    /** Lists the view's namespace's mounts: only views of a process list theirs. */
    @Override
    public java.util.List<dev.fsview.MountEntry> mounts() throws IOException {
        if (spec().process().isEmpty()) {
            return super.mounts();
        }
        ensureOpen();
        return FakeProcess.table(state.process);
    }

    /**
     * Loads and initialises the spec's preload classes, as the Linux backend must before its view
     * thread switches root: the fake needs none of it, but a spec that names a class that cannot
     * be loaded fails on both backends alike.
     */
    private static void preload(ViewSpec spec) throws MountStepException {
        PreloadClasses.load(spec.preloadClasses(), FakeView.class);
    }

    /**
     * {@code stat} runs on the caller's thread, as on Linux, where it resolves from the view's
     * root fd: it does not wait for a running task, and costs no hand-over.
     */
    @Override
    protected boolean statsOnCallerThread() {
        return true;
    }

    @Override
    public FileSystem fileSystem() {
        return fs;
    }

    @Override
    protected String changeDirectory(String path) throws IOException {
        fs.getPath(
                path); // refuses a NUL byte as every path of the view does (InvalidPathException)
        try {
            return state.process.chdir(path); // "" is ENOENT, as the kernel's chdir("")
        } catch (ErrnoException e) {
            switch (e.errno()) {
                case ENOENT:
                    throw new NoSuchFileException(path);
                case ENOTDIR:
                    throw new NotDirectoryException(path);
                default:
                    throw NioExceptions.of(e.errno(), path, null);
            }
        }
    }

    @Override
    protected String currentDirectory() {
        Vfs p = state.process;
        return p == null ? null : p.cwdPath();
    }

    /** The view's process and namespace; refers to nothing user-facing (see AbstractFsView). */
    private static final class State implements AutoCloseable {
        private final boolean owned;
        volatile Vfs process;
        /** Run when the view is closed, e.g. to stop watching its process; may be null. */
        volatile Runnable onClose;

        State(boolean owned) {
            this.owned = owned;
        }

        @Override
        public void close() {
            Runnable r = onClose;
            if (r != null) {
                r.run();
            }
            Vfs p = process;
            if (p != null && owned) {
                ViewMounts.release(p);
            }
        }
    }

    /**
     * Sets what closing the view also does (after its thread has ended).
     *
     * @param action e.g. stop watching the view's process
     */
    void onClose(Runnable action) {
        state.onClose = action;
    }

    /** The view as its file system sees it. */
    private final class Handle implements ViewHandle {
        @Override
        public Vfs process() {
            return state.process;
        }

        @Override
        public void checkOpen() throws ViewClosedException {
            // The task that is running while the view closes finishes its work, as on Linux,
            // where its file operations run inline on the view thread.
            if (!dispatcher.onWorkerThread()) {
                ensureOpen();
            }
        }

        @Override
        public boolean isOpen() {
            return FakeView.this.isOpen();
        }

        @Override
        public void close() throws IOException {
            FakeView.this.close();
        }

        @Override
        public String viewName() {
            return name();
        }
    }
}
