package dev.fsview.linux.nio;

import dev.fsview.ViewClosedException;
import dev.fsview.linux.resolve.ObjectPaths;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.StatFs;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.AbstractFsView;
import dev.fsview.spi.errno.Errno;
import dev.fsview.spi.errno.NioExceptions;
import dev.fsview.spi.nio.ViewOpenChecks;
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
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.spi.FileSystemProvider;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/**
 * The provider of one view's file system. With openat2 ({@link CallerThreadReads},
 * {@link CallerThreadWrites}) every operation runs on the caller's thread, resolved by the kernel
 * from the view's root fd; nothing is handed to the view thread. On kernels without
 * {@code openat2} ({@code linux.resolve=walk}) each operation is handed to the view thread
 * ({@link AbstractFsView#dispatch}), which performs it with the JDK's own file system on the same
 * path string (its root is the container root, so the JDK's semantics and exceptions come along);
 * opens are only resolved there ({@code O_PATH}) and completed by the caller, and owners are read
 * there as numbers and named from the container's files. A task calling the file system on the
 * view thread itself runs each operation inline. Channels and streams are ordinary fds, usable
 * from any thread once opened.
 */
final class LinuxViewFileSystemProvider extends FileSystemProvider {
    /** A directory that exists on every JVM's host, to ask the JDK whether a string parses. */
    private static final Path JDK_HOME = Path.of(System.getProperty("java.home"));

    private final LinuxViewFileSystem fs;
    private final AbstractFsView view;
    /** The reads made on the caller's thread; {@code null} where every operation is handed over. */
    private final CallerThreadReads callerReads;
    /** The owner-naming reads handed to the view thread (no openat2, or a task's own calls). */
    private final CallerThreadReads handedOverNames;

    private final CallerThreadWrites callerWrites;
    private final BooleanSupplier onViewThread;

    LinuxViewFileSystemProvider(
            LinuxViewFileSystem fs,
            AbstractFsView view,
            CallerThreadReads reads,
            CallerThreadWrites writes,
            BooleanSupplier onViewThread) {
        this.fs = fs;
        this.view = view;
        this.callerReads = reads;
        this.handedOverNames = CallerThreadReads.handedOver(view);
        this.callerWrites = writes;
        this.onViewThread = onViewThread;
    }

    /**
     * The caller-thread reads, unless there are none or this is the view thread itself (a task
     * calling the file system): there {@code /proc} is not mounted, and the JDK's own file
     * system already sees the container, so the operation runs inline as before.
     */
    private CallerThreadReads reads() throws ViewClosedException {
        if (callerReads == null || onViewThread.getAsBoolean()) {
            return null;
        }
        // A closed or ended view (its process exited) refuses, as a hand-over would.
        view.checkOpen();
        return callerReads;
    }

    /**
     * Opens for a channel or stream: on the caller's thread with openat2; without it, the view
     * thread only finds the object (unless the open creates) and the caller opens it; a task's
     * own calls run inline as before.
     */
    private <T> T open(
            Path path,
            Set<? extends OpenOption> options,
            FileAttribute<?>[] attrs,
            CallerThreadWrites.Opener<T> opener,
            AbstractFsView.IoCallable<T> handOver)
            throws IOException {
        ViewPath p = fs.check(path);
        ViewOpenChecks checks = ViewOpenChecks.of(options);
        if (checks != null) {
            // Inspected through an O_PATH fd before anything is opened (issue 12).
            return CheckedOpen.open(
                    p,
                    checks,
                    CheckedOpen.finder(view, callerWrites, onViewThread.getAsBoolean(), p),
                    opener,
                    o -> open(path, o, attrs, opener, () -> opener.open(host(path), o)),
                    () -> deleteIfExists(path));
        }
        if (onViewThread.getAsBoolean()) {
            return view.dispatch(handOver);
        }
        if (callerWrites != null) {
            view.checkOpen();
            return callerWrites.open(p, options, attrs, opener);
        }
        if (!CallerThreadWrites.creates(options)) {
            return CallerThreadWrites.openFoundOnViewThread(
                    view, HostPaths.of(p).toString(), p, options, opener);
        }
        if (p.toString().isEmpty()) {
            // JDK 17 fails to create the empty path with ArrayIndexOutOfBoundsException (a JDK
            // bug, not copied): it is the working directory, ".", as the kernel opens it.
            Set<OpenOption> o = new HashSet<>(options);
            try {
                return view.dispatch(() -> opener.open(Path.of("."), o));
            } catch (FileSystemException e) {
                throw ObjectPaths.rename(e, "", null);
            }
        }
        return view.dispatch(handOver);
    }

