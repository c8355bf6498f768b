package dev.fsview.linux.mount;

import dev.fsview.linux.sys.SyscallException;

/**
 * Opens a path inside the container root as an {@code O_PATH} fd, resolving every symlink as if the
 * root were {@code /}: absolute links restart at the root, {@code ..} stops at it, nothing resolves
 * to a host path outside it.
 */
public interface TargetResolver {
    /**
     * Opens a path below the root.
     *
     * @param rootFd the container root's directory fd
     * @param relative the path relative to the root, without a leading {@code /}
     * @return a new {@code O_PATH | O_CLOEXEC} fd the caller owns
     * @throws SyscallException ENOENT if it (or a link's target) does not exist, ENOTDIR, ELOOP...
     */
    int open(int rootFd, String relative) throws SyscallException;

    /**
     * Returns the name of the strategy.
     *
     * @return {@code "openat2"} or {@code "walk"}
     */
    String name();
}
