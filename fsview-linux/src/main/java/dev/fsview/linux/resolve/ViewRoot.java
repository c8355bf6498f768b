package dev.fsview.linux.resolve;

import dev.fsview.ViewClosedException;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.SharedFd;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;

/**
 * The top of a view's file tree as an {@code O_PATH} fd, and every lookup a view's file system
 * makes from it, on the caller's own thread. A lookup through an fd follows that fd's mount tree
 * whatever namespace the caller is in, so the view's private mounts are crossed as inside the
 * view; the kernel keeps {@code ..} and absolute symlinks under the root ({@link InRootLookup}).
 *
 * <p>The seam for other kinds of views: anything that has an {@code O_PATH} fd of a directory can
 * make a {@code ViewRoot} of it with {@link #of(Fd, String)}. A linux view passes the fd its view
 * thread opened after the root switch (setup step {@code open-view-root}); a view of a running
 * process would pass an {@code O_PATH} fd of {@code /proc/<pid>/root} opened on the host. Nothing
 * else about the file system built on it depends on where the fd came from.
 */
public final class ViewRoot implements AutoCloseable {
    private final SharedFd shared;
    private final Fd root;
    private final String name;
    private final WorkingDirectoryFd workingDirectory = new WorkingDirectoryFd();
    private final ViewMountTable mounts = new ViewMountTable();

    private ViewRoot(Fd root, String name) {
        this.shared = new SharedFd(root);
        this.root = root;
        this.name = name;
    }

    /**
     * Takes ownership of a root fd.
     *
     * @param root an {@code O_PATH} (or ordinary) fd of a directory; closed by {@link #close()}
     * @param name the view's name, for the message of a lookup after close
     * @return the view root
     */
    public static ViewRoot of(Fd root, String name) {
        return new ViewRoot(root, name);
    }

    /**
     * Returns the view's name.
     *
     * @return the name given to {@link #of}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the view's working directory, pinned by the view after each {@code chdir}: relative
     * paths given to {@link #lookup} and {@link #open} start there.
     *
     * @return the working directory; closed with the root
     */
    public WorkingDirectoryFd workingDirectory() {
        return workingDirectory;
    }

    /**
     * Returns the view's mount table, read from a task of its namespace once one is pinned.
     *
     * @return the table; closed with the root
     */
    public ViewMountTable mounts() {
        return mounts;
    }

    /**
     * How a view path is handed to {@link #lookup} and {@link #open}: as given when relative and a
     * working directory is pinned (it then starts from that directory, as the kernel's
     * {@code AT_FDCWD}), else absolute against the path the view keeps.
     *
     * @param p a path of the view's file system
     * @return the string to look up
     */
    public String spell(java.nio.file.Path p) {
        return !p.isAbsolute() && workingDirectory.pinned()
                ? p.toString()
                : p.toAbsolutePath().toString();
    }

    /**
     * Looks a path up inside the root.
     *
     * @param absolute the path, absolute in the view ({@code /a/b}), or relative to the pinned
     *     {@link #workingDirectory()} (see {@link #spell})
     * @param follow whether a symlink as the last component is followed (inside the root)
     * @return an {@code O_PATH} fd of exactly the object found; the caller closes it
     * @throws SyscallException with the kernel's errno for the path
     */
    public Fd lookup(String absolute, boolean follow) throws SyscallException, ViewClosedException {
        acquire();
        try {
            return new Fd(resolve(absolute, InRootLookup.lookupFlags(follow), 0), absolute);
        } finally {
            release();
        }
    }

    /**
     * Opens a path inside the root with any flags, e.g. {@code O_CREAT} (a dangling final
     * symlink is then followed inside the root, and the file created there).
     *
     * @param absolute the path, absolute in the view, or relative to the working directory
     * @param flags {@code O_*} flags
     * @param mode the mode of a file created
     * @return the fd; the caller closes it
     * @throws SyscallException with the kernel's errno for the path
     * @throws ViewClosedException once the root is closed
     */
    public Fd open(String absolute, int flags, int mode)
            throws SyscallException, ViewClosedException {
        acquire();
        try {
            return new Fd(resolve(absolute, flags, mode), absolute);
        } finally {
            release();
        }
    }

    /**
     * Returns the path of an object inside the root, as {@code realpath} would give it there:
     * the kernel's name of the object's fd ({@code /proc/self/fd/N}, followed through every mount
     * of the view's tree up to the root of its namespace) less the kernel's name of the root fd.
     *
     * @param object an fd from {@link #lookup}
     * @return the absolute path in the view, e.g. {@code /a/b}
     * @throws SyscallException ENOENT when the object is no longer linked or not under the root
     * @throws ViewClosedException once the root is closed
     */
    public String pathOf(Fd object) throws SyscallException, ViewClosedException {
        String top;
        acquire();
        try {
            top = Sys.readlinkat(Linux.AT_FDCWD, root.procPath());
        } finally {
            release();
        }
        String path = Sys.readlinkat(Linux.AT_FDCWD, object.procPath());
        String inside;
        if (top.equals("/")) {
            inside = path;
        } else if (path.equals(top)) {
            inside = "/";
        } else if (path.startsWith(top + "/")) {
            inside = path.substring(top.length());
        } else {
            // Not below the root as the kernel names it: removed, or renamed out of it meanwhile.
            throw new SyscallException(
                    "readlink", path, dev.fsview.spi.errno.Errno.ENOENT.number());
        }
        if (inside.endsWith(DELETED) && Sys.nlink(object.get()) == 0) {
            // The kernel marks an unlinked object's name: it has no path any more.
            throw new SyscallException(
                    "readlink", path, dev.fsview.spi.errno.Errno.ENOENT.number());
        }
        return inside;
    }

    /** Resolves from the root, or a relative path from the working directory. */
    private int resolve(String path, long flags, long mode)
            throws SyscallException, ViewClosedException {
        if (path.startsWith("/")) {
            return InRootLookup.open(root.get(), path, flags, mode);
        }
        return workingDirectory.open(this, root.get(), path.isEmpty() ? "." : path, flags, mode);
    }

    private static final String DELETED = " (deleted)";

    private void acquire() throws ViewClosedException {
        // A lookup never uses the fd number after close: it could be another file's by then
        // (a host directory), and the lookup would resolve under it.
        if (!shared.acquire()) {
            throw new ViewClosedException(name + " is closed");
        }
    }

    private void release() {
        shared.release();
    }

    /**
     * Refuses lookups from now on and waits for those under way, each one non-blocking system
     * call. Called before the view's mounts go: a lookup that ran after them would find, under a
     * volume's mount point, the container's own directory (a write racing close() landed the
     * user's data in the container's image).
     */
    public void closeLookups() {
        shared.closeAndAwaitUses();
    }

    /** Closes the root fd once no lookup is under way; later lookups fail. */
    @Override
    public void close() {
        shared.close();
        // Both guard their own fds under their monitors; a lookup that holds one finishes first.
        workingDirectory.close();
        mounts.close();
    }
}
