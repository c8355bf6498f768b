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

    private InRootLookup() {
    }

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
        long flags = Arch.O_PATH | Arch.O_CLOEXEC | (follow ? 0 : Arch.current().oNofollow());
        for (int attempt = 0;; attempt++) {
            try {
                // RESOLVE_IN_ROOT: absolute symlinks and ".." chains planted in the container stay
                // inside it. RESOLVE_NO_MAGICLINKS: a planted /proc-style magic link cannot jump
                // to a host file.
                return Sys.openat2(rootFd, path, flags,
                        Linux.RESOLVE_IN_ROOT | Linux.RESOLVE_NO_MAGICLINKS);
            } catch (SyscallException e) {
                if (!e.is(Errno.EAGAIN) || attempt >= MAX_EAGAIN_RETRIES) {
                    throw e;
                }
            }
        }
    }
}
