package dev.fsview.linux.nio;

import dev.fsview.spi.AbstractFsView;
import dev.fsview.spi.nio.ViewPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ExecutorService;

/**
 * The provider of one view's file system. With a {@link CallerThreadReads} (kernels with
 * {@code openat2}) reads run on the caller's thread, resolved from the view's root fd; the rest,
 * and everything on kernels without {@code openat2} ({@code linux.resolve=walk}), is handed to the
 * view thread
 * ({@link AbstractFsView#dispatch}, inline when already there), which performs it with the JDK's
 * own file system on the same path string; its root is the container root, so the JDK's Linux
 * semantics and exceptions come along unchanged. Channels and streams are ordinary fds, usable from
 * any thread once opened.
 */
final class LinuxViewFileSystemProvider extends FileSystemProvider {
    private final LinuxViewFileSystem fs;
    private final AbstractFsView view;
    /** The reads made on the caller's thread; {@code null} where every operation is handed over. */
    private final CallerThreadReads callerReads;
    private final BooleanSupplier onViewThread;

    LinuxViewFileSystemProvider(LinuxViewFileSystem fs, AbstractFsView view,
            CallerThreadReads reads, BooleanSupplier onViewThread) {
        this.fs = fs;
        this.view = view;
        this.callerReads = reads;
        this.onViewThread = onViewThread;
    }

    /**
     * The caller-thread reads, unless there are none or this is the view thread itself (a task
     * calling the file system): there {@code /proc} is not mounted, and the JDK's own file
     * system already sees the container, so the operation runs inline as before.
     */
    private CallerThreadReads reads() {
        return callerReads == null || onViewThread.getAsBoolean() ? null : callerReads;
    }

    private Path host(Path p) {
        return HostPaths.of(fs.check(p));
    }

    @Override
    public String getScheme() {
        return LinuxViewFileSystem.SCHEME;
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("views are opened with dev.fsview.FsViews.open");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        if (!ours(uri)) {
            throw new FileSystemNotFoundException(uri.toString());
        }
        return fs;
    }

    @Override
    public Path getPath(URI uri) {
        if (!ours(uri)) {
            throw new FileSystemNotFoundException(uri.toString());
        }
        return fs.getPath(uri.getPath());
    }

    private boolean ours(URI uri) {
        return LinuxViewFileSystem.SCHEME.equalsIgnoreCase(uri.getScheme())
                && fs.id().equals(uri.getAuthority());
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
            FileAttribute<?>... attrs) throws IOException {
        Path h = host(path);
        return view.dispatch(() -> Files.newByteChannel(h, options, attrs));
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options,
            FileAttribute<?>... attrs) throws IOException {
        Path h = host(path);
        return view.dispatch(() -> FileChannel.open(h, options, attrs));
    }

    @Override
    public AsynchronousFileChannel newAsynchronousFileChannel(Path path,
            Set<? extends OpenOption> options, ExecutorService executor, FileAttribute<?>... attrs)
            throws IOException {
        Path h = host(path);
        return view.dispatch(() -> AsynchronousFileChannel.open(h, options, executor, attrs));
    }

    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        Path h = host(path);
        return view.dispatch(() -> Files.newInputStream(h, options));
    }

    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
        Path h = host(path);
        return view.dispatch(() -> Files.newOutputStream(h, options));
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir,
            DirectoryStream.Filter<? super Path> filter) throws IOException {
        ViewPath d = fs.check(dir);
        Path h = HostPaths.of(d);
        DirectoryStream<Path> listing = view.dispatch(() -> Files.newDirectoryStream(h));
        return new ViewDirectoryStream(d, listing, filter);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        Path h = host(dir);
        view.dispatch(() -> Files.createDirectory(h, attrs));
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs)
            throws IOException {
        Path h = host(link);
        // The target is stored verbatim: never made absolute or resolved.
        Path t = Path.of(fs.check(target).toString());
        view.dispatch(() -> Files.createSymbolicLink(h, t, attrs));
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        Path h = host(link);
        Path e = host(existing);
        view.dispatch(() -> Files.createLink(h, e));
    }

    @Override
    public void delete(Path path) throws IOException {
        Path h = host(path);
        view.dispatch(() -> {
            Files.delete(h);
            return null;
        });
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        Path h = host(path);
        return view.dispatch(() -> Files.deleteIfExists(h));
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        CallerThreadReads reads = reads();
        if (reads != null) {
            return fs.getPath(reads.readSymbolicLink(fs.check(link)));
        }
        Path h = host(link);
        return fs.getPath(view.dispatch(() -> Files.readSymbolicLink(h).toString()));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        Path s = host(source);
        Path t = host(target);
        view.dispatch(() -> Files.copy(s, t, options));
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        Path s = host(source);
        Path t = host(target);
        view.dispatch(() -> Files.move(s, t, options));
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        if (path.equals(path2)) {
            return true;
        }
        if (!(path2 instanceof ViewPath) || path2.getFileSystem() != fs) {
            return false;
        }
        Path a = host(path);
        Path b = host(path2);
        return view.dispatch(() -> Files.isSameFile(a, b));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        Path h = host(path);
        return view.dispatch(() -> Files.isHidden(h));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        Path h = host(path);
        String absolute = fs.check(path).toAbsolutePath().toString();
        return view.dispatch(() -> {
            // The JDK's getFileStore stats the path (following links) and translates its errno
            // as toRealPath does, not as an attribute read does (ENOTDIR differs on JDK 25).
            h.toRealPath();
            return LinuxViewFileStore.of(view, absolute);
        });
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        CallerThreadReads reads = reads();
        if (reads != null) {
            reads.checkAccess(fs.check(path), modes);
            return;
        }
        Path h = host(path);
        view.dispatch(() -> {
            h.getFileSystem().provider().checkAccess(h, modes);
            return null;
        });
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type,
            LinkOption... options) {
        Path h = host(path);
        V host = Files.getFileAttributeView(h, type, options); // no I/O until its methods run
        return DispatchingAttributeViews.wrap(view, type, host, reads(), fs.check(path),
                options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type,
            LinkOption... options) throws IOException {
        CallerThreadReads reads = reads();
        if (reads != null) {
            return reads.readAttributes(fs.check(path), type, options);
        }
        Path h = host(path);
        if (type == PosixFileAttributes.class) {
            return view.dispatch(() -> type.cast(ResolvedPosixAttributes.of(
                    Files.readAttributes(h, PosixFileAttributes.class, options))));
        }
        return view.dispatch(() -> Files.readAttributes(h, type, options));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        CallerThreadReads reads = reads();
        if (reads != null) {
            // The JDK parses the string before it touches the file: an empty view name is an
            // IllegalArgumentException even for a missing file (issue 17, row 11).
            if (attributes.startsWith(":")) {
                throw new IllegalArgumentException(attributes);
            }
            return reads.readAttributes(fs.check(path), attributes, options);
        }
        Path h = host(path);
        return view.dispatch(() -> Files.readAttributes(h, attributes, options));
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
            throws IOException {
        Path h = host(path);
        view.dispatch(() -> Files.setAttribute(h, attribute, value, options));
    }
}
