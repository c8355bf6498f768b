package dev.fsview.linux.nio;

import dev.fsview.linux.resolve.ObjectPaths;
import dev.fsview.linux.resolve.ViewMountTable;
import dev.fsview.linux.resolve.ViewRoot;
import dev.fsview.spi.AbstractFsView;
import dev.fsview.spi.nio.AbstractViewFileSystem;
import dev.fsview.spi.nio.ViewPath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A Linux view as a {@link java.nio.file.FileSystem}: container paths, every operation carried out
 * by {@link LinuxViewFileSystemProvider} on the caller's thread (with openat2), or handed to the
 * view thread (without). Closing it closes the view.
 */
public final class LinuxViewFileSystem extends AbstractViewFileSystem {
    /** The URI scheme of view paths. */
    public static final String SCHEME = "fsview";

    private static final Set<String> VIEWS =
            Set.of("basic", "posix", "unix", "owner", "dos", "user");

    private final AbstractFsView view;
    private final String id;
    private final LinuxViewFileSystemProvider provider;
    private final CallerThreadReads reads;
    private final BooleanSupplier onViewThread;
    private final ViewMountTable mounts;

    /**
     * Creates the file system of a view.
     *
     * @param view the view every operation is dispatched to
     * @param id the view's id, the authority of its URIs (e.g. {@code linux-3})
     * @param root the view's root fd, through which reads resolve on the caller's thread; or
     *     {@code null} to hand every operation to the view thread (kernels without openat2)
     * @param onViewThread whether the current thread is the view thread, where operations run
     *     inline with the JDK's own file system
     */
    public LinuxViewFileSystem(
            AbstractFsView view, String id, ViewRoot root, BooleanSupplier onViewThread) {
        this(view, id, root, root == null ? new ViewMountTable() : root.mounts(), onViewThread);
    }

    /**
     * Creates the file system of a view whose mount table is read apart from its root.
     *
     * @param view the view every operation is dispatched to
     * @param id the view's id, the authority of its URIs (e.g. {@code linux-3})
     * @param root the view's root fd, or {@code null} to hand every operation to the view thread
     * @param mounts the view's mount table, for its file stores
     * @param onViewThread whether the current thread is the view thread
     */
    public LinuxViewFileSystem(
            AbstractFsView view,
            String id,
            ViewRoot root,
            ViewMountTable mounts,
            BooleanSupplier onViewThread) {
        this.mounts = mounts;
        this.view = view;
        this.id = id;
        this.reads = root == null ? null : new CallerThreadReads(root);
        this.onViewThread = onViewThread;
        this.provider = new LinuxViewFileSystemProvider(
                this,
                view,
                reads,
                root == null ? null : new CallerThreadWrites(root),
                onViewThread);
    }

    String id() {
        return id;
    }

    /** The view's mount table, for its file stores. */
    ViewMountTable mounts() {
        return mounts;
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

    /**
     * Looks names up as the container's {@code files} source would: its {@code /etc/passwd} and
     * {@code /etc/group}, read through the view root on the caller's thread, else numeric; never
     * glibc's NSS; without openat2 the files are read on the view thread, as files.
     */
    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return new UserPrincipalLookupService() {
            @Override
            public UserPrincipal lookupPrincipalByName(String name) throws IOException {
                CallerThreadReads names = provider.names();
                OptionalInt uid = names.accounts().userId(name);
                if (uid.isEmpty()) {
                    throw new UserPrincipalNotFoundException(name);
                }
                return names.user(uid.getAsInt());
            }

            @Override
            public GroupPrincipal lookupPrincipalByGroupName(String group) throws IOException {
                CallerThreadReads names = provider.names();
                OptionalInt gid = names.accounts().groupId(group);
                if (gid.isEmpty()) {
                    throw new UserPrincipalNotFoundException(group);
                }
                return names.group(gid.getAsInt());
            }
        };
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
        if (reads != null && !onViewThread.getAsBoolean()) {
            view.checkOpen();
            return getPath(reads.realPath(path, CallerThreadReads.follows(options)));
        }
        // Made absolute here: on the view thread the JDK would resolve a relative path against
        // the host's user.dir. Following links, the JDK names the path as given in its failure.
        Path absolute = Path.of(path.toAbsolutePath().toString());
        String real;
        try {
            real = view.dispatch(() -> absolute.toRealPath(options).toString());
        } catch (FileSystemException e) {
            if (CallerThreadReads.follows(options)) {
                throw ObjectPaths.rename(e, path.toString(), null);
            }
            throw e;
        }
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