    /**
     * The reads that name owners: on the caller's thread where it can, else handed over; either
     * way names come from the container's files, never from glibc's NSS.
     */
    CallerThreadReads names() throws ViewClosedException {
        CallerThreadReads reads = reads();
        return reads != null ? reads : handedOverNames;
    }

    /** The caller-thread mutations, opens and listings, on the same terms as {@link #reads()}. */
    private CallerThreadWrites writes() throws ViewClosedException {
        if (callerWrites == null || onViewThread.getAsBoolean()) {
            return null;
        }
        view.checkOpen();
        return callerWrites;
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
    public SeekableByteChannel newByteChannel(
            Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Path h = host(path);
        return open(
                path,
                options,
                attrs,
                (x, o) -> Files.newByteChannel(x, o, attrs),
                () -> Files.newByteChannel(h, options, attrs));
    }

    @Override
    public FileChannel newFileChannel(
            Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Path h = host(path);
        return open(
                path,
                options,
                attrs,
                (x, o) -> FileChannel.open(x, o, attrs),
                () -> FileChannel.open(h, options, attrs));
    }

    @Override
    public AsynchronousFileChannel newAsynchronousFileChannel(
            Path path,
            Set<? extends OpenOption> options,
            ExecutorService executor,
            FileAttribute<?>... attrs)
            throws IOException {
        Path h = host(path);
        return open(
                path,
                options,
                attrs,
                (x, o) -> AsynchronousFileChannel.open(x, o, executor, attrs),
                () -> AsynchronousFileChannel.open(h, options, executor, attrs));
    }

    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        for (OpenOption o : options) {
            if (o == StandardOpenOption.APPEND || o == StandardOpenOption.WRITE) {
                throw new UnsupportedOperationException("'" + o + "' not allowed");
            }
        }
        Path h = host(path);
        return open(
                path,
                new HashSet<>(java.util.Arrays.asList(options)),
                new FileAttribute<?>[0],
                (x, o) -> Files.newInputStream(x, o.toArray(new OpenOption[0])),
                () -> Files.newInputStream(h, options));
    }

    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
        if (!onViewThread.getAsBoolean()
                || ViewOpenChecks.of(new HashSet<>(java.util.Arrays.asList(options))) != null) {
            Set<OpenOption> opts = new HashSet<>();
            if (options.length == 0) {
                opts.add(StandardOpenOption.CREATE);
                opts.add(StandardOpenOption.TRUNCATE_EXISTING);
            } else {
                for (OpenOption o : options) {
                    if (o == StandardOpenOption.READ) {
                        throw new IllegalArgumentException("READ not allowed");
                    }
                    opts.add(o);
                }
            }
            opts.add(StandardOpenOption.WRITE);
            Path h = host(path);
            return open(
                    path,
                    opts,
                    new FileAttribute<?>[0],
                    (x, o) -> Files.newOutputStream(x, o.toArray(new OpenOption[0])),
                    () -> Files.newOutputStream(h, options));
        }
        Path h = host(path);
        return view.dispatch(() -> Files.newOutputStream(h, options));
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(
            Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        ViewPath d = fs.check(dir);
        CallerThreadWrites w = writes();
        if (w != null) {
            return w.listing(d, filter, callerReads, this);
        }
        Path h = HostPaths.of(d);
        DirectoryStream<Path> listing = view.dispatch(() -> Files.newDirectoryStream(h));
        if (listing instanceof SecureDirectoryStream && !onViewThread.getAsBoolean()) {
            return new HandOverSecureDirectoryStream(
                    d, (SecureDirectoryStream<Path>) listing, filter, view, this);
        }
        return new ViewDirectoryStream(d, listing, filter);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        CallerThreadWrites w = writes();
        if (w != null) {
            w.createDirectory(fs.check(dir), attrs);
            return;
        }
        Path h = host(dir);
        view.dispatch(() -> Files.createDirectory(h, attrs));
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs)
            throws IOException {
        // The target is stored verbatim: never made absolute or resolved.
        Path t = Path.of(fs.check(target).toString());
        CallerThreadWrites w = writes();
        if (w != null) {
            w.createSymbolicLink(fs.check(link), t, attrs);
            return;
        }
        Path h = host(link);
        view.dispatch(() -> Files.createSymbolicLink(h, t, attrs));
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        CallerThreadWrites w = writes();
        if (w != null) {
            w.createLink(fs.check(link), fs.check(existing));
            return;
        }
        Path h = host(link);
        Path e = host(existing);
        view.dispatch(() -> Files.createLink(h, e));
    }

