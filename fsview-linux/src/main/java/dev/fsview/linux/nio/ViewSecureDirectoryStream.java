package dev.fsview.linux.nio;

import dev.fsview.linux.resolve.ObjectPaths;
import dev.fsview.linux.resolve.ViewRoot;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;
import dev.fsview.spi.errno.NioExceptions;
import dev.fsview.spi.nio.AbstractViewFileSystem;
import dev.fsview.spi.nio.ViewPath;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.util.Set;

/**
 * A listing of a view's directory as a {@link SecureDirectoryStream}, as the JDK's on Linux: the
 * entries come from the directory's fd ({@link FdListing}), and the relative operations
 * name files relative to the directory wherever it has moved. A relative path is resolved from
 * the directory's current path in the view ({@link ViewRoot#pathOf}), inside the root by the
 * kernel like every other path of the view: never with {@code openat} on the fd itself, which
 * would follow a planted absolute symlink against the host's root. Failures name the path as the
 * caller gave it, as the JDK's do.
 */
final class ViewSecureDirectoryStream extends ViewDirectoryStream
        implements SecureDirectoryStream<Path> {
    private final Fd fd;
    private final ViewRoot root;
    private final CallerThreadReads reads;
    private final CallerThreadWrites writes;
    private final LinuxViewFileSystemProvider provider;
    private volatile boolean closed;

    ViewSecureDirectoryStream(
            ViewPath dir,
            FdListing entries,
            Fd fd,
            Filter<? super Path> filter,
            ViewRoot root,
            CallerThreadReads reads,
            CallerThreadWrites writes,
            LinuxViewFileSystemProvider provider) {
        super(dir, entries, filter);
        this.fd = fd;
        this.root = root;
        this.reads = reads;
        this.writes = writes;
        this.provider = provider;
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            super.close(); // closes the listing, which owns fd
        }
    }

    /** An operation on the view path a relative path names. */
    @FunctionalInterface
    private interface Op<T> {
        T apply(ViewPath resolved) throws IOException;
    }

    /**
     * Resolves a path against the directory's current path and runs an operation on it; the
     * failure then names the path as given.
     */
    private synchronized <T> T at(Path path, Op<T> op) throws IOException {
        if (closed) {
            throw new ClosedDirectoryStreamException();
        }
        ViewPath p = check(path);
        ViewPath resolved;
        if (p.isAbsolute()) {
            resolved = p;
        } else {
            String here;
            try {
                here = root.pathOf(fd);
            } catch (SyscallException e) {
                throw NioExceptions.of(Errno.of(e.errno()), p.toString(), null);
            }
            resolved = (ViewPath) directory().getFileSystem().getPath(here).resolve(p);
        }
        try {
            return op.apply(resolved);
        } catch (FileSystemException e) {
            if (e.getFile() != null && e.getFile().equals(resolved.toString())) {
                throw ObjectPaths.rename(e, p.toString(), e.getOtherFile());
            }
            throw e;
        }
    }

    private ViewPath check(Path path) {
        return ((AbstractViewFileSystem) directory().getFileSystem()).check(path);
    }

    @Override
    public SecureDirectoryStream<Path> newDirectoryStream(Path path, LinkOption... options)
            throws IOException {
        ViewPath shown = (ViewPath) directory().resolve(check(path));
        return at(
                path,
                p -> writes.listing(
                        p, shown, CallerThreadReads.follows(options), null, reads, provider));
    }

    @Override
    public SeekableByteChannel newByteChannel(
            Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return at(path, p -> provider.newByteChannel(p, options, attrs));
    }

    @Override
    public void deleteFile(Path path) throws IOException {
        at(path, p -> {
            writes.unlink(p, 0, path.toString());
            return null;
        });
    }

    @Override
    public void deleteDirectory(Path path) throws IOException {
        at(path, p -> {
            writes.unlink(p, Linux.AT_REMOVEDIR, path.toString());
            return null;
        });
    }

    @Override
    public void move(Path srcpath, SecureDirectoryStream<Path> targetdir, Path targetpath)
            throws IOException {
        if (!(targetdir instanceof ViewSecureDirectoryStream)) {
            throw new ProviderMismatchException();
        }
        ViewSecureDirectoryStream other = (ViewSecureDirectoryStream) targetdir;
        at(
                srcpath,
                from -> other.at(targetpath, to -> {
                    writes.renameEntries(from, to, srcpath.toString(), targetpath.toString());
                    return null;
                }));
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Class<V> type) {
        return attributeView(provider, directory(), type);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(
            Path path, Class<V> type, LinkOption... options) {
        return attributeView(provider, (ViewPath) directory().resolve(check(path)), type, options);
    }
}
