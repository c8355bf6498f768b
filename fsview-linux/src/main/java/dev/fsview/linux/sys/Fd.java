package dev.fsview.linux.sys;

/**
 * An open file descriptor that is closed exactly once, for try-with-resources around the fds a
 * setup step opens (so a step that fails leaves none behind).
 */
public final class Fd implements AutoCloseable {
    private int fd;
    private final String what;

    /**
     * Takes ownership of an fd.
     *
     * @param fd the descriptor
     * @param what what it refers to, for messages
     */
    public Fd(int fd, String what) {
        this.fd = fd;
        this.what = what;
    }

    /**
     * Returns the descriptor.
     *
     * @return the fd number
     * @throws IllegalStateException if already closed
     */
    public int get() {
        if (fd < 0) {
            throw new IllegalStateException("fd of " + what + " is closed");
        }
        return fd;
    }

    /**
     * Returns what the descriptor refers to.
     *
     * @return the description given when it was opened
     */
    public String what() {
        return what;
    }

    /**
     * Returns the magic link that names this fd, for syscalls that take only paths.
     *
     * @return {@code /proc/self/fd/N}
     */
    public String procPath() {
        return "/proc/self/fd/" + get();
    }

    @Override
    public void close() {
        int f = fd;
        fd = -1;
        Sys.close(f);
    }
}
