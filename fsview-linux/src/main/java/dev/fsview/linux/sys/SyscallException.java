package dev.fsview.linux.sys;

import dev.fsview.spi.errno.Errno;

import java.io.IOException;

/**
 * A system call failed: names the call, the path it worked on and the errno, e.g.
 * {@code mount(/proc/self/fd/7): EPERM (Operation not permitted)}.
 */
public class SyscallException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String syscall;
    private final String path;
    private final int errno;

    /**
     * Creates the exception.
     *
     * @param syscall the call, e.g. {@code "openat2"}
     * @param path the path it worked on, or {@code ""}
     * @param errno the error number
     */
    public SyscallException(String syscall, String path, int errno) {
        super(syscall + (path.isEmpty() ? "" : "(" + path + ")") + ": " + Errno.describe(errno));
        this.syscall = syscall;
        this.path = path;
        this.errno = errno;
    }

    /**
     * Returns the system call.
     *
     * @return e.g. {@code "mount"}
     */
    public String syscall() {
        return syscall;
    }

    /**
     * Returns the path the call worked on.
     *
     * @return the path, or {@code ""}
     */
    public String path() {
        return path;
    }

    /**
     * Returns the error number.
     *
     * @return the errno
     */
    public int errno() {
        return errno;
    }

    /**
     * Returns whether the errno is the given one.
     *
     * @param e an errno constant
     * @return {@code true} if it matches
     */
    public boolean is(Errno e) {
        return errno == e.number();
    }
}
