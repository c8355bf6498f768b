package dev.fsview.linux.resolve;

import dev.fsview.linux.sys.Fd;

import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The JDK's own file system applied to an object already found in a view: the host path
 * {@code /proc/self/fd/N} of its {@code O_PATH} fd. The kernel follows that magic link to exactly
 * the object the fd holds (a symlink's fd gives the symlink itself), so the JDK's code reads it
 * without resolving any name of the container; its exceptions are then renamed to the view path
 * the caller gave.
 */
public final class ObjectPaths {
    private ObjectPaths() {}

    /**
     * Returns the host path of a looked-up object.
     *
     * @param object an fd from {@link ViewRoot#lookup}
     * @return {@code /proc/self/fd/N}
     */
    public static Path of(Fd object) {
        return Path.of(object.procPath());
    }

    /**
     * Renames the files an exception of the JDK names from host paths of objects back to the
     * view's paths, keeping its class and reason.
     *
     * @param e what the JDK threw
     * @param file the view path for its file
     * @param other the view path for its other file, or {@code null}
     * @return the same failure naming the view's paths
     */
    public static FileSystemException rename(FileSystemException e, String file, String other) {
        return rename(e, file, e.getOtherFile() == null ? null : other, e.getReason());
    }

    /**
     * Renames the files an exception of the JDK names by a table of host paths to view paths:
     * for operations on two paths, where the JDK names either one first.
     *
     * @param e what the JDK threw
     * @param names the view path of each host path handed to the JDK
     * @return the same failure naming the view's paths
     */
    public static FileSystemException rename(FileSystemException e, Map<String, String> names) {
        String file = e.getFile() == null ? null : names.getOrDefault(e.getFile(), e.getFile());
        String other = e.getOtherFile() == null
                ? null
                : names.getOrDefault(e.getOtherFile(), e.getOtherFile());
        return rename(e, file, other, e.getReason());
    }

    /**
     * Re-creates a failure of the JDK's with the given files and reason, keeping its class.
     *
     * @param e what the JDK threw
     * @param file the view path for its file
     * @param o the view path for its other file, or {@code null}
     * @param reason the reason
     * @return the same kind of failure naming the view's paths
     */
    public static FileSystemException rename(
            FileSystemException e, String file, String o, String reason) {
        FileSystemException r;
        if (e instanceof NoSuchFileException) {
            r = new NoSuchFileException(file, o, reason);
        } else if (e instanceof AccessDeniedException) {
            r = new AccessDeniedException(file, o, reason);
        } else if (e instanceof FileAlreadyExistsException) {
            r = new FileAlreadyExistsException(file, o, reason);
        } else if (e instanceof DirectoryNotEmptyException) {
            r = new DirectoryNotEmptyException(file);
        } else if (e instanceof NotDirectoryException) {
            r = new NotDirectoryException(file);
        } else if (e instanceof NotLinkException) {
            r = new NotLinkException(file, o, reason);
        } else if (e instanceof FileSystemLoopException) {
            r = new FileSystemLoopException(file);
        } else if (e instanceof AtomicMoveNotSupportedException) {
            r = new AtomicMoveNotSupportedException(file, o, reason);
        } else {
            r = new FileSystemException(file, o, reason);
        }
        r.setStackTrace(e.getStackTrace());
        return r;
    }
}
