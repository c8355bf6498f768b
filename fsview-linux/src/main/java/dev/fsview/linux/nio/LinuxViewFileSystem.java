package dev.fsview.linux.nio;

import dev.fsview.spi.AbstractFsView;
import dev.fsview.spi.nio.AbstractViewFileSystem;
import dev.fsview.spi.nio.ViewPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileStore;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;
import java.util.Set;

/**
 * A Linux view as a {@link java.nio.file.FileSystem}: container paths, every operation carried out
 * on the view thread by {@link LinuxViewFileSystemProvider}. Closing it closes the view.
 */
public final class LinuxViewFileSystem extends AbstractViewFileSystem {
    /** The URI scheme of view paths. */
    public static final String SCHEME = "fsview";

    private static final Set<String> VIEWS =
            Set.of("basic", "posix", "unix", "owner", "dos", "user");

    private final AbstractFsView view;
    private final String id;
    private final LinuxViewFileSystemProvider provider;

    /**
     * Creates the file system of a view.
     *
     * @param view the view every operation is dispatched to
     * @param id the view's id, the authority of its URIs (e.g. {@code linux-3})
     */
    public LinuxViewFileSystem(AbstractFsView view, String id) {
        this.view = view;
        this.id = id;
        this.provider = new LinuxViewFileSystemProvider(this, view);
    }

    String id() {
        return id;
    }

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() throws IOException {
        view.close();
    }

    @Override
    public boolean isOpen() {
        return view.isOpen();
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        try {
            return List.of(provider.getFileStore(rootDirectory()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return VIEWS;
    }

    @Override
    public String currentDirectory() {
        return view.cwd();
    }

    @Override
    public Path toRealPath(ViewPath path, LinkOption... options) throws IOException {
        String absolute = path.toAbsolutePath().toString();
        String real = view.dispatch(() -> Path.of(absolute).toRealPath(options).toString());
        return getPath(real);
    }

    @Override
    public URI toUri(ViewPath absolute) {
        try {
            return new URI(SCHEME, id, absolute.toString(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public String toString() {
        return "fsview file system " + id;
    }
}
