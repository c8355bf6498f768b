package dev.fsview;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;

/**
 * The view as a task sees it while it runs on the view thread. Everything here runs inline, on the
 * view thread, without a hand-over. A context is valid only while its task runs.
 *
 * <p>On the Linux backend, plain {@code java.io} and {@code java.nio} calls made by the task with
 * ordinary paths see the container root too, exactly as Go's {@code os} package does inside the
 * seed's {@code RunInFS}; threads the task starts inherit the view's root and mount namespace.
 */
public interface ViewContext {
    /**
     * Returns the view's file system (the same as {@link FsView#fileSystem()}).
     *
     * @return the view's file system
     */
    FileSystem fileSystem();

    /**
     * Returns a path of the view's file system.
     *
     * @param first the path, or its first part
     * @param more further parts, joined with {@code /}
     * @return the path, resolved against the view's working directory if relative
     */
    Path path(String first, String... more);

    /**
     * Returns the view's working directory.
     *
     * @return an absolute container path
     */
    String cwd();

    /**
     * Changes the view's working directory; the change outlives the task.
     *
     * @param path a directory, absolute or relative to the current working directory
     * @throws IOException if the path does not exist or is not a directory
     */
    void chdir(String path) throws IOException;

    /**
     * Returns the metadata of a path, like {@link FsView#stat(String)}.
     *
     * @param path absolute, or relative to the working directory
     * @return the path's metadata
     * @throws IOException if the path does not exist or cannot be read
     */
    PathStat stat(String path) throws IOException;
}
