package dev.fsview.fake.nio;

import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.vfs.OpenFile;
import dev.fsview.fake.vfs.Stat;
import dev.fsview.fake.vfs.Vfs;
import dev.fsview.spi.HostJdk;
import dev.fsview.spi.errno.Errno;
import dev.fsview.spi.errno.NioExceptions;
import dev.fsview.spi.nio.ViewOpenChecks;
import dev.fsview.spi.nio.ViewPath;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.LinkOption;
import java.nio.file.NotLinkException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Map;
import java.util.Set;

/**
 * The provider of one view's file system. Every operation runs on the calling thread under the
 * fake kernel's lock, and mirrors the JDK's {@code UnixFileSystemProvider} on Linux: the same
 * syscalls in the same order, so the same exception type with the same reason string for the same
 * errno.
 */
final class FakeFileSystemProvider extends FileSystemProvider {
    /**
     * The URI scheme of the fake's paths: {@code fsview}, the Linux backend's too (one scheme for
     * every view; the authority names the view).
     */
    public static final String SCHEME = "fsview";

    private final FakeFileSystem fs;

    FakeFileSystemProvider(FakeFileSystem fs) {
        this.fs = fs;
    }

    /**
     * The string a syscall gets for a path: the empty path is the working directory, as in the JDK.
     *
     * @param p a path of the view
     * @return the path string
     */
    static String sys(Path p) {
        String s = p.toString();
        return s.isEmpty() ? "." : s;
    }

    private ViewPath check(Path p) throws IOException {
        ViewPath vp = fs.check(p);
        fs.checkOpen();
        return vp;
    }

    private Vfs vfs() {
        return fs.process();
    }

    static boolean follow(LinkOption... options) {
        for (LinkOption o : options) {
            if (o == LinkOption.NOFOLLOW_LINKS) {
                return false;
            }
            if (o == null) {
                throw new NullPointerException();
            }
        }
        return true;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("views are opened with FsViews, not by URI");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        throw new FileSystemNotFoundException(uri.toString());
    }

    @Override
    public Path getPath(URI uri) {
        if (!SCHEME.equalsIgnoreCase(uri.getScheme())
                || !fs.authority().equals(uri.getAuthority())) {
            throw new FileSystemNotFoundException(uri.toString());
        }
        return fs.getPath(uri.getPath());
    }

