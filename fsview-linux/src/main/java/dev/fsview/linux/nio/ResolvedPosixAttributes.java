package dev.fsview.linux.nio;

import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * POSIX attributes read in the view, with owner and group named from the container's
 * {@code /etc/passwd} and {@code /etc/group}. The JDK's own attributes look names up lazily,
 * through glibc's NSS, on whatever thread asks: on a host thread that gives the host's names for
 * the container's ids, and on the view thread it lets glibc load NSS modules from the container.
 */
record ResolvedPosixAttributes(
        FileTime lastModifiedTime,
        FileTime lastAccessTime,
        FileTime creationTime,
        boolean isRegularFile,
        boolean isDirectory,
        boolean isSymbolicLink,
        boolean isOther,
        long size,
        Object fileKey,
        UserPrincipal owner,
        GroupPrincipal group,
        Set<PosixFilePermission> permissions)
        implements PosixFileAttributes {}
