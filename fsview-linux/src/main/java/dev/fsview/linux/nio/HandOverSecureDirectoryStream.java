package dev.fsview.linux.nio;

import dev.fsview.linux.resolve.ObjectPaths;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.AbstractFsView;
import dev.fsview.spi.nio.AbstractViewFileSystem;
import dev.fsview.spi.nio.ViewOpenChecks;
import dev.fsview.spi.nio.ViewPath;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.util.Set;

/**
 * A listing of a view's directory as a {@link SecureDirectoryStream} on kernels without openat2:
 * the JDK's own secure stream, opened on the view thread, whose relative operations are handed to
 * the view thread too (there its {@code openat} calls resolve inside the container, whose root is
 * the thread's root); only the entries are read on the caller's thread, from the stream's fd.
 * Attribute views go through the view's file system by path, so owners are named from the
 * container's files, never by glibc's NSS.
 */
final class HandOverSecureDirectoryStream extends ViewDirectoryStream
        implements SecureDirectoryStream<Path> {
    private final SecureDirectoryStream<Path> jdk;
    private final AbstractFsView view;
    private final LinuxViewFileSystemProvider provider;
    private Fd pin;

    HandOverSecureDirectoryStream(
            ViewPath dir,
            SecureDirectoryStream<Path> jdk,
            Filter<? super Path> filter,
            AbstractFsView view,
            LinuxViewFileSystemProvider provider) {
        super(dir, jdk, filter);
        this.jdk = jdk;
        this.view = view;
        this.provider = provider;
    }

    private ViewPath check(Path path) {
        return ((AbstractViewFileSystem) directory().getFileSystem()).check(path);
    }

    /** The JDK's path for a view path, as given: relative ones stay relative to the stream. */
    private Path jdkPath(Path path) {
        return Path.of(check(path).toString());
    }

    @Override
    public SecureDirectoryStream<Path> newDirectoryStream(Path path, LinkOption... options)
            throws IOException {
        Path h = jdkPath(path);
        SecureDirectoryStream<Path> sub = view.dispatch(() -> jdk.newDirectoryStream(h, options));
        return new HandOverSecureDirectoryStream(
                (ViewPath) directory().resolve(check(path)), sub, null, view, provider);
    }

    @Override
    public SeekableByteChannel newByteChannel(
            Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        ViewOpenChecks checks = ViewOpenChecks.of(options);
        Path h = jdkPath(path);
        if (checks == null) {
            return view.dispatch(() -> jdk.newByteChannel(h, options, attrs));
        }
        // Found as an O_PATH fd from this stream's own directory, inspected, then reopened: the
        // JDK's stream would open first, blocking on a FIFO or calling a device's driver.
        return CheckedOpen.open(
                check(path),
                checks,
                CheckedOpen.inDirectory(view, pinned(), check(path)),
                (object, o) -> Files.newByteChannel(object, o),
                o -> newByteChannel(path, o, attrs),
                () -> deleteFile(path));
    }

    /**
     * An {@code O_PATH} fd of this stream's directory, made at first need and proved the same
     * directory as the JDK stream's own fd (device and inode of an open directory, which cannot
     * be reused while the stream holds it): the JDK's stream does not give its fd away.
     */
    private synchronized Fd pinned() throws IOException {
        if (pin != null) {
            return pin;
        }
        String dir = HostPaths.of(directory()).toString();
        Fd fd;
        try {
            fd = new Fd(
                    view.dispatch(() -> Sys.openat(
                            Linux.AT_FDCWD,
                            dir,
                            Arch.O_PATH | Arch.current().oDirectory() | Arch.O_CLOEXEC,
                            0)),
                    directory().toString());
        } catch (SyscallException e) {
            throw replaced(e.getMessage());
        }
        Object streams = jdk.getFileAttributeView(BasicFileAttributeView.class)
                .readAttributes()
                .fileKey();
        Object found = Files.readAttributes(ObjectPaths.of(fd), BasicFileAttributes.class)
                .fileKey();
        if (!streams.equals(found)) {
            // Renamed or swapped since the stream was opened: its path is another directory now.
            fd.close();
            throw replaced("another directory is at its path now");
        }
        pin = fd;
        return pin;
    }

    private FileSystemException replaced(String why) {
        return new FileSystemException(
                directory().toString(),
                null,
                "cannot check an open through this directory stream: " + why
                        + "; open the stream again");
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            synchronized (this) {
                if (pin != null) {
                    pin.close();
                }
            }
        }
    }

    @Override
    public void deleteFile(Path path) throws IOException {
        Path h = jdkPath(path);
        view.dispatch(() -> {
            jdk.deleteFile(h);
            return null;
        });
    }

    @Override
    public void deleteDirectory(Path path) throws IOException {
        Path h = jdkPath(path);
        view.dispatch(() -> {
            jdk.deleteDirectory(h);
            return null;
        });
    }

    @Override
    public void move(Path srcpath, SecureDirectoryStream<Path> targetdir, Path targetpath)
            throws IOException {
        if (!(targetdir instanceof HandOverSecureDirectoryStream)) {
            throw new ProviderMismatchException();
        }
        SecureDirectoryStream<Path> other = ((HandOverSecureDirectoryStream) targetdir).jdk;
        Path s = jdkPath(srcpath);
        Path t = jdkPath(targetpath);
        view.dispatch(() -> {
            jdk.move(s, other, t);
            return null;
        });
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
