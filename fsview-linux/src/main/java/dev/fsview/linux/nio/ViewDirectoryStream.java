package dev.fsview.linux.nio;

import dev.fsview.spi.nio.ViewPath;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A directory listing opened in the view and read from any thread: the JDK's stream holds the
 * directory fd, so reading entries needs no hand-over; each entry is mapped back to a view path.
 *
 * <p>Here a plain {@link DirectoryStream}: the JDK's secure stream would open entries relative to
 * its fd on the caller's thread, where a symlink planted in the container would be followed
 * against the host's root. With openat2 the listing is a {@link ViewSecureDirectoryStream}, whose
 * relative operations resolve inside the root.
 */
class ViewDirectoryStream implements DirectoryStream<Path> {
    private final ViewPath dir;
    private final DirectoryStream<Path> host;
    private final Filter<? super Path> filter;
    private boolean iterated;

    ViewDirectoryStream(ViewPath dir, DirectoryStream<Path> host, Filter<? super Path> filter) {
        this.dir = dir;
        this.host = host;
        this.filter = filter;
    }

    @Override
    public synchronized Iterator<Path> iterator() {
        if (iterated) {
            throw new IllegalStateException("Iterator already obtained");
        }
        iterated = true;
        return new Entries(host.iterator());
    }

    @Override
    public void close() throws IOException {
        host.close();
    }

    /**
     * An attribute view of a secure stream, as the JDK's secure stream has them: the basic,
     * posix and owner views only, here through the view's file system by path.
     *
     * @param provider the view's provider
     * @param p the file
     * @param type the view's type
     * @param options the link options
     * @return the view, or {@code null} for other types
     */
    static <V extends FileAttributeView> V attributeView(LinuxViewFileSystemProvider provider,
            ViewPath p, Class<V> type, LinkOption... options) {
        if (type != BasicFileAttributeView.class && type != PosixFileAttributeView.class
                && type != FileOwnerAttributeView.class) {
            return null;
        }
        return provider.getFileAttributeView(p, type, options);
    }

    /**
     * Returns the directory's path, which entries resolve against.
     *
     * @return the path the stream was opened with
     */
    final ViewPath directory() {
        return dir;
    }

    /** Maps host entries to view paths and applies the filter. */
    private final class Entries implements Iterator<Path> {
        private final Iterator<Path> names;
        private Path next;

        Entries(Iterator<Path> names) {
            this.names = names;
        }

        @Override
        public boolean hasNext() {
            while (next == null && names.hasNext()) {
                Path candidate = dir.resolve(names.next().getFileName().toString());
                try {
                    if (filter == null || filter.accept(candidate)) {
                        next = candidate;
                    }
                } catch (IOException e) {
                    throw new DirectoryIteratorException(e);
                }
            }
            return next != null;
        }

        @Override
        public Path next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Path p = next;
            next = null;
            return p;
        }
    }
}
