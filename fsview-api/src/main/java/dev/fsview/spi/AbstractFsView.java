package dev.fsview.spi;

import dev.fsview.FsView;
import dev.fsview.PathStat;
import dev.fsview.ViewCallable;
import dev.fsview.ViewClosedException;
import dev.fsview.ViewContext;
import dev.fsview.ViewSpec;
import dev.fsview.ViewTask;
import dev.fsview.spi.dispatch.TaskDispatcher;
import dev.fsview.spi.dispatch.ViewThread;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What every backend's view shares: task hand-over through a {@link TaskDispatcher} served by a
 * {@link ViewThread}, {@code stat} through {@link PathStats}, the working directory, and a close
 * that is idempotent, waits for the running task, and is backed by a {@link Cleaner}.
 *
 * <p>Reachability: the object users hold (this view, its file system and its paths, which refer to
 * each other) is what the Cleaner watches. The view thread must never refer to it between tasks,
 * or a dropped view would never be collected: so the thread and the backend's resources live in a
 * separate {@link Resources} object that refers to nothing user-facing.
 */
public abstract class AbstractFsView implements FsView {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fsview");
    private static final Cleaner CLEANER = Cleaner.create();

    private final ViewSpec spec;
    private final String backend;
    private final String name;
    private final TaskDispatcher dispatcher;
    private final Resources resources;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean open = true;
    private volatile String cwd = "/";

    /**
     * Creates the view around a running view thread.
     *
     * @param spec the spec it was opened with
     * @param backend the backend's name
     * @param name the view's name for messages, e.g. {@code "linux view of /srv/rootfs"}
     * @param dispatcher the dispatcher {@code thread} serves
     * @param thread the view thread, set up and serving
     * @param backendResources closed after the thread has ended (or, when the view is closed from
     *     inside its own task, right away); must be safe to close from any thread
     */
    // Registering with the Cleaner hands out only a phantom reference to this view; javac 21+
    // flags it as a possible 'this' escape, which fails fsview-api's -Werror build there.
    @SuppressWarnings("this-escape")
    protected AbstractFsView(
            ViewSpec spec,
            String backend,
            String name,
            TaskDispatcher dispatcher,
            ViewThread thread,
            AutoCloseable backendResources) {
        this.spec = Objects.requireNonNull(spec);
        this.backend = backend;
        this.name = name;
        this.dispatcher = dispatcher;
        this.resources = new Resources(name, thread, backendResources);
        this.cleanable = CLEANER.register(this, resources);
    }

    /**
     * Runs one file operation in the view: on the view thread, or inline when already there. The
     * backend's file system routes every operation through here.
     *
     * @param op the operation
     * @param <T> its result type
     * @return its result
     * @throws IOException the operation's failure unchanged, or a hand-over failure
     */
    public final <T> T dispatch(IoCallable<T> op) throws IOException {
        if (dispatcher.onWorkerThread()) {
            return op.call();
        }
        beforeHandOver();
        try {
            @SuppressWarnings("unchecked")
            T result = (T) dispatcher.call(op::call, -1);
            return result;
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(
                    "unexpected checked exception from a file operation", t);
        }
    }

    /**
     * A file operation for {@link #dispatch(IoCallable)}.
     *
     * @param <T> its result type
     */
    @FunctionalInterface
    public interface IoCallable<T> {
        /**
         * Performs the operation.
         *
         * @return the result
         * @throws IOException the operation's failure
         */
        T call() throws IOException;
    }

    @Override
    public final <T, E extends Exception> T call(ViewCallable<T, E> task) throws E, IOException {
        return callWithin(task, -1, task);
    }

    @Override
    public final <T, E extends Exception> T call(ViewCallable<T, E> task, Duration handOverTimeout)
            throws E, IOException {
        return callWithin(task, handOverTimeout.toNanos(), task);
    }

    @Override
    public final <E extends Exception> void run(ViewTask<E> task) throws E, IOException {
        callWithin(asCallable(task), -1, task);
    }

    @Override
    public final <E extends Exception> void run(ViewTask<E> task, Duration handOverTimeout)
            throws E, IOException {
        callWithin(asCallable(task), handOverTimeout.toNanos(), task);
    }

    @Override
    public final void start(ViewTask<?> task) throws IOException {
        startWithin(task, -1);
    }

    @Override
    public final void start(ViewTask<?> task, Duration handOverTimeout) throws IOException {
        startWithin(task, handOverTimeout.toNanos());
    }

