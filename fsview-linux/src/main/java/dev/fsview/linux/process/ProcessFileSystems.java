package dev.fsview.linux.process;

import dev.fsview.linux.nio.LinuxViewFileSystem;
import dev.fsview.linux.resolve.ViewRoot;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.AbstractFsView;

import java.nio.file.FileSystem;
import java.util.function.BooleanSupplier;

/**
 * The one seam between a process view and the linux backend's file system. A process view's file
 * system resolves on the caller's thread, exactly as a container view's does, from its own
 * {@code O_PATH} fd of the pinned {@code /proc/<pid>/root}: a lookup through that fd follows the
 * process's mount tree and the kernel keeps it under the process's root ({@code RESOLVE_IN_ROOT}).
 */
final class ProcessFileSystems {
    private ProcessFileSystems() {}

    /**
     * Opens the root a process view's file system resolves from.
     *
     * @param root the pinned root of the process; not taken: the view root gets its own fd
     * @param name the view's name
     * @return the view root, which the view closes once its thread has ended
     * @throws SyscallException if the root cannot be reopened
     */
    static ViewRoot openRoot(Fd root, String name) throws SyscallException {
        // openat(fd, ".") of a directory fd is a dup that the view root owns on its own, so that
        // the pinned process and the file system close their fds independently.
        return ViewRoot.of(
                new Fd(
                        Sys.openat(
                                root.get(),
                                ".",
                                Arch.O_PATH | Arch.current().oDirectory() | Arch.O_CLOEXEC,
                                0),
                        root.what()),
                name);
    }

    /**
     * Makes a process view's file system.
     *
     * @param view the view
     * @param id its id, the authority of its URIs
     * @param root the root it resolves from
     * @param onViewThread whether the current thread is the view thread
     * @return the file system
     */
    static FileSystem create(
            AbstractFsView view, String id, ViewRoot root, BooleanSupplier onViewThread) {
        return new LinuxViewFileSystem(view, id, root, onViewThread);
    }
}
