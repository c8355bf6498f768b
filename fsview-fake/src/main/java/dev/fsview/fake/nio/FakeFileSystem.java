package dev.fsview.fake.nio;

import dev.fsview.ViewClosedException;
import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.mount.Location;
import dev.fsview.fake.mount.Mount;
import dev.fsview.fake.vfs.Vfs;
import dev.fsview.spi.HostJdk;
import dev.fsview.spi.nio.AbstractViewFileSystem;
import dev.fsview.spi.nio.ViewPath;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileStore;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake view as a {@link java.nio.file.FileSystem}. Operations run on the calling thread, under
 * the fake kernel's lock, with no hand-over to the view thread: the one deliberate difference from
 * the Linux backend, where they queue behind a running task. It keeps the fake as fast as an
 * in-memory file system can be; the results are the same. Relative paths resolve against the
 * view's working directory. Closing the file system closes the view.
 */
public final class FakeFileSystem extends AbstractViewFileSystem {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Set<String> VIEWS = Set.of("basic", "posix", "unix", "owner", "user");

    private final int id = IDS.incrementAndGet();
    private final ViewHandle view;
    private final FakeFileSystemProvider provider;
    private final Attributes attributes;

    /**
     * Creates the file system of a view.
     *
     * @param view the view
     */
    public FakeFileSystem(ViewHandle view) {
        this.view = view;
        this.provider = new FakeFileSystemProvider(this);
        this.attributes = new Attributes(view.process(), new Principals(view.process()));
    }

    Vfs process() {
        return view.process();
    }

    Attributes attributes() {
        return attributes;
    }

    void checkOpen() throws ViewClosedException {
        view.checkOpen();
    }

    FileStore storeOf(Mount m) {
        Vfs p = view.process();
        return p.kernel().shared(() -> new FakeFileStore(m, p.pathOf(new Location(m, m.root()))));
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
        List<FileStore> stores = new ArrayList<>();
        for (Mount m : view.process().namespace().mounts()) {
            stores.add(storeOf(m));
        }
        return stores;
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return VIEWS;
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return attributes.principals();
    }

    @Override
    public String currentDirectory() {
        return view.process().cwdPath();
    }

    @Override
    public Path toRealPath(ViewPath path, LinkOption... options) throws IOException {
        checkOpen();
        for (LinkOption o : options) {
            if (o == LinkOption.NOFOLLOW_LINKS) {
                return realPathNoFollow(path);
            }
        }
        try {
            // as the JDK: realpath of the path made absolute against the working directory's
            // path; a removed working directory has none (getcwd's ENOENT), even where another
            // directory took its name
            if (!path.isAbsolute() && view.process().cwdRemoved()) {
                throw ErrnoException.of(dev.fsview.spi.errno.Errno.ENOENT);
            }
            return getPath(view.process().realpath(path.toAbsolutePath().toString()));
        } catch (ErrnoException e) {
            throw Errors.of(e, path);
        }
    }

    /**
     * The JDK's algorithm: drop "." and the ".." that follow a non-link (and, from JDK 22, do not
     * follow a ".." that was kept), then lstat.
     */
    private Path realPathNoFollow(ViewPath path) throws IOException {
        Path absolute = path.toAbsolutePath();
        Path result = rootDirectory();
        boolean parentIsDotDot = false;
        for (int i = 0; i < absolute.getNameCount(); i++) {
            String element = absolute.getName(i).toString();
            if (element.equals(".")) {
                continue;
            }
            if (element.equals("..")) {
                boolean keptBefore = parentIsDotDot && HostJdk.keepsDotDotAfterAKeptDotDot();
                if (!attributes.read(result, false).isSymbolicLink() && !keptBefore) {
                    result = result.getParent() == null ? rootDirectory() : result.getParent();
                    continue;
                }
                parentIsDotDot = true;
            } else {
                parentIsDotDot = false;
            }
            result = result.resolve(element);
        }
        attributes.read(result, false);
        return result;
    }

    /** @return the authority of this view's URIs */
    String authority() {
        return "fake-view-" + id;
    }

    @Override
    public URI toUri(ViewPath absolute) {
        try {
            return new URI(FakeFileSystemProvider.SCHEME, authority(), absolute.toString(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return view.viewName();
    }
}