    private void startWithin(ViewTask<?> task, long timeoutNanos) throws IOException {
        Objects.requireNonNull(task, "task");
        ensureOpen();
        beforeHandOver();
        ViewContext context = new Context();
        dispatcher.start(
                () -> {
                    try {
                        task.run(context);
                    } catch (Throwable t) {
                        throw explainStartedTaskFailure(t);
                    }
                    return null;
                },
                timeoutNanos);
    }

    @Override
    public final PathStat stat(String path) throws IOException {
        ensureOpen();
        if (statsOnCallerThread()) {
            return PathStats.stat(fileSystem(), path);
        }
        return dispatch(() -> PathStats.stat(fileSystem(), path));
    }

    /**
     * Whether {@link #stat} may run on the caller's thread, through {@link #fileSystem()}, rather
     * than be handed to the view thread: true when the backend's file system never needs the view
     * thread for reads.
     *
     * @return {@code false} unless a backend says otherwise
     */
    protected boolean statsOnCallerThread() {
        return false;
    }

    @Override
    public final void chdir(String path) throws IOException {
        ensureOpen();
        dispatch(() -> {
            String now = changeDirectory(path);
            if (now != null) {
                cwd = now;
            }
            return null;
        });
    }

    @Override
    public final String cwd() {
        if (isOpen()) {
            String now = currentDirectory();
            if (now != null) {
                cwd = now;
            }
        }
        return cwd;
    }

    /**
     * The working directory as {@code getcwd} reports it now, so that {@link #cwd()} follows a
     * rename of the directory or of one of its ancestors.
     *
     * @return the current path, or {@code null} where the backend cannot tell (the working
     *     directory was removed, the view is closing): {@link #cwd()} then keeps the last path
     */
    protected String currentDirectory() {
        return null;
    }

    @Override
    public final Path path(String first, String... more) {
        return fileSystem().getPath(first, more);
    }

    @Override
    public final ViewSpec spec() {
        return spec;
    }

    @Override
    public final String backend() {
        return backend;
    }

    @Override
    public final boolean isOpen() {
        return open && dispatcher.closedReason() == null;
    }

    @Override
    public final void close() throws IOException {
        open = false;
        resources.explicit = true;
        cleanable.clean();
        resources.awaitClosed();
        if (resources.failure != null) {
            throw new IOException("closing " + name + " failed", resources.failure);
        }
    }

    /**
     * Throws if the view is closed.
     *
     * @throws ViewClosedException if {@link #close()} has begun
     */
    protected final void ensureOpen() throws ViewClosedException {
        if (!open) {
            throw new ViewClosedException(name + " is closed");
        }
        String reason = dispatcher.closedReason();
        if (reason != null) {
            // The view ended on its own (e.g. its process exited); close() still releases it.
            throw new ViewClosedException(name + " is closed: " + reason);
        }
    }

    /**
     * Throws if the view is closed or ended: for the operations a backend runs on the caller's
     * thread, which never pass through {@link #dispatch}.
     *
     * @throws ViewClosedException if {@link #close()} has begun or the view ended on its own
     */
    public final void checkOpen() throws ViewClosedException {
        ensureOpen();
    }

    /**
     * Returns the view's name for messages.
     *
     * @return e.g. {@code "linux view of /srv/rootfs"}
     */
    protected final String name() {
        return name;
    }

    /**
     * Changes the working directory; runs on the view thread.
     *
     * @param path absolute, or relative to {@link #cwd()}
     * @return the new working directory, a physical absolute container path, or {@code null} if
     *     it has no name any more (a {@code chdir(".")} inside a removed directory succeeds in the
     *     kernel, whose {@code getcwd} then fails): {@link #cwd()} keeps the last path
     * @throws IOException if the path does not exist or is not a directory
     */
    protected abstract String changeDirectory(String path) throws IOException;

    /**
     * Lets a backend explain what a task threw before the caller sees it, e.g. a class that could
     * not be loaded because of the view's root. Runs on the caller's thread. The result replaces
     * the failure, so it must be something the task could have thrown: the same kind (the same
     * class, or a subclass of it). The default returns the failure unchanged.
     *
     * @param failure what the task (or the hand-over) threw
     * @param task the task, e.g. to find its class loader
     * @return the throwable to rethrow
     */
    protected Throwable explainTaskFailure(Throwable failure, Object task) {
        return failure;
    }

