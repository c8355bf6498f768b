package dev.fsview.linux.process;

import dev.fsview.linux.nio.LinuxViewFileSystem;
import dev.fsview.linux.sys.Fd;
import dev.fsview.spi.AbstractFsView;
import java.nio.file.FileSystem;

/**
 * The one seam between a process view and the linux backend's file system: which
 * {@link FileSystem} a process view gets. Today that is {@link LinuxViewFileSystem}, whose
 * operations run on the view thread, which lives in the process's mount namespace with the
 * process's root as its own. When the file system resolves on the caller's thread from an
 * {@code O_PATH} root fd ({@code openat2(RESOLVE_IN_ROOT)}), it is built here from {@code root},
 * the pinned {@code /proc/<pid>/root} fd, which the view keeps open until it is closed.
 */
final class ProcessFileSystems {
    private ProcessFileSystems() {
    }

    /**
     * Makes a process view's file system.
     *
     * @param view the view
     * @param id its id, the authority of its URIs
     * @param root the pinned root of the process, open as long as the view
     * @return the file system
     */
    static FileSystem create(AbstractFsView view, String id, Fd root) {
        return new LinuxViewFileSystem(view, id);
    }
}
