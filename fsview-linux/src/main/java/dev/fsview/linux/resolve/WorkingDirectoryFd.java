package dev.fsview.linux.resolve;

import dev.fsview.ViewClosedException;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The view thread's working directory as an {@code O_PATH} fd, and the lookups of relative paths
 * from it on the caller's thread. Relative paths start at the directory itself, as the kernel's
 * {@code AT_FDCWD} after a {@code chdir}: once it is renamed (or an ancestor is), they follow it;
 * once it is removed, a name in it is ENOENT and {@code ..} still leads to its old parent. A path
 * string kept from the {@code chdir} would instead reach whatever now has that name.
 *
 * <p>Its current path (issue 17 row 23) is read from the kernel's name of the fd less the root's,
 * without handing anything to the view thread (which a long task may hold). Guarded by its
 * monitor: nothing uses an fd number that was closed meanwhile (it could be another file's).
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
        Fd now = new Fd(
                Sys.openat(
                        Linux.AT_FDCWD,
                        ".",
                        Arch.O_PATH | Arch.current().oDirectory() | Arch.O_CLOEXEC,
                        0),
                "working directory");
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
     * Whether a directory was pinned (the view changed its working directory at least once).
     *
     * @return {@code true} once pinned, until closed
     */
    public synchronized boolean pinned() {
        return fd != null && !closed;
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
        } catch (SyscallException | ViewClosedException gone) {
            return null;
        }
    }

    /**
     * Opens a relative path from the pinned directory, never leaving the root. Leading
     * {@code ..} components step to the parent one by one (never above the root); the rest is
     * resolved beneath that directory ({@code RESOLVE_BENEATH}), and only a path that climbs out
     * of it (a later {@code ..}, an absolute or upward symlink: EXDEV) is resolved from the root,
     * as the directory's current path followed by the rest.
     *
     * @param root the view's root
     * @param rootFd its fd, held open by the caller
     * @param relative a path not starting with {@code /}
     * @param flags {@code O_*} flags
     * @param mode the mode for {@code O_CREAT}
     * @return the new fd
     * @throws SyscallException with the kernel's errno; ENOENT when the directory reached by
     *     leading {@code ..} is no longer under the root, or a path climbing out of a removed one
     * @throws ViewClosedException once the root is closed
     */
    synchronized int open(ViewRoot root, int rootFd, String relative, long flags, long mode)
            throws SyscallException, ViewClosedException {
        if (fd == null || closed) {
            return InRootLookup.open(rootFd, "/" + relative, flags, mode); // still at the root
        }
        Fd up = null;
        try {
            String rest = relative;
            while (startsWithDots(rest)) {
                boolean parent = rest.startsWith("..");
                rest = stripSlashes(rest.substring(parent ? 2 : 1));
                if (parent && !sameObject(up == null ? fd : up, rootFd)) {
                    Fd next = new Fd(
                            Sys.openat(
                                    (up == null ? fd : up).get(),
                                    "..",
                                    Arch.O_PATH | Arch.current().oDirectory() | Arch.O_CLOEXEC,
                                    0),
                            "..");
                    if (up != null) {
                        up.close();
                    }
                    up = next;
                }
            }
            Fd dir = up == null ? fd : up;
            if (up != null) {
                // Stepping up by ".." follows the kernel's parents: a directory moved out of the
                // container by the host would lead out of the view. Refused unless still under
                // the root.
                root.pathOf(up);
            }
            String path = rest.isEmpty() ? "." : rest;
            try {
                return InRootLookup.open(dir.get(), path, flags, mode, Linux.RESOLVE_BENEATH);
            } catch (SyscallException e) {
                if (!e.is(Errno.EXDEV)) {
                    throw e;
                }
            }
            String base = root.pathOf(dir);
            return InRootLookup.open(
                    rootFd, (base.equals("/") ? "" : base) + "/" + path, flags, mode);
        } finally {
            if (up != null) {
                up.close();
            }
        }
    }

    private static boolean startsWithDots(String p) {
        return p.equals(".") || p.equals("..") || p.startsWith("./") || p.startsWith("../");
    }

    private static String stripSlashes(String p) {
        int k = 0;
        while (k < p.length() && p.charAt(k) == '/') {
            k++;
        }
        return p.substring(k);
    }

    /** Whether two fds hold the same directory on the same mount. */
    private static boolean sameObject(Fd a, int b) throws SyscallException {
        if (Sys.mountId(a.get()) != Sys.mountId(b)) {
            return false;
        }
        try {
            Object ka = Files.readAttributes(ObjectPaths.of(a), BasicFileAttributes.class)
                    .fileKey();
            Object kb = Files.readAttributes(
                            java.nio.file.Path.of("/proc/self/fd/" + b), BasicFileAttributes.class)
                    .fileKey();
            return Objects.equals(ka, kb);
        } catch (IOException e) {
            throw new SyscallException("stat", a.what(), Errno.ENOENT.number());
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
