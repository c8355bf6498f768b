package dev.fsview;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A live, read-write view of a container's filesystem: the container root with its mounts in
 * place, seen as {@code /}. Absolute symlinks resolve inside the container and {@code ..} stops at
 * its root, so nothing reached through the view lies outside the root and the mounts.
 *
 * <p>A view owns one dedicated thread. Tasks ({@link #call}, {@link #run}, {@link #start}) run on
 * that thread, one at a time; callers waiting to hand over a task are served in no promised order.
 * The {@link #fileSystem() file system} can be used from any thread: each operation is carried out
 * in the view, and the channels and streams it opens can then be used anywhere. Calls made from
 * inside a task (on the view thread) run inline.
 *
 * <p>Several views of the same root may be open at once; each has its own working directory and its
 * own tmpfs mounts. A view must be {@link #close() closed}; one that becomes unreachable without
 * being closed is closed by a {@link java.lang.ref.Cleaner}, which logs that it had to.
 *
 * <pre>{@code
 * try (FsView view = FsViews.open(spec)) {
 *     String hostname = view.call(ctx -> Files.readString(ctx.path("/etc/hostname")));
 *     PathStat st = view.stat("/var/run");          // linkTarget "/run" if it is a symlink
 *     Files.copy(view.path("/etc/os-release"), Path.of("os-release"));   // from any thread
 * }
 * }</pre>
 */
public interface FsView extends Closeable {

    /**
     * Runs a task in the view and returns its result (the seed's {@code RunInFS}). Waits until the
     * view thread takes the task — interruptibly: if the caller is interrupted before that, the
     * task never runs and {@link java.io.InterruptedIOException} is thrown with the interrupt
     * status set again — and then until the task has finished, whatever happens.
     *
     * <p>Two traps, where a task that works on the in-memory {@code fake} backend (macOS
     * included) fails on Linux:
     * <ul>
     *   <li>Reach the container through {@link ViewContext#path(String, String...)}. Plain {@code java.io}
     *       and {@code Path.of(...)} in a task see the container on Linux (the view thread has
     *       switched root) but the host's own file system on the fake.
     *   <li>A class the JVM first loads inside a task is looked up inside the container on Linux
     *       and is not found there (NoClassDefFoundError); on the fake it loads. Name such classes
     *       in {@link ViewSpec.Builder#preloadClasses(String...)}. The fake's strict mode
     *       ({@code -Dfake.strict=true}, or {@code FakeHost.strict(true)}) fails a task that
     *       loads a class neither preloaded nor loaded before the view opened, as Linux would.
     * </ul>
     *
     * @param task the task
     * @param <T> the type of the result
     * @param <E> what the task may throw
     * @return the task's result
     * @throws E the task's own exception, unchanged
     * @throws ViewClosedException if the view is closed before the task is taken
     * @throws java.io.InterruptedIOException if interrupted before the task was taken
     * @throws IOException if the view cannot run tasks
     */
    <T, E extends Exception> T call(ViewCallable<T, E> task) throws E, IOException;

    /**
     * Like {@link #call(ViewCallable)}, giving up if the view thread has not taken the task
     * within {@code handOverTimeout}; the task then never runs.
     *
     * @param task the task
     * @param handOverTimeout how long to wait for the view thread to take the task
     * @param <T> the type of the result
     * @param <E> what the task may throw
     * @return the task's result
     * @throws E the task's own exception, unchanged
     * @throws HandOverTimeoutException if the task was not taken in time
     * @throws IOException if the view is closed, the caller was interrupted, or the view cannot
     *     run tasks
     */
    <T, E extends Exception> T call(ViewCallable<T, E> task, Duration handOverTimeout)
            throws E, IOException;

    /**
     * Runs a task that returns nothing; otherwise exactly {@link #call(ViewCallable)}.
     *
     * @param task the task
     * @param <E> what the task may throw
     * @throws E the task's own exception, unchanged
     * @throws IOException if the view is closed, the caller was interrupted, or the view cannot
     *     run tasks
     */
    <E extends Exception> void run(ViewTask<E> task) throws E, IOException;

    /**
     * Runs a task that returns nothing, with a hand-over timeout; otherwise exactly
     * {@link #call(ViewCallable, Duration)}.
     *
     * @param task the task
     * @param handOverTimeout how long to wait for the view thread to take the task
     * @param <E> what the task may throw
     * @throws E the task's own exception, unchanged
     * @throws IOException if the task was not taken in time, the view is closed, or the caller
     *     was interrupted
     */
    <E extends Exception> void run(ViewTask<E> task, Duration handOverTimeout)
            throws E, IOException;

    /**
     * Starts a task in the view and returns as soon as it has started (the seed's {@code GoInFS}).
     * Whatever the task throws is logged (logger {@code dev.fsview}), never lost. Must not be called
     * from inside a task of the same view, which would wait for itself.
     *
     * @param task the task
     * @throws ViewClosedException if the view is closed before the task is taken
     * @throws java.io.InterruptedIOException if interrupted before the task was taken
     * @throws IOException if the view cannot run tasks
     * @throws IllegalStateException if called from this view's own thread
     */
    void start(ViewTask<?> task) throws IOException;

    /**
     * Starts a task, giving up if the view thread has not taken it within the timeout.
     *
     * @param task the task
     * @param handOverTimeout how long to wait for the view thread to take the task
     * @throws HandOverTimeoutException if the task was not taken in time; it never runs
     * @throws IOException if the view is closed or the caller was interrupted
     * @throws IllegalStateException if called from this view's own thread
     */
    void start(ViewTask<?> task, Duration handOverTimeout) throws IOException;

    /**
     * Returns the metadata of a path without following a final symlink (like {@code lstat}); for a
     * symlink, {@link PathStat#linkTarget()} is its target fully resolved inside the container root
     * (the seed's {@code Stat}, using {@code FollowSymlinkInScope(path, "/")}).
     *
     * @param path absolute, or relative to the view's working directory
     * @return the metadata
     * @throws java.nio.file.NoSuchFileException if the path does not exist
     * @throws IOException if the view is closed or the path cannot be read
     */
    PathStat stat(String path) throws IOException;

    /**
     * Changes the view's working directory, against which relative paths resolve in tasks, in
     * {@link #stat(String)} and in the view's file system. Symlinks are followed inside the root.
     *
     * @param path a directory, absolute or relative to the current working directory
     * @throws java.nio.file.NoSuchFileException if it does not exist
     * @throws java.nio.file.NotDirectoryException if it is not a directory
     * @throws IOException if the view is closed
     */
    void chdir(String path) throws IOException;

    /**
     * Returns the view's working directory: the physical path inside the container (as
     * {@code getcwd(2)} reports it), {@code /} when the view opens. It is read anew on each call,
     * so a rename of the directory or of one of its ancestors shows. Once the directory has been
     * removed ({@code getcwd} fails with ENOENT there), this is the last path it had, and
     * {@code path(".").toRealPath()} fails with {@link java.nio.file.NoSuchFileException}.
     *
     * @return an absolute container path
     */
    String cwd();

    /**
     * Returns the view as a file system. Its paths are container paths; every operation on them is
     * carried out inside the view, whatever thread calls it. Closing it closes the view.
     *
     * @return the view's file system
     */
    FileSystem fileSystem();

    /**
     * Returns a path of the view's file system; same as {@code fileSystem().getPath(first, more)}.
     *
     * @param first the path, or its first part
     * @param more further parts, joined with {@code /}
     * @return the path
     */
    Path path(String first, String... more);

    /**
     * Returns the spec the view was opened with.
     *
     * @return the spec
     */
    ViewSpec spec();

    /**
     * Returns the name of the backend that opened the view.
     *
     * @return e.g. {@code "linux"} or {@code "fake"}
     */
    String backend();

    /**
     * Returns whether the view is open.
     *
     * @return {@code false} once {@link #close()} has begun, or once the view ended on its own
     *     (a {@link ViewSpec#ofProcess(long) process view} whose process exited)
     */
    boolean isOpen();

    /**
     * Lists the mounts the view holds, as the kernel reports them, in mount order: for a
     * {@link ViewSpec#ofProcess(long) view of a process}, every mount of that process's mount
     * namespace that lies under its root ({@code /proc/<pid>/mountinfo}), with mount points as
     * container paths. A view of a root and its mounts does not list its table (its mounts are
     * those of its {@link #spec() spec}); the default refuses.
     *
     * @return the mounts, outermost first
     * @throws ViewClosedException if the view is closed, or its process exited
     * @throws IOException if the table cannot be read
     * @throws UnsupportedOperationException for a view that is not of a process
     */
    default java.util.List<MountEntry> mounts() throws IOException {
        throw new UnsupportedOperationException("only a view of a process (ViewSpec.ofProcess) "
                + "lists its mount table; this view's mounts are those of its spec: "
                + spec().mounts());
    }

    /**
     * Closes the view: refuses new tasks, waits for the running task to finish, then ends the
     * view thread, which takes the view's mount namespace and every mount in it along. Idempotent;
     * when called from inside a task, the view ends as soon as that task returns.
     *
     * @throws IOException if tearing down failed (the view is closed all the same)
     */
    @Override
    void close() throws IOException;
}
