package dev.fsview.spi.errno;

import dev.fsview.spi.HostJdk;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Objects;

/**
 * Turns an errno into the exception the JDK's own Linux file system throws for it, with the same
 * type and the same reason string, so that code written against {@code java.nio} cannot tell a view
 * from the host by its errors. Mirrors {@code sun.nio.fs.UnixException.translateToIOException}
 * and the operation-specific cases of {@code UnixFileSystemProvider}.
 *
 * <p>The paths may be {@code null}, as in the JDK's own {@link FileSystemException} (an operation
 * on a file descriptor names none); the errno may not.
 */
public final class NioExceptions {
    private NioExceptions() {}

    /**
     * The general translation, used by most operations.
     *
     * @param errno the error
     * @param file the path the operation was on (as the user spelled it), or {@code null}
     * @param other the second path of a two-path operation (copy, move, link), or {@code null}
     * @return the exception to throw
     */
    public static FileSystemException of(Errno errno, String file, String other) {
        Objects.requireNonNull(errno, "errno");
        switch (errno) {
            case EACCES:
                return new AccessDeniedException(file, other, null);
            case ENOENT:
                return new NoSuchFileException(file, other, null);
            case EEXIST:
                return new FileAlreadyExistsException(file, other, null);
            case ELOOP:
                return new FileSystemException(
                        file,
                        other,
                        errno.message() + " or unable to access attributes of symbolic link");
            default:
                return new FileSystemException(file, other, errno.message());
        }
    }

    /**
     * The translation of reading attributes ({@code readAttributes} of the basic, posix, unix and
     * owner views of a path), {@code checkAccess}, and the lookup of a copy's or move's source:
     * from JDK 25 on, a file used as a directory (ENOTDIR) is a {@link NoSuchFileException} there,
     * as {@link HostJdk#readsNotADirectoryAsNoSuchFile()} says; otherwise as {@link #of}.
     *
     * @param errno the error
     * @param file the path whose attributes were read
     * @return the exception to throw
     */
    public static FileSystemException forAttributeRead(Errno errno, String file) {
        Objects.requireNonNull(errno, "errno");
        if (errno == Errno.ENOTDIR && HostJdk.readsNotADirectoryAsNoSuchFile()) {
            return of(Errno.ENOENT, file, null);
        }
        return of(errno, file, null);
    }

    /**
     * The translation {@code newByteChannel} and the streams use when opening a file. With
     * {@link java.nio.file.LinkOption#NOFOLLOW_LINKS} on a symlink (ELOOP) the JDK throws a plain
     * {@link IOException}, not a {@link FileSystemException}, with its own wording.
     *
     * @param errno the error
     * @param file the path being opened
     * @param noFollowLinks whether {@code NOFOLLOW_LINKS} was given
     * @return the exception to throw
     */
    public static IOException forOpen(Errno errno, String file, boolean noFollowLinks) {
        Objects.requireNonNull(errno, "errno");
        if (noFollowLinks && errno == Errno.ELOOP) {
            return new IOException(errno.message() + " (NOFOLLOW_LINKS specified)");
        }
        return of(errno, file, null);
    }

    /**
     * The translation {@code Files.delete} uses: a non-empty directory (EEXIST or ENOTEMPTY) is a
     * {@link DirectoryNotEmptyException}.
     *
     * @param errno the error
     * @param file the path being deleted
     * @return the exception to throw
     */
    public static FileSystemException forDelete(Errno errno, String file) {
        Objects.requireNonNull(errno, "errno");
        if (errno == Errno.EEXIST || errno == Errno.ENOTEMPTY) {
            return new DirectoryNotEmptyException(file);
        }
        return of(errno, file, null);
    }

    /**
     * The translation {@code Files.newDirectoryStream} uses: ENOTDIR is a
     * {@link NotDirectoryException}.
     *
     * @param errno the error
     * @param dir the path being listed
     * @return the exception to throw
     */
    public static FileSystemException forDirectoryStream(Errno errno, String dir) {
        Objects.requireNonNull(errno, "errno");
        if (errno == Errno.ENOTDIR) {
            return new NotDirectoryException(dir);
        }
        return of(errno, dir, null);
    }

    /**
     * The translation {@code Files.readSymbolicLink} uses: EINVAL (not a link) is a
     * {@link NotLinkException}.
     *
     * @param errno the error
     * @param link the path being read
     * @return the exception to throw
     */
    public static FileSystemException forReadLink(Errno errno, String link) {
        Objects.requireNonNull(errno, "errno");
        if (errno == Errno.EINVAL) {
            return new NotLinkException(link);
        }
        return of(errno, link, null);
    }
}
