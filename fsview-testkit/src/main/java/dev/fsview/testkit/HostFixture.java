package dev.fsview.testkit;

import dev.fsview.FsViewBackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;

/**
 * The host a backend's views are opened on, as the conformance kit builds and inspects it: a real
 * temporary directory for {@code linux}, the fake host for {@code fake}. Paths are absolute host
 * paths (strings, because the fake host is not the JVM's default file system).
 *
 * <p>Every method is safe to call from several threads at once (attack tests race the view from
 * another thread). Nothing is followed through symlinks unless the method says so: the host
 * fixture is the test's eye on the host, and must not be fooled by what it inspects. Inspecting
 * ({@link #attributes}, {@link #kind}, {@link #mode}) never changes what it looks at, not even an
 * access time: the containment tests prove with access times that a view never read a canary.
 */
public interface HostFixture extends AutoCloseable {

    /**
     * Returns the backend under test, bound to this host.
     *
     * @return a provider whose views are opened on this host
     */
    FsViewBackend provider();

    /**
     * Creates a fresh, empty directory for the current test, removed by {@link #close()}. All the
     * directories of one fixture are siblings in one base directory of their own, which holds
     * nothing else (the containment tests watch that base directory as a canary).
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
     * Changes the owner and group of a path without following a final symlink (lchown).
     *
     * @param path absolute host path
     * @param uid the owner
     * @param gid the group
     * @throws IOException if it cannot be changed
     */
    void lchown(String path, int uid, int gid) throws IOException;

    /**
     * Creates a named pipe.
     *
     * @param path absolute host path
     * @throws IOException if it cannot be created
     */
    void mkfifo(String path) throws IOException;

    /**
     * Creates a Unix domain socket node, as a server's {@code bind(2)} leaves it (nobody listens).
     *
     * @param path absolute host path
     * @throws IOException if it cannot be created
     */
    void mksocket(String path) throws IOException;

    /**
     * Makes a device node, as {@code mknod(1)} does: for the kernel-enforced {@code nodev} contract
     * (a node with a host device's major:minor must open nothing through a view). A fixture whose
     * host cannot make one says so with an {@link UnsupportedOperationException}, and the
     * contract then fails: every backend of the kit must model device nodes.
     *
     * @param path host path of the new node
     * @param block {@code true} for a block device ({@code b}), {@code false} for a character one
     * @param major the device's major number
     * @param minor the device's minor number
     * @throws IOException if it cannot be made
     */
    default void mknod(String path, boolean block, int major, int minor) throws IOException {
        throw new UnsupportedOperationException(getClass().getName() + " cannot make the device "
                + "node " + path + " (" + major + ":" + minor + "): implement HostFixture.mknod");
    }

    /**
     * Says whether a device node made with {@link #mknod} reaches a real device of this machine
     * when a view allows devices ({@code ViewSpec.Builder.allowDevices()}): true on Linux; false
     * for the in-memory fake, whose device nodes are inert (opening one fails with ENXIO, allowed
     * or not), so the kit checks that instead of reading a host loop device.
     *
     * @return {@code true} if an allowed device node opens the host's device
     */
    default boolean devicesReachHostDevices() {
        return true;
    }

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
     * @return the kind of file, or {@link Kind#MISSING} (also when a parent is not a directory)
     * @throws UncheckedIOException if the path cannot be inspected for another reason
     */
    default Kind kind(String path) {
        try {
            return attributes(path).kind();
        } catch (NoSuchFileException e) {
            return Kind.MISSING;
        } catch (FileSystemException e) {
            if ("Not a directory".equals(e.getReason())) {
                return Kind.MISSING;
            }
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns what {@code lstat} says about a path: the final symlink is not followed, and nothing
     * about the path changes by looking (no access time is updated).
     *
     * @param path absolute host path
     * @return its attributes
     * @throws NoSuchFileException if nothing is at the path
     * @throws IOException if it cannot be inspected
     */
    Attributes attributes(String path) throws IOException;

    /**
     * Sets the modification and access times of a path, not following a final symlink. The
     * containment tests date canaries in the past so that any later read shows as a new access
     * time (Linux's {@code relatime} updates an access time that is not newer than the
     * modification time).
     *
     * @param path absolute host path
     * @param modified the new modification time
     * @param accessed the new access time
     * @throws IOException if they cannot be set
     */
    void setTimes(String path, Instant modified, Instant accessed) throws IOException;

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
    default int mode(String path) throws IOException {
        return attributes(path).mode() & 07777;
    }

    /**
     * Takes a snapshot of what a view could leak: the host's mounts, the process's open file
     * descriptors, the live view threads. Compare a snapshot taken before a test with one after.
     *
     * @return the snapshot
     */
    Leaks leaks();

    /**
     * Starts a running process for the process contracts ({@link HostProcess}): a mount namespace
     * of its own with {@code root} as its root, a private tmpfs on {@code /tmp} and {@code volume}
     * bound on {@code /data} (both created in the root if missing). The fixture ends the process
     * when it is closed, if the test did not.
     *
     * @param root host path of the process's root, made by {@link #newDirectory(String)}
     * @param volume host path of a directory to bind on {@code /data}
     * @return the process, ready: {@code /tmp/hello} is written
     * @throws IOException if it cannot be started
     * @throws UnsupportedOperationException if this fixture cannot run processes
     */
    default HostProcess spawnProcess(String root, String volume) throws IOException {
        throw new UnsupportedOperationException(
                getClass().getSimpleName() + " cannot run processes");
    }

    /**
     * Returns the pid of a process that lives in the host's own mount namespace (one a process
     * view refuses unless the spec allows it).
     *
     * @return on a real host, this JVM's pid
     */
    default long hostNamespacePid() {
        return ProcessHandle.current().pid();
    }

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
     * What {@code lstat} says about a path.
     *
     * @param kind what is there (never {@link Kind#MISSING})
     * @param mode the whole {@code st_mode}: type bits and permission bits
     * @param size the size in bytes (a symlink's own size)
     * @param modified the modification time
     * @param accessed the access time
     * @param changed the status change time ({@code st_ctime}); a host that does not keep one
     *     returns the modification time
     */
    record Attributes(
            Kind kind, int mode, long size, Instant modified, Instant accessed, Instant changed) {}

    /**
     * What a view could leave behind. Two snapshots are compared entry by entry (as multisets),
     * so each entry describes its object without anything that changes between snapshots.
     *
     * @param mounts the host mount table as far as views could touch it, one entry per mount
     *     (mount point, file system type, source), leaving out the mounts this fixture made itself
     *     ({@link #mountTmpfs}, {@link #mountReadOnlyBind}) and has not undone yet
     * @param openFiles one entry per open file descriptor of the process that a view could have
     *     left open, saying what it refers to (e.g. {@code "/tmp/x/root"},
     *     {@code "mnt:[4026532]"});
     *     the JVM's own jars and libraries are left out. The fake lists its open channels
     * @param viewThreads the names of live threads that belong to views (prefix
     *     {@code fsview-view-})
     */
    record Leaks(List<String> mounts, List<String> openFiles, List<String> viewThreads) {
        /**
         * Copies the lists.
         *
         * @param mounts the mounts
         * @param openFiles the open files
         * @param viewThreads the view threads
         */
        public Leaks {
            mounts = List.copyOf(mounts);
            openFiles = List.copyOf(openFiles);
            viewThreads = List.copyOf(viewThreads);
        }
    }
}
