package dev.fsview.fake.nio;

import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.vfs.Vfs;
import dev.fsview.spi.errno.Errno;
import dev.fsview.spi.errno.NioExceptions;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A directory listing, with the JDK's {@code UnixSecureDirectoryStream} contract: one iterator
 * only, none after close, entries as {@code dir.resolve(name)}, the filter's IOException wrapped
 * in {@link DirectoryIteratorException}; and, as a {@link SecureDirectoryStream}, operations
 * relative to the directory it opened (like the {@code *at} system calls on its descriptor), which
 * keep working on that directory even if it is renamed meanwhile. The names are read when the
 * stream opens.
 */
final class FakeDirectoryStream implements SecureDirectoryStream<Path> {
    private final FakeFileSystem fs;
    private final Path dir;
    private final Vfs.OpenDirectory opened;
    private final Vfs at;
    private final Attributes attributes;
    private final Filter<? super Path> filter;
    private boolean closed;
    private boolean iterated;

    FakeDirectoryStream(
            FakeFileSystem fs, Path dir, Vfs.OpenDirectory opened, Filter<? super Path> filter) {
        this.fs = fs;
        this.dir = dir;
        this.opened = opened;
        this.at = fs.process().at(opened.location());
        this.attributes = Attributes.ofSecureStream(at, fs.attributes().principals());
        this.filter = filter;
        at.kernel().opened(this);
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
            at.kernel().closed(this);
        }
    }

    @Override
    public String toString() {
        return "directory stream of " + dir.toAbsolutePath();
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private Path check(Path p) {
        fs.check(p);
        if (isClosed()) {
            throw new ClosedDirectoryStreamException();
        }
        return p;
    }

    @Override
    public SecureDirectoryStream<Path> newDirectoryStream(Path path, LinkOption... options)
            throws IOException {
        Path file = check(path);
        try {
            return new FakeDirectoryStream(
                    fs,
                    dir.resolve(file),
                    at.opendir(
                            FakeFileSystemProvider.sys(file),
                            FakeFileSystemProvider.follow(options)),
                    e -> true);
        } catch (ErrnoException e) {
            throw NioExceptions.forDirectoryStream(e.errno(), file.toString());
        }
    }

    @Override
    public SeekableByteChannel newByteChannel(
            Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return FakeFileSystemProvider.openChannel(at, check(path), options, attrs);
    }

    @Override
    public void deleteFile(Path path) throws IOException {
        Path file = check(path);
        try {
            at.unlink(FakeFileSystemProvider.sys(file));
        } catch (ErrnoException e) {
            throw Errors.of(e, file);
        }
    }

    @Override
    public void deleteDirectory(Path path) throws IOException {
        Path file = check(path);
        try {
            at.rmdir(FakeFileSystemProvider.sys(file));
        } catch (ErrnoException e) {
            throw NioExceptions.forDelete(e.errno(), file.toString());
        }
    }

    @Override
    public void move(Path srcpath, SecureDirectoryStream<Path> targetdir, Path targetpath)
            throws IOException {
        Path from = check(srcpath);
        if (!(targetdir instanceof FakeDirectoryStream)) {
            throw new java.nio.file.ProviderMismatchException();
        }
        FakeDirectoryStream that = (FakeDirectoryStream) targetdir;
        Path to = that.check(targetpath);
        try {
            at.renameat(FakeFileSystemProvider.sys(from), that.at, FakeFileSystemProvider.sys(to));
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EXDEV) {
                throw new AtomicMoveNotSupportedException(
                        from.toString(), to.toString(), e.errno().message());
            }
            throw Errors.of(e, from, to);
        }
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Class<V> type) {
        return view(fs.getPath("."), type, true);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(
            Path path, Class<V> type, LinkOption... options) {
        return view(check(path), type, FakeFileSystemProvider.follow(options));
    }

    @SuppressWarnings("unchecked")
    private <V extends FileAttributeView> V view(Path p, Class<V> type, boolean follow) {
        if (type == BasicFileAttributeView.class) {
            return (V) new AttributeView("basic", attributes, p, follow);
        }
        if (type == PosixFileAttributeView.class) {
            return (V) new AttributeView("posix", attributes, p, follow);
        }
        if (type == FileOwnerAttributeView.class) {
            return (V) new AttributeView("owner", attributes, p, follow);
        }
        if (type == java.nio.file.attribute.UserDefinedFileAttributeView.class) {
            return (V) attributes.user(p, follow);
        }
        return null;
    }

    private final class Entries implements Iterator<Path> {
        private int index;
        private Path next;

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            while (!isClosed() && index < opened.names().size()) {
                Path candidate = dir.resolve(opened.names().get(index++));
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
