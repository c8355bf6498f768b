package dev.fsview.linux.resolve;

import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;

/**
 * One path lookup by the kernel from a root fd:
 * {@code openat2(rootFd, path, O_PATH, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)} (Linux 5.6+).
 * The kernel answers EAGAIN when a rename or mount raced the lookup and it could not prove the
 * result stays inside the root; that is retried a bounded number of times.
 */
final class InRootLookup {
    /** How many EAGAIN answers are retried before the error is passed on. */
    static final int MAX_EAGAIN_RETRIES = 128;

    private InRootLookup() {}

    /**
     * Looks a path up, never leaving the root.
     *
     * @param rootFd the root every absolute path, absolute symlink and ".." chain stays under
     * @param path the path, absolute within the root
     * @param follow whether a symlink as the last component is followed (inside the root)
     * @return an {@code O_PATH} fd of exactly the object found; the caller closes it
     * @throws SyscallException with the kernel's errno, as a stat of the path would give it
     */
    static int open(int rootFd, String path, boolean follow) throws SyscallException {
        return open(rootFd, path, lookupFlags(follow), 0);
    }

    /** The flags of a lookup: an {@code O_PATH} fd of the object (of a final symlink itself). */
    static long lookupFlags(boolean follow) {
        return Arch.O_PATH | Arch.O_CLOEXEC | (follow ? 0 : Arch.current().oNofollow());
    }

    /**
     * Opens a path with any flags, never leaving the root.
     *
     * @param rootFd the root
     * @param path the path, absolute within the root
     * @param flags {@code O_*} flags
     * @param mode the mode for {@code O_CREAT}
     * @return the new fd
     * @throws SyscallException with the kernel's errno
     */
    static int open(int rootFd, String path, long flags, long mode) throws SyscallException {
        // RESOLVE_IN_ROOT: absolute symlinks and ".." chains planted in the container stay inside
        // it.
        return open(rootFd, path, flags, mode, Linux.RESOLVE_IN_ROOT);
    }

    /**
     * Opens a path from a directory with a scope: {@code RESOLVE_IN_ROOT}, or
     * {@code RESOLVE_BENEATH} (EXDEV for anything leaving the directory).
     *
     * @param dirFd the directory
     * @param path the path
     * @param flags {@code O_*} flags
     * @param mode the mode for {@code O_CREAT}
     * @param scope the {@code RESOLVE_*} flag that keeps the lookup under {@code dirFd}
     * @return the new fd
     * @throws SyscallException with the kernel's errno
     */
    static int open(int dirFd, String path, long flags, long mode, long scope)
            throws SyscallException {
        for (int attempt = 0; ; attempt++) {
            try {
                // RESOLVE_NO_MAGICLINKS: a planted /proc-style magic link cannot jump to a host
                // file.
                return Sys.openat2(dirFd, path, flags, mode, scope | Linux.RESOLVE_NO_MAGICLINKS);
            } catch (SyscallException e) {
                if (!e.is(Errno.EAGAIN) || attempt >= MAX_EAGAIN_RETRIES) {
                    throw e;
                }
            }
        }
    }
}
