package dev.fsview.linux.nio;

import dev.fsview.spi.nio.ViewPath;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Collections;
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
    /** The JDK's stream (hand-over), or {@code null} when {@link #listing} reads the fd. */
    private final DirectoryStream<Path> host;
    /** The directory's fd read on the caller's thread (openat2), or {@code null}. */
    private final FdListing listing;

    private final Filter<? super Path> filter;
    private boolean iterated;

    ViewDirectoryStream(ViewPath dir, DirectoryStream<Path> host, Filter<? super Path> filter) {
        this.dir = dir;
        this.host = host;
        this.listing = null;
        this.filter = filter;
    }

    ViewDirectoryStream(ViewPath dir, FdListing listing, Filter<? super Path> filter) {
        this.dir = dir;
        this.host = null;
        this.listing = listing;
        this.filter = filter;
    }

    @Override
    public synchronized Iterator<Path> iterator() {
        if (host != null) {
            return iterator(new HostNames(host.iterator()));
        }
        if (listing.isClosed()) {
            throw new IllegalStateException("Directory stream is closed");
        }
        return iterator(new FdNames());
    }

    private Iterator<Path> iterator(Iterator<String> names) {
        if (iterated) {
            throw new IllegalStateException("Iterator already obtained");
        }
        iterated = true;
        return new Entries(names);
    }

    @Override
    public void close() throws IOException {
        if (host != null) {
            host.close();
        } else {
            listing.close();
        }
    }

    /**
     * Returns the listing read on the caller's thread.
     *
     * @return the listing, or {@code null} for a stream of the JDK's handed over
     */
    final FdListing listing() {
        return listing;
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
    static <V extends FileAttributeView> V attributeView(
            LinuxViewFileSystemProvider provider,
            ViewPath p,
            Class<V> type,
            LinkOption... options) {
        if (type != BasicFileAttributeView.class
                && type != PosixFileAttributeView.class
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

    /** The names of the JDK's entries. */
    private static final class HostNames implements Iterator<String> {
        private final Iterator<Path> entries;

        HostNames(Iterator<Path> entries) {
            this.entries = entries;
        }

        @Override
        public boolean hasNext() {
            return entries.hasNext();
        }

        @Override
        public String next() {
            return entries.next().getFileName().toString();
        }
    }

    /**
     * The names read from the fd, a batch at a time; none once the stream is closed, as the
     * JDK's iterator; a failed read is a {@link DirectoryIteratorException}.
     */
    private final class FdNames implements Iterator<String> {
        private Iterator<String> batch = Collections.emptyIterator();
        private boolean ended;

        @Override
        public boolean hasNext() {
            while (!batch.hasNext() && !ended) {
                java.util.List<String> names;
                try {
                    names = listing.next();
                } catch (dev.fsview.linux.sys.SyscallException e) {
                    throw new DirectoryIteratorException(dev.fsview.spi.errno.NioExceptions.of(
                            dev.fsview.spi.errno.Errno.of(e.errno()), dir.toString(), null));
                }
                ended = names.isEmpty();
                batch = names.iterator();
            }
            return batch.hasNext();
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return batch.next();
        }
    }

    /**
     * The path of an entry: with openat2 and an absolute directory, carrying the listing, so that
     * its attributes are read relative to the listed directory's fd while the stream is open.
     */
    private Path entry(String name) {
        if (listing != null && dir.isAbsolute()) {
            return dir.resolveEntry(name, listing);
        }
        return dir.resolve(name);
    }

    /** Maps names to view paths and applies the filter. */
    private final class Entries implements Iterator<Path> {
        private final Iterator<String> names;
        private Path next;

        Entries(Iterator<String> names) {
            this.names = names;
        }

        @Override
        public boolean hasNext() {
            while (next == null && names.hasNext()) {
                Path candidate = entry(names.next());
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
