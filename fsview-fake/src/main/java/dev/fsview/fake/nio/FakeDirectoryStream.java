package dev.fsview.fake.nio;

import dev.fsview.fake.host.Kernel;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A directory listing, with the JDK's {@code UnixDirectoryStream} contract: one iterator only,
 * none after close, entries as {@code dir.resolve(name)}, the filter's IOException wrapped in
 * {@link DirectoryIteratorException}. The names are read when the stream opens.
 */
final class FakeDirectoryStream implements DirectoryStream<Path> {
    private final Path dir;
    private final List<String> names;
    private final Filter<? super Path> filter;
    private final Kernel kernel;
    private boolean closed;
    private boolean iterated;

    FakeDirectoryStream(Path dir, List<String> names, Filter<? super Path> filter, Kernel kernel) {
        this.dir = dir;
        this.names = names;
        this.filter = filter;
        this.kernel = kernel;
        kernel.opened(this);
    }

    @Override
    public synchronized Iterator<Path> iterator() {
        if (closed) {
            throw new IllegalStateException("Directory stream is closed");
        }
        if (iterated) {
            throw new IllegalStateException("Iterator already obtained");
        }
        iterated = true;
        return new Entries();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            kernel.closed(this);
        }
    }

    @Override
    public String toString() {
        return "directory stream of " + dir.toAbsolutePath();
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private final class Entries implements Iterator<Path> {
        private int index;
        private Path next;

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            while (!isClosed() && index < names.size()) {
                Path candidate = dir.resolve(names.get(index++));
                try {
                    if (filter.accept(candidate)) {
                        next = candidate;
                        return true;
                    }
                } catch (IOException e) {
                    throw new DirectoryIteratorException(e);
                }
            }
            return false;
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
