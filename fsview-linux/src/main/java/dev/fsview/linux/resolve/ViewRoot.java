package dev.fsview.linux.resolve;

import dev.fsview.ViewClosedException;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.SyscallException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The top of a view's file tree as an {@code O_PATH} fd, and every lookup a view's file system makes
 * from it, on the caller's own thread. A lookup through an fd follows that fd's mount tree whatever
 * namespace the caller is in, so the view's private mounts are crossed as inside the view; the
 * kernel keeps {@code ..} and absolute symlinks under the root ({@link InRootLookup}).
 *
 * <p>The seam for other kinds of views: anything that has an {@code O_PATH} fd of a directory can
 * make a {@code ViewRoot} of it with {@link #of(Fd, String)}. A linux view passes the fd its view thread
 * opened after the root switch (setup step {@code open-view-root}); a view of a running process
 * would pass an {@code O_PATH} fd of {@code /proc/<pid>/root} opened on the host. Nothing else
 * about the file system built on it depends on where the fd came from.
 */
public final class ViewRoot implements AutoCloseable {
    /** Set in {@link #state} once closed; the rest counts the lookups under way. */
    private static final long CLOSED = 1L << 62;

    private final Fd root;
    private final String name;
    private final AtomicLong state = new AtomicLong();

    private ViewRoot(Fd root, String name) {
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
     * Looks a path up inside the root.
     *
     * @param absolute the path, absolute in the view ({@code /a/b}); relative paths are made
     *     absolute against the view's working directory by the caller
     * @param follow whether a symlink as the last component is followed (inside the root)
     * @return an {@code O_PATH} fd of exactly the object found; the caller closes it
     * @throws SyscallException with the kernel's errno for the path
     */
    public Fd lookup(String absolute, boolean follow) throws SyscallException,
            ViewClosedException {
        // A lookup never uses the fd number after close: it could be another file's by then
        // (a host directory), and the lookup would resolve under it.
        if ((state.incrementAndGet() & CLOSED) != 0) {
            release();
            throw new ViewClosedException(name + " is closed");
        }
        try {
            return new Fd(InRootLookup.open(root.get(), absolute, follow), absolute);
        } finally {
            release();
        }
    }

    private void release() {
        if (state.decrementAndGet() == CLOSED) {
            closeOnce();
        }
    }

    /** Closes the root fd once no lookup is under way; later lookups fail. */
    @Override
    public void close() {
        long before = state.getAndAdd(CLOSED);
        if ((before & CLOSED) != 0) {
            state.getAndAdd(-CLOSED); // already closed: undo
            return;
        }
        if (before == 0) {
            closeOnce();
        }
    }

    private synchronized void closeOnce() {
        root.close();
    }
}
