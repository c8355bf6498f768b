package dev.fsview.spi.nio;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;

/**
 * The parts of a view's {@link FileSystem} that do not depend on the backend: Unix path syntax
 * ({@link ViewPath}), one root, glob and regex matchers. A backend adds its provider, its stores,
 * and the three things a path needs from it: the working directory, real paths and URIs.
 */
public abstract class AbstractViewFileSystem extends FileSystem {
    private final ViewPath root = new ViewPath(this, "/");

    /** Creates the file system. */
    // The root path keeps a reference to this file system and nothing more; javac 21+ flags it as
    // a possible 'this' escape, which fails fsview-api's -Werror build there.
    @SuppressWarnings("this-escape")
    protected AbstractViewFileSystem() {}

    /**
     * Returns the view's working directory, against which relative paths are made absolute.
     *
     * @return an absolute container path
     */
    public abstract String currentDirectory();

    /**
     * Resolves a path to its real path in the view ({@link Path#toRealPath(LinkOption...)}).
     *
     * @param path a path of this file system
     * @param options {@link LinkOption#NOFOLLOW_LINKS} to leave symlinks unresolved
     * @return the real, absolute path
     * @throws IOException if the path does not exist
     */
    public abstract Path toRealPath(ViewPath path, LinkOption... options) throws IOException;

    /**
     * Returns the URI of an absolute path of this file system.
     *
     * @param absolute an absolute path of this file system
     * @return its URI
     */
    public abstract URI toUri(ViewPath absolute);

    /**
     * Returns the root directory {@code /}.
     *
     * @return the root path
     */
    public final ViewPath rootDirectory() {
        return root;
    }

    /**
     * Casts a path to this file system's path class, refusing paths of other file systems.
     *
     * @param path any path
     * @return the same path as a {@link ViewPath}
     * @throws ProviderMismatchException if the path belongs to another file system
     */
    public final ViewPath check(Path path) {
        if (path == null) {
            throw new NullPointerException("path");
        }
        if (!(path instanceof ViewPath) || path.getFileSystem() != this) {
            throw new ProviderMismatchException("not a path of " + this + ": " + path);
        }
        return (ViewPath) path;
    }

    @Override
    public final String getSeparator() {
        return "/";
    }

    @Override
    public final Iterable<Path> getRootDirectories() {
        return List.of(root);
    }

    @Override
    public final ViewPath getPath(String first, String... more) {
        if (more.length == 0) {
            return new ViewPath(this, first);
        }
        StringBuilder b = new StringBuilder(first);
        for (String part : more) {
            if (!part.isEmpty()) {
                if (b.length() > 0) {
                    b.append('/');
                }
                b.append(part);
            }
        }
        return new ViewPath(this, b.toString());
    }

    @Override
    public final PathMatcher getPathMatcher(String syntaxAndPattern) {
        return Globs.matcher(syntaxAndPattern);
    }

    @Override
    public WatchService newWatchService() throws IOException {
        throw new UnsupportedOperationException("views do not support watch services");
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("views do not look up user principals");
    }
}
