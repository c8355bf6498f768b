package dev.fsview.spi;

import java.io.IOException;

/**
 * The one question {@link ScopedSymlinkResolver} asks of a file system: what is at this path, without
 * following a final symlink ({@code lstat}), and if it is a symlink, where does it point
 * ({@code readlink}).
 */
@FunctionalInterface
public interface ScopeLookup {
    /**
     * Looks at one path.
     *
     * @param path an absolute path, already cleaned, in the file system being resolved
     * @return the symlink's target as stored (relative or absolute); {@code null} if the path exists
     *     and is not a symlink
     * @throws java.nio.file.NoSuchFileException if nothing is at the path (the resolver then keeps
     *     the component as it is)
     * @throws IOException any other failure (e.g. a component that is not a directory), which
     *     stops the resolution
     */
    String readLinkOrNull(String path) throws IOException;
}
