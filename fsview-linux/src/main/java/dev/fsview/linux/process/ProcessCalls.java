package dev.fsview.linux.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

import dev.fsview.linux.sys.SyscallException;

/**
 * The system calls a process view adds to those of {@code dev.fsview.linux.sys}: pidfds, poll and
 * an eventfd, mapped directly with fixed arity as {@code LibC} does. {@code pidfd_open} (434) and
 * {@code pidfd_send_signal} (424) have the same numbers on x86_64 and aarch64 (the unified table
 * that every architecture shares from 424 on).
 */
final class ProcessCalls {
    static {
        Native.register(ProcessCalls.class, Platform.C_LIBRARY_NAME);
    }

    /** {@code pidfd_send_signal}, the same number on every architecture. */
    private static final long SYS_PIDFD_SEND_SIGNAL = 424;
    /** {@code pidfd_open}, the same number on every architecture. */
    private static final long SYS_PIDFD_OPEN = 434;
    /** {@code POLLIN}: a pidfd is readable once its process has exited. */
    static final int POLLIN = 0x1;

    private static final int EFD_CLOEXEC = 02000000;
    private static final int EFD_NONBLOCK = 04000;

    private ProcessCalls() {}

    private static native long syscall(long number, long a1, long a2) throws LastErrorException;

    private static native long syscall(long number, long a1, long a2, long a3, long a4)
            throws LastErrorException;

    private static native int poll(int[] fds, long nfds, int timeout) throws LastErrorException;

    private static native int eventfd(int initval, int flags) throws LastErrorException;

    private static native long read(int fd, byte[] buf, long count) throws LastErrorException;

    private static native long write(int fd, byte[] buf, long count) throws LastErrorException;

    /**
     * pidfd_open(2): an fd that pins the process (Linux 5.3+).
     *
     * @param pid the process
     * @return the pidfd (close-on-exec)
     * @throws SyscallException ESRCH if there is no such process
     */
    static int pidfdOpen(long pid) throws SyscallException {
        try {
            return (int) syscall(SYS_PIDFD_OPEN, pid, 0);
        } catch (LastErrorException e) {
            throw new SyscallException("pidfd_open", Long.toString(pid), e.getErrorCode());
        }
    }

    /**
     * pidfd_send_signal(pidfd, 0): checks that the pinned process has not exited.
     *
     * @param pidfd the pidfd
     * @param pid its pid, for messages
     * @throws SyscallException ESRCH once it has exited
     */
    static void checkAlive(int pidfd, long pid) throws SyscallException {
        try {
            syscall(SYS_PIDFD_SEND_SIGNAL, pidfd, 0, 0, 0);
        } catch (LastErrorException e) {
            throw new SyscallException("pidfd_send_signal", Long.toString(pid), e.getErrorCode());
        }
    }

    /**
     * poll(2) on fds, all for {@link #POLLIN}.
     *
     * @param fds the fds
     * @param ready set to whether each fd is readable (or hung up, or invalid)
     * @param timeoutMillis -1 for none
     * @throws SyscallException on failure other than EINTR (EINTR returns with nothing ready)
     */
    static void pollIn(int[] fds, boolean[] ready, int timeoutMillis) throws SyscallException {
        // struct pollfd {int fd; short events; short revents;}: two ints each, events in the low
        // half of the second on the little-endian architectures fsview supports.
        int[] pfd = new int[fds.length * 2];
        for (int i = 0; i < fds.length; i++) {
            pfd[2 * i] = fds[i];
            pfd[2 * i + 1] = POLLIN;
        }
        try {
            poll(pfd, fds.length, timeoutMillis);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != dev.fsview.spi.errno.Errno.EINTR.number()) {
                throw new SyscallException("poll", "", e.getErrorCode());
            }
        }
        for (int i = 0; i < fds.length; i++) {
            ready[i] = (pfd[2 * i + 1] >>> 16) != 0;
        }
    }

    /**
     * eventfd(2), non-blocking and close-on-exec.
     *
     * @return the fd
     * @throws SyscallException on failure
     */
    static int eventfd() throws SyscallException {
        try {
            return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        } catch (LastErrorException e) {
            throw new SyscallException("eventfd", "", e.getErrorCode());
        }
    }

    /**
     * Adds one to an eventfd, making it readable.
     *
     * @param fd the eventfd
     */
    static void signal(int fd) {
        byte[] one = {1, 0, 0, 0, 0, 0, 0, 0};
        try {
            write(fd, one, 8);
        } catch (LastErrorException ignored) {
            // EAGAIN: the counter is already far from zero, so the fd is readable anyway.
        }
    }

    /**
     * Resets an eventfd to zero.
     *
     * @param fd the eventfd
     */
    static void drain(int fd) {
        try {
            read(fd, new byte[8], 8);
        } catch (LastErrorException ignored) {
            // EAGAIN: nothing to drain.
        }
    }
}
