package dev.fsview.linux.nio;

import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * POSIX attributes read in the view, with the owner and group names looked up there too. The
 * JDK's own attributes look names up lazily, on whatever thread asks: asked on a host thread they
 * would give the host's names for the container's ids, not the ones the container's
 * {@code /etc/passwd} and {@code /etc/group} give (as {@code Files.getOwner} does in the view).
 */
record ResolvedPosixAttributes(FileTime lastModifiedTime, FileTime lastAccessTime,
        FileTime creationTime, boolean isRegularFile, boolean isDirectory, boolean isSymbolicLink,
        boolean isOther, long size, Object fileKey, UserPrincipal owner, GroupPrincipal group,
        Set<PosixFilePermission> permissions) implements PosixFileAttributes {

    /** Copies attributes, looking the names up now; call on the view thread. */
    static ResolvedPosixAttributes of(PosixFileAttributes a) {
        return new ResolvedPosixAttributes(a.lastModifiedTime(), a.lastAccessTime(),
                a.creationTime(), a.isRegularFile(), a.isDirectory(), a.isSymbolicLink(),
                a.isOther(), a.size(), a.fileKey(), a.owner(), a.group(),
                Set.copyOf(a.permissions()));
    }

    /**
     * Resolves the names of a result if it carries POSIX attributes; anything else unchanged.
     *
     * @param result what a read on the view thread returned
     * @param <T> its type
     * @return the result, or a resolved copy of it
     */
    @SuppressWarnings("unchecked")
    static <T> T resolvedIfPosix(T result) {
        if (result instanceof PosixFileAttributes && !(result instanceof ResolvedPosixAttributes)) {
            return (T) of((PosixFileAttributes) result);
        }
        return result;
    }
}
