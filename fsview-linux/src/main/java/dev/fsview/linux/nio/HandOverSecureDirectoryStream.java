package dev.fsview.linux.nio;

import dev.fsview.spi.AbstractFsView;
import dev.fsview.spi.nio.AbstractViewFileSystem;
import dev.fsview.spi.nio.ViewOpenChecks;
import dev.fsview.spi.nio.ViewPath;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.SecureDirectoryStream;
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
        if (ViewOpenChecks.of(options) != null) {
            // The JDK's stream on the view thread cannot inspect before it opens (issue 12).
            throw new UnsupportedOperationException("ViewOpenOption is not supported by the"
                    + " SecureDirectoryStream of a view without openat2 (linux.resolve=walk):"
                    + " open through the view's FileSystem");
        }
        Path h = jdkPath(path);
        return view.dispatch(() -> jdk.newByteChannel(h, options, attrs));
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
