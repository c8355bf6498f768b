package dev.fsview.linux.resolve;

import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;

/**
 * The view thread's working directory as an {@code O_PATH} fd, so that its current path (after a
 * rename of it or of an ancestor, issue 17 row 23) is read on the caller's thread, from the
 * kernel's name of the fd less the root's, without handing anything to the view thread (which a
 * long task may hold). Guarded by its monitor: a path is never read from an fd number that was
 * closed meanwhile (it could be another file's).
 */
public final class WorkingDirectoryFd implements AutoCloseable {
    private Fd fd;
    private boolean closed;

    /**
     * Pins the calling thread's working directory; called on the view thread after its chdir.
     *
     * @throws SyscallException if "." cannot be opened
     */
    public void pinCurrent() throws SyscallException {
        Fd now = new Fd(Sys.openat(Linux.AT_FDCWD, ".",
                Arch.O_PATH | Arch.current().oDirectory() | Arch.O_CLOEXEC, 0), "working directory");
        Fd old;
        synchronized (this) {
            if (closed) {
                now.close();
                return;
            }
            old = fd;
            fd = now;
        }
        if (old != null) {
            old.close();
        }
    }

    /**
     * The pinned directory's path in the view now.
     *
     * @param root the view's root
     * @return the path, or {@code null} if none was pinned, it was removed, or the view closed
     */
    public synchronized String current(ViewRoot root) {
        if (fd == null || closed) {
            return null;
        }
        try {
            return root.pathOf(fd);
        } catch (SyscallException | dev.fsview.ViewClosedException gone) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (fd != null) {
            fd.close();
            fd = null;
        }
    }
}