    /**
     * The inherited method, which turns the options into a HashSet, with a cheaper set where
     * that changes nothing (see {@link OpenOptions#forOutput}).
     */
    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
        Set<StandardOpenOption> standard = OpenOptions.forOutput(options);
        if (standard == null) {
            return super.newOutputStream(path, options);
        }
        return Channels.newOutputStream(newByteChannel(path, standard));
    }

    @Override
    public SeekableByteChannel newByteChannel(
            Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public FileChannel newFileChannel(
            Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return openChannel(vfs(), check(path), options, attrs);
    }

    /**
     * The JDK's {@code UnixChannelFactory}: options to flags, its own checks, open, and
     * DELETE_ON_CLOSE's immediate unlink.
     */
    static FileChannel openChannel(
            Vfs vfs, Path p, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        int mode = InitialMode.of(0666, attrs);
        ViewOpenChecks checks = ViewOpenChecks.of(options);
        OpenOptions o = OpenOptions.of(checks == null ? options : checks.others());
        String s = sys(p);
        try {
            if (o.write && o.createNew && (s.equals(".") || s.endsWith("/."))) {
                throw ErrnoException.of(Errno.EEXIST); // the JDK's own check
            }
            OpenFile f = checks == null
                    ? vfs.open(s, o.flags(), mode)
                    : ViewOptionsCheck.open(vfs, s, p.toString(), o.flags(), mode, checks);
            if (o.deleteOnClose) {
                try {
                    vfs.unlink(s); // the JDK unlinks at once on Linux
                } catch (ErrnoException ignore) {
                    // as the JDK
                }
            }
            return new FakeFileChannel(f);
        } catch (ErrnoException e) {
            Errno errno = o.createNew && e.errno() == Errno.EISDIR ? Errno.EEXIST : e.errno();
            throw NioExceptions.forOpen(errno, p.toString(), !o.followLinks());
        }
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(
            Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        ViewPath p = check(dir);
        if (filter == null) {
            throw new NullPointerException();
        }
        try {
            return new FakeDirectoryStream(fs, p, vfs().opendir(sys(p), true), filter);
        } catch (ErrnoException e) {
            throw NioExceptions.forDirectoryStream(e.errno(), p.toString());
        }
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        ViewPath p = check(dir);
        int mode = InitialMode.of(0777, attrs);
        try {
            vfs().mkdir(sys(p), mode);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EISDIR) {
                throw new FileAlreadyExistsException(p.toString());
            }
            throw Errors.of(e, p);
        }
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs)
            throws IOException {
        ViewPath p = check(link);
        ViewPath t = fs.check(target);
        if (attrs.length > 0) {
            InitialMode.of(0777, attrs); // refuses attributes it does not know first, as the JDK
            throw new UnsupportedOperationException("Initial file attributes"
                    + (HostJdk.spellsTheSymlinkAttributesMessageRight() ? " " : "")
                    + "not supported when creating symbolic link");
        }
        try {
            vfs().symlink(t.toString(), sys(p));
        } catch (ErrnoException e) {
            throw Errors.of(e, p);
        }
    }

    @Override
    public void createLink(Path link, Path existing) throws IOException {
        ViewPath p = check(link);
        ViewPath e = fs.check(existing);
        try {
            vfs().link(sys(e), sys(p));
        } catch (ErrnoException x) {
            throw Errors.of(x, p, e);
        }
    }

    @Override
    public void delete(Path path) throws IOException {
        delete(check(path), true);
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        return delete(check(path), false);
    }

    /** The JDK's {@code implDelete}: lstat, then rmdir or unlink. */
    private boolean delete(ViewPath p, boolean failIfNotExists) throws IOException {
        Stat attrs = null;
        try {
            attrs = vfs().stat(sys(p), false);
            if (attrs.isDirectory()) {
                vfs().rmdir(sys(p));
            } else {
                vfs().unlink(sys(p));
            }
            return true;
        } catch (ErrnoException e) {
            if (!failIfNotExists && e.errno() == Errno.ENOENT) {
                return false;
            }
            if (attrs != null && attrs.isDirectory()) {
                throw NioExceptions.forDelete(e.errno(), p.toString());
            }
            throw Errors.of(e, p);
        }
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        ViewPath p = check(link);
        try {
            return fs.getPath(vfs().readlink(sys(p)));
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EINVAL) {
                throw new NotLinkException(p.toString());
            }
            throw Errors.of(e, p);
        }
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        check(source);
        check(target);
        new CopyMove(vfs()).copy(source, target, options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        check(source);
        check(target);
        new CopyMove(vfs()).move(source, target, options);
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        ViewPath a = check(path);
        if (a.equals(path2)) {
            return true;
        }
        if (path2 == null) {
            throw new NullPointerException();
        }
        if (!(path2 instanceof ViewPath) || path2.getFileSystem() != fs) {
            return false;
        }
        Stat s1 = statOrThrow(a, true);
        Stat s2 = statOrThrow(path2, true);
        return s1.sameFile(s2);
    }

    private Stat statOrThrow(Path p, boolean follow) throws IOException {
        try {
            return vfs().stat(sys(p), follow);
        } catch (ErrnoException e) {
            throw Errors.of(e, p);
        }
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        ViewPath p = check(path);
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        ViewPath p = check(path);
        try {
            return fs.storeOf(vfs().resolve(sys(p), true).mount());
        } catch (ErrnoException e) {
            throw Errors.of(e, p);
        }
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        ViewPath p = check(path);
        boolean w = false;
        boolean x = false;
        for (AccessMode mode : modes) {
            switch (mode) {
                case READ:
                    break;
                case WRITE:
                    w = true;
                    break;
                case EXECUTE:
                    x = true;
                    break;
                default:
                    throw new AssertionError("Should not get here");
            }
        }
        try {
            vfs().access(sys(p), w, x);
        } catch (ErrnoException e) {
            throw NioExceptions.forAttributeRead(e.errno(), p.toString());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(
            Path path, Class<V> type, LinkOption... options) {
        ViewPath p = fs.check(path);
        String name;
        if (type == BasicFileAttributeView.class) {
            name = "basic";
        } else if (type == PosixFileAttributeView.class) {
            name = "posix";
        } else if (type == FileOwnerAttributeView.class) {
            name = "owner";
        } else if (type == UserDefinedFileAttributeView.class) {
            return (V) fs.attributes().user(p, follow(options));
        } else if (type == null) {
            throw new NullPointerException();
        } else {
            return null;
        }
        return (V) new AttributeView(name, fs.attributes(), p, follow(options));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(
            Path path, Class<A> type, LinkOption... options) throws IOException {
        ViewPath p = check(path);
        if (type == BasicFileAttributes.class) {
            return (A) fs.attributes().readBasicForView(p, follow(options));
        }
        if (type == PosixFileAttributes.class) {
            return (A) fs.attributes().readForView(p, follow(options));
        }
        if (type == null) {
            throw new NullPointerException();
        }
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        ViewPath p = check(path);
        return fs.attributes().read(p, attributes, follow(options));
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options)
            throws IOException {
        ViewPath p = check(path);
        fs.attributes().set(p, attribute, value, follow(options));
    }

    /** The mode of a file or directory being created, from initial attributes as the JDK reads them. */
    static final class InitialMode {
        private InitialMode() {}

        static int of(int defaultMode, FileAttribute<?>... attrs) {
            int mode = defaultMode;
            for (FileAttribute<?> attr : attrs) {
                String name = attr.name();
                if (!name.equals("posix:permissions") && !name.equals("unix:permissions")) {
                    throw new UnsupportedOperationException(
                            "'" + attr.name() + "' not supported as initial attribute");
                }
                @SuppressWarnings("unchecked")
                Set<PosixFilePermission> perms = (Set<PosixFilePermission>) attr.value();
                mode = FakeAttributes.mode(perms);
            }
            return mode;
        }
    }
}