    @Override
    public void delete(Path path) throws IOException {
        CallerThreadWrites w = writes();
        if (w != null) {
            w.delete(fs.check(path));
            return;
        }
        Path h = host(path);
        view.dispatch(() -> {
            Files.delete(h);
            return null;
        });
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        CallerThreadWrites w = writes();
        if (w != null) {
            return w.deleteIfExists(fs.check(path));
        }
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
        CallerThreadWrites w = writes();
        if (w != null) {
            w.copy(fs.check(source), fs.check(target), options);
            return;
        }
        Path s = host(source);
        Path t = host(target);
        view.dispatch(() -> Files.copy(s, t, options));
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        CallerThreadWrites w = writes();
        if (w != null) {
            w.move(fs.check(source), fs.check(target), options);
            return;
        }
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
        CallerThreadReads reads = reads();
        if (reads != null) {
            return reads.isSameFile(fs.check(path), fs.check(path2));
        }
        Path a = host(path);
        Path b = host(path2);
        return view.dispatch(() -> Files.isSameFile(a, b));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        // The JDK's answer needs no I/O: the name starts with a dot (the empty path names the
        // working directory, which starts with "/").
        Path name = fs.check(path).getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        CallerThreadReads reads = reads();
        if (reads != null) {
            return reads.fileStore(fs.check(path));
        }
        String given = fs.check(path).toString();
        String absolute = fs.check(path).toAbsolutePath().toString();
        StoreOnViewThread found = view.dispatch(() -> {
            // The JDK's getFileStore stats the path (following links) and names it as given in
            // its failure; made absolute first (the JDK would resolve a relative one against the
            // host's user.dir).
            try {
                StatFs first = Sys.statfs(absolute);
                try (Fd o = new Fd(
                        Sys.openat(Linux.AT_FDCWD, absolute, Arch.O_PATH | Arch.O_CLOEXEC, 0),
                        absolute)) {
                    return new StoreOnViewThread(Sys.mountId(o.get()), first);
                }
            } catch (SyscallException e) {
                throw NioExceptions.of(Errno.of(e.errno()), given, null);
            }
        });
        return LinuxViewFileStore.of(
                fs.mounts(),
                found.mountId(),
                found.first(),
                () -> view.dispatch(() -> Sys.statfs(absolute)));
    }

    /** What the view thread finds of a file store without openat2: its mount, its statfs. */
    private record StoreOnViewThread(long mountId, StatFs first) {}

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
    public <V extends FileAttributeView> V getFileAttributeView(
            Path path, Class<V> type, LinkOption... options) {
        if (callerWrites != null && !onViewThread.getAsBoolean()) {
            return DispatchingAttributeViews.onCallerThread(
                    view, type, callerReads, callerWrites, fs.check(path), options);
        }
        Path h = host(path);
        V host = Files.getFileAttributeView(h, type, options); // no I/O until its methods run
        return DispatchingAttributeViews.wrap(
                view, type, host, handedOverNames, fs.check(path), options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(
            Path path, Class<A> type, LinkOption... options) throws IOException {
        CallerThreadReads reads = reads();
        if (reads != null) {
            return reads.readAttributes(fs.check(path), type, options);
        }
        if (type == PosixFileAttributes.class) {
            return handedOverNames.readAttributes(fs.check(path), type, options);
        }
        Path h = host(path);
        return view.dispatch(() -> Files.readAttributes(h, type, options));
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        CallerThreadReads reads = reads();
        if (reads != null) {
            try {
                return reads.readAttributes(fs.check(path), attributes, options);
            } catch (IOException e) {
                // The JDK parses the string before it touches the file: a bad string is its
                // IllegalArgumentException or UnsupportedOperationException even for a missing
                // file (issue 17, row 11). Asked of the JDK itself, on a directory that exists.
                try {
                    Files.readAttributes(JDK_HOME, attributes, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException unrelated) {
                    e.addSuppressed(unrelated);
                }
                throw e;
            }
        }
        return handedOverNames.readAttributes(fs.check(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
            throws IOException {
        CallerThreadWrites w = writes();
        if (w != null) {
            w.setAttribute(fs.check(path), attribute, value, options);
            return;
        }
        Path h = host(path);
        String[] set = {attribute};
        Object[] v = {value};
        CallerThreadWrites.numericOwner(set, v);
        view.dispatch(() -> Files.setAttribute(h, set[0], v[0], options));
    }
}
