package dev.fsview.linux.resolve;

import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;
import dev.fsview.spi.errno.NioExceptions;

import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;

/**
 * The view's working directory is the view thread's own kernel cwd (its fs is private since
 * {@code unshare(CLONE_FS)}), so plain {@code java.io} relative paths in tasks, the view's file
 * system and {@code getcwd} all agree.
 */
public final class WorkingDirectory {
    private WorkingDirectory() {}

    /**
     * Changes the view thread's working directory; runs on the view thread.
     *
     * @param path absolute or relative to the current one; symlinks resolve inside the root
     * @return the new working directory as {@code getcwd(3)} reports it, or {@code null} if it has
     *     no name: {@code chdir(".")} (or a path through {@code ..}) inside a removed directory
     *     succeeds, and {@code getcwd} then fails with ENOENT
     * @throws FileSystemException what the JDK would throw for the errno
     */
    public static String change(String path) throws FileSystemException {
        try {
            Sys.chdir(path);
        } catch (SyscallException e) {
            Errno errno = Errno.of(e.errno());
            if (errno == Errno.ENOTDIR) {
                throw new NotDirectoryException(path);
            }
            if (errno == null) {
                throw new FileSystemException(path, null, Errno.describe(e.errno()));
            }
            throw NioExceptions.of(errno, path, null);
        }
        try {
            return Sys.getcwd();
        } catch (SyscallException removed) {
            return null; // the chdir happened; the directory it reached was removed
        }
    }

    /**
     * The view thread's working directory now; runs on the view thread.
     *
     * @return its path as {@code getcwd(3)} reports it (after a rename, the new one)
     * @throws FileSystemException if it was removed (ENOENT)
     */
    public static String current() throws FileSystemException {
        try {
            return Sys.getcwd();
        } catch (SyscallException e) {
            throw new FileSystemException(".", null, Errno.describe(e.errno()));
        }
    }
}