    /**
     * Like {@link #explainTaskFailure(Throwable, Object)} for a {@link #start started} task, whose
     * failure is logged: runs on the view thread, before the failure is handed to the log.
     *
     * @param failure what the started task threw
     * @return the throwable to log
     */
    protected Throwable explainStartedTaskFailure(Throwable failure) {
        return failure;
    }

    /**
     * Called on the caller's thread before any work is handed to the view thread: a task of
     * {@code call}, {@code run} or {@code start}, or a file operation of {@link #dispatch} (never
     * for one already on the view thread, which runs inline). What it throws is what the call
     * throws, and nothing is handed over. The default does nothing; the linux backend warms the
     * JDK and glibc up there, on a host thread, before a view thread first enters a container's
     * root.
     *
     * @throws IOException if the view cannot take work now
     */
    protected void beforeHandOver() throws IOException {}

    /**
     * Called on the caller's thread before a task of {@code call} or {@code run} is handed over.
     * The default does nothing.
     *
     * @param task the user's task
     */
    protected void beforeTask(Object task) {}

    /**
     * Called on the caller's thread after a task of {@code call} or {@code run} returned
     * normally; what it throws (unchecked) is what the call throws, so a backend may fail a task
     * that succeeded (the fake's strict mode fails one that loaded a class Linux would not find).
     * The default does nothing.
     *
     * @param task the user's task
     */
    protected void afterTask(Object task) {}

    private <T, E extends Exception> T callWithin(
            ViewCallable<T, E> task, long timeoutNanos, Object usersTask) throws E, IOException {
        Objects.requireNonNull(task, "task");
        ensureOpen();
        beforeHandOver();
        ViewContext context = new Context();
        T result;
        beforeTask(usersTask);
        try {
            @SuppressWarnings("unchecked")
            T r = (T) dispatcher.call(() -> task.call(context), timeoutNanos);
            result = r;
        } catch (Throwable t) {
            throw AbstractFsView.<E>rethrow(explainTaskFailure(t, usersTask));
        }
        afterTask(usersTask);
        return result;
    }

    private static <E extends Exception> ViewCallable<Void, E> asCallable(ViewTask<E> task) {
        Objects.requireNonNull(task, "task");
        return context -> {
            task.run(context);
            return null;
        };
    }

    /**
     * Rethrows a task's failure as it is. The compiler has checked that a task of type
     * {@code ViewCallable<T, E>} throws only {@code E} or unchecked exceptions, and the dispatcher
     * adds only {@link IOException}s, so the cast is sound.
     */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> RuntimeException rethrow(Throwable t) throws E {
        if (t instanceof Error) {
            throw (Error) t; // (E) erases to a cast to Exception, which an Error would fail
        }
        throw (E) t;
    }

    /** The view as seen by a running task: everything inline, on the view thread. */
    private final class Context implements ViewContext {
        @Override
        public FileSystem fileSystem() {
            return AbstractFsView.this.fileSystem();
        }

        @Override
        public Path path(String first, String... more) {
            return AbstractFsView.this.path(first, more);
        }

        @Override
        public String cwd() {
            return cwd;
        }

        @Override
        public void chdir(String path) throws IOException {
            AbstractFsView.this.chdir(path);
        }

        @Override
        public PathStat stat(String path) throws IOException {
            return AbstractFsView.this.stat(path);
        }
    }

    /** The thread and the backend's resources: closed once, by close() or by the Cleaner. */
    private static final class Resources implements Runnable {
        private final String name;
        private final ViewThread thread;
        private final AutoCloseable backendResources;
        volatile boolean explicit;
        private boolean done;
        Throwable failure;

        Resources(String name, ViewThread thread, AutoCloseable backendResources) {
            this.name = name;
            this.thread = thread;
            this.backendResources = backendResources;
        }

        @Override
        public synchronized void run() {
            if (!explicit) {
                LOG.warn(
                        "{} was never closed; the Cleaner closed it. Close views with "
                                + "try-with-resources.",
                        name);
            }
            try {
                thread.close();
                backendResources.close();
            } catch (Exception | LinkageError e) {
                failure = e;
            } finally {
                done = true;
                notifyAll();
            }
        }

        /** Waits until run() finished, for a close() that raced with another close(). */
        synchronized void awaitClosed() {
            boolean interrupted = false;
            while (!done) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
