package dev.fsview.linux.sys;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An fd that several threads use at once and that one of them closes: {@link #close()} closes it
 * only once no call is under way, and a call that starts after {@link #close()} never uses it
 * (by then the number may be another file's, a host directory's among them, and a lookup would
 * resolve under it). Uses cost one atomic add each, no lock.
 */
public final class SharedFd implements AutoCloseable {
    /** Set in {@link #state} once closed; the rest counts the calls under way. */
    private static final long CLOSED = 1L << 62;

    private final Fd fd;
    private final AtomicLong state = new AtomicLong();

    /**
     * Takes ownership of an fd.
     *
     * @param fd the fd; closed by {@link #close()}
     */
    public SharedFd(Fd fd) {
        this.fd = fd;
    }

    /**
     * Starts a use: on {@code true} the caller may use {@link #fd()} until it calls
     * {@link #release()}.
     *
     * @return {@code false} once closed (then nothing is to be released)
     */
    public boolean acquire() {
        if ((state.incrementAndGet() & CLOSED) != 0) {
            release();
            return false;
        }
        return true;
    }

    /** Ends a use that {@link #acquire()} started. */
    public void release() {
        if (state.decrementAndGet() == CLOSED) {
            closeOnce();
        }
    }

    /**
     * Returns the fd, for a caller between {@link #acquire()} and {@link #release()}.
     *
     * @return the fd
     */
    public Fd fd() {
        return fd;
    }

    /**
     * Returns whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    /** Closes the fd once no use is under way; later uses are refused. */
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

    /**
     * Closes as {@link #close()}, then waits until the uses under way have ended: after this, no
     * use of the fd is in progress or can start. Each use must be short (one system call that
     * cannot block).
     */
    public void closeAndAwaitUses() {
        close();
        while ((state.get() & ~CLOSED) != 0) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private synchronized void closeOnce() {
        fd.close(); // idempotent: a late release after the close finds -1
    }
}
