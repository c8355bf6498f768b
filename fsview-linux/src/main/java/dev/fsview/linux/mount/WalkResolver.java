package dev.fsview.linux.mount;

import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Statx;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolution in user space, for kernels without openat2: one component at a time, each opened
 * {@code O_PATH | O_NOFOLLOW} relative to the fd of the directory before it, so no component is
 * ever looked up by a path a racing process could redirect. Symlinks are read and their targets
 * spliced into the rest of the path; {@code ..} returns to the fd of the previous directory and
 * stops at the root; at most 40 links are followed, as the kernel does.
 */
public final class WalkResolver implements TargetResolver {
    @Override
    public int open(int rootFd, String relative) throws SyscallException {
        Deque<Integer> dirs = new ArrayDeque<>(); // owned fds, innermost first
        try {
            walk(rootFd, relative, dirs);
            if (dirs.isEmpty()) {
                return Sys.openat(rootFd, ".", Arch.O_PATH | Arch.O_CLOEXEC, 0);
            }
            return dirs.pop();
        } finally {
            dirs.forEach(Sys::close);
        }
    }

    private static void walk(int rootFd, String relative, Deque<Integer> dirs)
            throws SyscallException {
        Deque<String> pending = new ArrayDeque<>();
        push(pending, relative);
        int links = 0;
        int noFollow = Arch.current().oNofollow();
        while (!pending.isEmpty()) {
            String name = pending.pollFirst();
            if (name.equals("..")) {
                // ".." chains: return to the directory we came from, never above the root.
                if (!dirs.isEmpty()) {
                    Sys.close(dirs.pop());
                }
                continue;
            }
            int current = dirs.isEmpty() ? rootFd : dirs.peek();
            // O_NOFOLLOW: a symlink swapped in here is opened as a link, never followed by the
            // kernel against the host's root.
            int fd = Sys.openat(current, name, Arch.O_PATH | Arch.O_CLOEXEC | noFollow, 0);
            Statx st;
            try {
                st = Sys.statx(fd, "", Linux.AT_EMPTY_PATH | Linux.AT_SYMLINK_NOFOLLOW);
            } catch (SyscallException e) {
                Sys.close(fd);
                throw e;
            }
            if (st.isSymlink()) {
                String target;
                try {
                    target = Sys.readlinkat(fd, "");
                } finally {
                    Sys.close(fd);
                }
                // Link loops and chains planted in the container end in ELOOP, as in the kernel.
                if (++links > Linux.MAX_SYMLINKS) {
                    throw new SyscallException("openat", relative, Errno.ELOOP.number());
                }
                if (target.startsWith("/")) {
                    // An absolute link restarts at the container root, not at the host's "/".
                    dirs.forEach(Sys::close);
                    dirs.clear();
                }
                push(pending, target);
                continue;
            }
            if (!pending.isEmpty() && !st.isDirectory()) {
                Sys.close(fd);
                throw new SyscallException("openat", relative, Errno.ENOTDIR.number());
            }
            dirs.push(fd);
        }
    }

    /** Puts a path's components in front of what is still to be resolved. */
    private static void push(Deque<String> pending, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isEmpty() && !parts[i].equals(".")) {
                pending.addFirst(parts[i]);
            }
        }
    }

    @Override
    public String name() {
        return "walk";
    }
}
