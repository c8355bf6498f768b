package dev.fsview.testkit;

import dev.fsview.spi.FsViewProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The host a backend's views are opened on, as the conformance kit builds and inspects it: a real
 * temporary directory for {@code linux}, the fake host for {@code fake}. Paths are absolute host
 * paths (strings, because the fake host is not the JVM's default file system).
 *
 * <p>Every method is safe to call from several threads at once (attack tests race the view from
 * another thread). Nothing is followed through symlinks unless the method says so: the host
 * fixture is the test's eye on the host, and must not be fooled by what it inspects.
 */
public interface HostFixture extends AutoCloseable {

    /**
     * Returns the backend under test, bound to this host.
     *
     * @return a provider whose views are opened on this host
     */
    FsViewProvider provider();

    /**
     * Creates a fresh, empty directory for the current test, removed by {@link #close()}.
     *
     * @param name a readable name, e.g. {@code "root"}
     * @return its absolute host path
     * @throws IOException if it cannot be created
     */
    String newDirectory(String name) throws IOException;

    /**
     * Creates a directory and any missing parents (like {@code mkdir -p}); mode 0755.
     *
     * @param path absolute host path
     * @throws IOException if it cannot be created
     */
    void mkdirs(String path) throws IOException;

    /**
     * Creates or replaces a regular file (parents must exist).
     *
     * @param path absolute host path
     * @param content the bytes
     * @throws IOException if it cannot be written
     */
    void write(String path, byte[] content) throws IOException;

    /**
     * Creates or replaces a regular file with UTF-8 text.
     *
     * @param path absolute host path
     * @param content the text
     * @throws IOException if it cannot be written
     */
    default void write(String path, String content) throws IOException {
        write(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Creates a symlink holding {@code target} verbatim (absolute, relative, dangling, looping).
     *
     * @param path absolute host path of the link
     * @param target what the link holds
     * @throws IOException if it cannot be created
     */
    void symlink(String path, String target) throws IOException;

    /**
     * Creates a hard link to an existing file.
     *
     * @param path absolute host path of the new link
     * @param existing absolute host path of the file
     * @throws IOException if it cannot be created
     */
    void hardLink(String path, String existing) throws IOException;

    /**
     * Creates a named pipe.
     *
     * @param path absolute host path
     * @throws IOException if it cannot be created
     */
    void mkfifo(String path) throws IOException;

    /**
     * Sets permission bits (not following a final symlink where the host allows).
     *
     * @param path absolute host path
     * @param mode bits {@code 0} to {@code 07777}
     * @throws IOException if they cannot be set
     */
    void chmod(String path, int mode) throws IOException;

    /**
     * Renames atomically, replacing the target as {@code rename(2)} does.
     *
     * @param from absolute host path
     * @param to absolute host path
     * @throws IOException if it fails
     */
    void rename(String from, String to) throws IOException;

    /**
     * Deletes a path and, for a directory, everything below it, never following symlinks.
     *
     * @param path absolute host path; nothing happens if it does not exist
     * @throws IOException if it cannot be deleted
     */
    void deleteRecursively(String path) throws IOException;

    /**
     * Mounts a fresh tmpfs at an existing directory in the host's own mount namespace, to give a
     * volume source a submount. {@link #close()} unmounts it.
     *
     * @param path absolute host path of a directory
     * @throws IOException if it cannot be mounted
     */
    void mountTmpfs(String path) throws IOException;

    /**
     * Mounts a host-side read-only bind of {@code path} onto itself, to give a volume source a
     * read-only submount. {@link #close()} unmounts it.
     *
     * @param path absolute host path of a directory
     * @throws IOException if it cannot be mounted
     */
    void mountReadOnlyBind(String path) throws IOException;

    /**
     * Reads a regular file, following no symlink in its last component.
     *
     * @param path absolute host path
     * @return its bytes
     * @throws IOException if it cannot be read (e.g. {@link java.nio.file.NoSuchFileException})
     */
    byte[] read(String path) throws IOException;

    /**
     * Reads a regular file as UTF-8 text.
     *
     * @param path absolute host path
     * @return its text
     * @throws IOException if it cannot be read
     */
    default String readString(String path) throws IOException {
        return new String(read(path), StandardCharsets.UTF_8);
    }

    /**
     * Says what is at a path, without following a final symlink.
     *
     * @param path absolute host path
     * @return the kind of file, or {@link Kind#MISSING}
     */
    Kind kind(String path);

    /**
     * Returns whether anything, even a dangling symlink, is at a path.
     *
     * @param path absolute host path
     * @return {@code true} unless {@link #kind(String)} is {@link Kind#MISSING}
     */
    default boolean exists(String path) {
        return kind(path) != Kind.MISSING;
    }

    /**
     * Reads a symlink.
     *
     * @param path absolute host path of a symlink
     * @return its target, verbatim
     * @throws IOException if it is not a symlink
     */
    String readLink(String path) throws IOException;

    /**
     * Lists a directory, sorted.
     *
     * @param dir absolute host path of a directory
     * @return the names of its entries (no {@code .} or {@code ..})
     * @throws IOException if it is not a directory
     */
    List<String> list(String dir) throws IOException;

    /**
     * Returns the permission bits of a path, without following a final symlink.
     *
     * @param path absolute host path
     * @return {@code st_mode & 07777}
     * @throws IOException if it does not exist
     */
    int mode(String path) throws IOException;

    /**
     * Takes a snapshot of what a view could leak: the host's mounts, the process's open file
     * descriptors, the live view threads. Compare a snapshot taken before a test with one after.
     *
     * @return the snapshot
     */
    Leaks leaks();

    /**
     * Undoes everything this fixture did on the host: unmounts its host-side mounts, deletes its
     * directories.
     *
     * @throws IOException if something could not be undone
     */
    @Override
    void close() throws IOException;

    /** What is at a host path. */
    enum Kind {
        /** Nothing. */
        MISSING,
        /** A regular file. */
        FILE,
        /** A directory. */
        DIRECTORY,
        /** A symlink (dangling or not). */
        SYMLINK,
        /** A FIFO, socket or device node. */
        SPECIAL
    }

    /**
     * What a view could leave behind.
     *
     * @param mounts the host mount table, one entry per mount (mount point and source), in a form
     *     that two snapshots can be compared by
     * @param openFds the number of open file descriptors of the process, or {@code -1} where the
     *     host has no such notion (the fake counts its open channels instead)
     * @param viewThreads the names of live threads that belong to views
     */
    record Leaks(List<String> mounts, int openFds, List<String> viewThreads) {
    }
}
