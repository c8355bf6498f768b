package dev.fsview.fake;

import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.host.Inode;
import dev.fsview.fake.host.RegularFile;
import dev.fsview.fake.mount.Location;
import dev.fsview.spi.errno.NioExceptions;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a real tree from the JVM's default file system into a {@link FakeHost}, never following
 * a symlink (so nothing outside the tree is read, whatever the tree's links say, or whatever a
 * racing process swaps in during the walk): directories are opened relative to their parent's
 * file descriptor with O_NOFOLLOW ({@link SecureDirectoryStream}), files are read from their
 * directory's descriptor, and each entry is checked by its file key to be the object that was
 * seen. An entry swapped during the walk is imported as a link if it now is one, or left out;
 * it is never followed. The walk is iterative: no depth overflows the stack. What this process
 * may not read (when not running as root) keeps its real metadata, and reading it through the
 * view fails with EACCES; one warning sums the import up.
 */
final class DiskImport {
    private static final Logger LOG = LoggerFactory.getLogger(DiskImport.class);
    /** Kernel file systems whose contents are not files worth copying. */
    private static final Set<String> PSEUDO = Set.of("proc", "sysfs", "devpts", "cgroup", "cgroup2",
            "debugfs", "tracefs", "securityfs", "pstore", "bpf", "configfs", "fusectl", "mqueue",
            "hugetlbfs", "autofs", "binfmt_misc", "nsfs", "efivarfs", "selinuxfs", "rpc_pipefs");
    /** Longer paths are not handed to the kernel by name (it would give ENAMETOOLONG). */
    private static final int PATH_MAX = 4000;
    private static final boolean UNIX = java.nio.file.FileSystems.getDefault()
            .supportedFileAttributeViews().contains("unix");

    private final FakeHost host;
    private final Map<Object, String> linked = new HashMap<>();
    private int unreadable;
    private Path firstUnreadable;
    private int refused;
    private String firstRefused;

    DiskImport(FakeHost host) {
        this.host = host;
    }

    void importTree(Path real, String fakePath) throws IOException {
        Path absolute = real.toAbsolutePath();
        createParents(absolute, fakePath);
        Path parent = absolute.getParent();
        Meta top = meta(absolute);
        if (!top.isDirectory) {
            copyLeaf(null, absolute, fakePath, top);
        } else {
            DirectoryStream<Path> opened = Files.newDirectoryStream(absolute);
            if (!(opened instanceof SecureDirectoryStream)) {
                opened.close();
                throw new IOException("importing " + absolute + " needs directory file descriptors "
                        + "(SecureDirectoryStream), which this platform's file system lacks");
            }
            SecureDirectoryStream<Path> root = (SecureDirectoryStream<Path>) opened;
            Object key = root.getFileAttributeView(BasicFileAttributeView.class).readAttributes()
                    .fileKey();
            if (top.key != null && !top.key.equals(key)) {
                root.close();
                throw new IOException(absolute + " changed while it was being imported");
            }
            walk(root, absolute, fakePath, top, parent == null ? null : meta(parent).dev);
        }
        summarize(absolute);
    }

    private void createParents(Path real, String fakePath) throws IOException {
        boolean samePlace = fakePath.equals(real.toString());
        StringBuilder prefix = new StringBuilder();
        String[] parts = fakePath.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            prefix.append('/').append(parts[i]);
            String p = prefix.toString();
            if (host.exists(p)) {
                continue;
            }
            Path r = Path.of(p);
            if (samePlace && Files.isDirectory(r, LinkOption.NOFOLLOW_LINKS)) {
                host.mkdir(p, 0755);
                apply(p, meta(r));
            } else {
                host.mkdirs(p);
            }
        }
    }

    /**
     * The walk, iterative (no depth makes it overflow the stack): every directory is opened
     * relative to its parent's file descriptor with O_NOFOLLOW, and every entry is checked to be
     * the object the directory holds (its file key) before it is read. A directory stays open
     * until its subdirectories are opened, then is closed.
     */
    private void walk(SecureDirectoryStream<Path> rootStream, Path realRoot, String fakeRoot,
            Meta top, Object rootParentDev) throws IOException {
        Deque<Frame> stack = new ArrayDeque<>();
        List<Frame> finished = new ArrayList<>();
        stack.push(new Frame(null, null, realRoot, fakeRoot, top, rootParentDev));
        try {
            while (!stack.isEmpty()) {
                Frame f = stack.pop();
                SecureDirectoryStream<Path> dir;
                try {
                    dir = f.parent == null ? rootStream : openDirectory(f);
                } finally {
                    if (f.parent != null) {
                        f.parent.release();
                    }
                }
                if (dir == null) {
                    continue;
                }
                Open open = new Open(dir);
                try {
                    expand(f, open, stack, finished);
                } finally {
                    open.release();
                }
            }
        } finally {
            while (!stack.isEmpty()) {
                Frame f = stack.pop();
                if (f.parent != null) {
                    f.parent.release();
                }
            }
        }
        for (int i = finished.size() - 1; i >= 0; i--) {
            Frame f = finished.get(i);
            apply(f.fake, f.meta);
            recordDiskSize(f.fake, f.meta.size);
            if (f.readOnly) {
                readOnly(f.fake);
            }
        }
    }

    /** Opens a subdirectory from its parent's fd; null (and the entry noted) when it cannot. */
    private SecureDirectoryStream<Path> openDirectory(Frame f) throws IOException {
        SecureDirectoryStream<Path> dir;
        try {
            // O_NOFOLLOW relative to the parent's fd: a directory swapped for a symlink (to /,
            // say) during the walk fails here instead of leading the import onto the host
            dir = f.parent.stream.newDirectoryStream(f.name, LinkOption.NOFOLLOW_LINKS);
        } catch (AccessDeniedException e) {
            unreadable(f.real);
            host.mkdir(f.fake, f.meta.mode & 07777);
            deny(f.fake, -1);
            apply(f.fake, f.meta);
            recordDiskSize(f.fake, f.meta.size);
            return null;
        } catch (IOException e) {
            refused(f.real, e);
            return null;
        }
        Object key = dir.getFileAttributeView(BasicFileAttributeView.class).readAttributes()
                .fileKey();
        if (f.meta.key != null && !f.meta.key.equals(key)) {
            // swapped between the stat and the open: not the directory that was seen
            dir.close();
            refused(f.real, null);
            return null;
        }
        return dir;
    }

    private void expand(Frame f, Open open, Deque<Frame> stack, List<Frame> finished)
            throws IOException {
        if (!host.exists(f.fake)) {
            host.mkdir(f.fake, f.meta.mode & 07777);
        }
        finished.add(f);
        boolean mountPoint = f.parentDev != null && !f.parentDev.equals(f.meta.dev);
        if (mountPoint) {
            FileStore store = Files.getFileStore(f.real);
            host.mountTmpfs(f.fake, 0, f.meta.mode & 07777);
            f.readOnly = store.isReadOnly();
            if (PSEUDO.contains(store.type())) {
                return;
            }
        }
        List<Path> names = new ArrayList<>();
        for (Path p : open.stream) {
            names.add(p.getFileName());
        }
        Collections.sort(names);
        List<Frame> subdirectories = new ArrayList<>();
        String prefix = f.fake.equals("/") ? "/" : f.fake + "/";
        for (Path name : names) {
            Path real = f.real.resolve(name);
            String fake = prefix + name;
            Meta m = entryMeta(open.stream, name, real, f.meta);
            if (m == null) {
                continue;
            }
            if (m.isDirectory) {
                open.retain();
                subdirectories.add(new Frame(open, name, real, fake, m, f.meta.dev));
            } else {
                copyLeaf(open.stream, real, fake, m);
            }
        }
        for (int i = subdirectories.size() - 1; i >= 0; i--) {
            stack.push(subdirectories.get(i));
        }
    }

    /**
     * An entry's metadata, read by path (for the numbers only the {@code unix} view gives) and
     * checked to be the entry the open directory holds; null (and noted) when it is not.
     */
    private Meta entryMeta(SecureDirectoryStream<Path> dir, Path name, Path real, Meta parent)
            throws IOException {
        BasicFileAttributes here;
        try {
            here = dir.getFileAttributeView(name, BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes();
        } catch (IOException e) {
            refused(real, e);
            return null;
        }
        if (real.toString().length() >= PATH_MAX) {
            return deepMeta(dir, name, here, parent);
        }
        Meta m;
        try {
            m = meta(real);
        } catch (IOException e) {
            refused(real, e);
            return null;
        }
        if (m.key != null && !m.key.equals(here.fileKey())) {
            // a directory on the path was swapped: the path names another object than the
            // entry in the directory that is open, so nothing is taken from it
            refused(real, null);
            return null;
        }
        return m;
    }

    /** Beyond PATH_MAX only the open directory can be asked: owner and dev are the parent's. */
    private static Meta deepMeta(SecureDirectoryStream<Path> dir, Path name, BasicFileAttributes b,
            Meta parent) throws IOException {
        int type = b.isDirectory() ? Inode.S_IFDIR : b.isSymbolicLink() ? Inode.S_IFLNK
                : b.isRegularFile() ? Inode.S_IFREG : Inode.S_IFIFO;
        int perms = 0777;
        if (!b.isSymbolicLink()) {
            PosixFileAttributeView v = dir.getFileAttributeView(name, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            perms = dev.fsview.fake.nio.PosixModes.of(v.readAttributes().permissions());
        }
        return new Meta(type | perms, parent.uid, parent.gid, 0L, 1, parent.dev,
                b.lastModifiedTime(), b.fileKey(), b.size());
    }

    /** A non-directory: a symlink as a symlink, a file's bytes read from the directory's fd. */
    private void copyLeaf(SecureDirectoryStream<Path> dir, Path real, String fake, Meta m)
            throws IOException {
        if (m.isSymlink) {
            String target;
            try {
                target = Files.readSymbolicLink(real).toString();
            } catch (IOException e) {
                refused(real, e);
                return;
            }
            host.symlink(fake, target);
            host.chown(fake, m.uid, m.gid);
            host.mtime(fake, m.mtime.toInstant());
        } else if (m.isRegular) {
            copyFile(dir, real, fake, m);
        } else {
            host.node(fake, m.mode, m.rdev);
            apply(fake, m);
        }
    }

    private void copyFile(SecureDirectoryStream<Path> dir, Path real, String fake, Meta m)
            throws IOException {
        if (m.nlink > 1 && m.key != null) {
            String first = linked.get(m.key);
            if (first != null) {
                host.hardLink(fake, first);
                return;
            }
        }
        byte[] content;
        try {
            content = read(dir, real, m);
        } catch (AccessDeniedException e) {
            unreadable(real);
            host.file(fake, new byte[0]);
            deny(fake, m.size);
            apply(fake, m);
            remember(fake, m);
            return;
        }
        if (content == null) {
            return;
        }
        host.file(fake, content);
        apply(fake, m);
        remember(fake, m);
    }

    private void remember(String fake, Meta m) {
        if (m.nlink > 1 && m.key != null) {
            linked.put(m.key, fake);
        }
    }

    /**
     * Reads a regular file opened with O_NOFOLLOW relative to its directory's fd, after checking
     * that the name still holds the regular file that was seen; null (and noted) when it does not.
     */
    private byte[] read(SecureDirectoryStream<Path> dir, Path real, Meta m) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        if (dir == null) {
            try (SeekableByteChannel ch = Files.newByteChannel(real, options)) {
                return Channels.newInputStream(ch).readAllBytes();
            }
        }
        Path name = real.getFileName();
        BasicFileAttributes now = dir.getFileAttributeView(name, BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).readAttributes();
        if (!now.isRegularFile() || (m.key != null && !m.key.equals(now.fileKey()))) {
            // swapped since the stat (for a link, a device or a FIFO): never opened
            refused(real, null);
            return null;
        }
        try (SeekableByteChannel ch = dir.newByteChannel(name, options)) {
            return Channels.newInputStream(ch).readAllBytes();
        } catch (AccessDeniedException e) {
            throw e;
        } catch (IOException e) {
            refused(real, e);
            return null;
        }
    }

    private void deny(String fake, long size) throws IOException {
        try {
            host.process().locked(() -> {
                Inode i = host.process().resolveLocked(fake, false).inode();
                if (i instanceof RegularFile) {
                    ((RegularFile) i).denyContent(size);
                } else {
                    i.denyContent();
                }
                return null;
            });
        } catch (ErrnoException e) {
            throw NioExceptions.of(e.errno(), fake, null);
        }
    }

    private void unreadable(Path real) {
        if (unreadable++ == 0) {
            firstUnreadable = real;
        }
    }

    private void refused(Path real, IOException why) {
        if (refused++ == 0) {
            firstRefused = real + (why == null ? " (changed during the import)" : " (" + why + ")");
        }
    }

    /** One warning for the whole import, never one per file. */
    private void summarize(Path real) {
        if (unreadable > 0) {
            LOG.warn("importing {}: {} entries could not be read by this process (first: {}); they "
                    + "keep their real metadata and reading them through the view fails with "
                    + "EACCES", real, unreadable, firstUnreadable);
        }
        if (refused > 0) {
            LOG.warn("importing {}: {} entries changed or vanished during the import and were left "
                    + "out, never followed (first: {})", real, refused, firstRefused);
        }
    }

    /** A directory to import: its parent's open stream and its name there. */
    private static final class Frame {
        final Open parent;
        final Path name;
        final Path real;
        final String fake;
        final Meta meta;
        final Object parentDev;
        boolean readOnly;

        Frame(Open parent, Path name, Path real, String fake, Meta meta, Object parentDev) {
            this.parent = parent;
            this.name = name;
            this.real = real;
            this.fake = fake;
            this.meta = meta;
            this.parentDev = parentDev;
        }
    }

    /** An open directory, closed when it and every pending subdirectory are done with it. */
    private static final class Open {
        final SecureDirectoryStream<Path> stream;
        private int users = 1;

        Open(SecureDirectoryStream<Path> stream) {
            this.stream = stream;
        }

        void retain() {
            users++;
        }

        void release() throws IOException {
            if (--users == 0) {
                stream.close();
            }
        }
    }

    /** Owner first (chown clears setuid), then mode, then times. */
    private void apply(String fake, Meta m) throws IOException {
        host.chown(fake, m.uid, m.gid);
        host.chmod(fake, m.mode & 07777);
        host.mtime(fake, m.mtime.toInstant());
    }

    /** Keeps the disk's directory size: a dry run must list what the disk lists. */
    private void recordDiskSize(String fake, long size) throws IOException {
        try {
            host.process().locked(() -> {
                Location at = host.process().resolveLocked(fake, false);
                ((dev.fsview.fake.host.Directory) at.inode()).recordDiskSize(size);
                return null;
            });
        } catch (ErrnoException e) {
            throw NioExceptions.of(e.errno(), fake, null);
        }
    }

    private void readOnly(String fake) throws IOException {
        try {
            host.process().locked(() -> {
                Location at = host.process().resolveLocked(fake, true);
                at.mount().setReadOnly(true);
                return null;
            });
        } catch (ErrnoException e) {
            throw NioExceptions.of(e.errno(), fake, null);
        }
    }

    private static Meta meta(Path p) throws IOException {
        if (UNIX) {
            Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
            Meta m = new Meta((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                    (Long) a.get("rdev"), (Integer) a.get("nlink"), a.get("dev"),
                    (FileTime) a.get("lastModifiedTime"), a.get("fileKey"), (Long) a.get("size"));
            return m;
        }
        BasicFileAttributes b = Files.readAttributes(p, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        int type = b.isDirectory() ? Inode.S_IFDIR : b.isSymbolicLink() ? Inode.S_IFLNK
                : b.isRegularFile() ? Inode.S_IFREG : Inode.S_IFIFO;
        int perms = 0755;
        if (b instanceof PosixFileAttributes) {
            perms = dev.fsview.fake.nio.PosixModes.of(((PosixFileAttributes) b).permissions());
        } else {
            try {
                perms = dev.fsview.fake.nio.PosixModes.of(Files.getPosixFilePermissions(p,
                        LinkOption.NOFOLLOW_LINKS));
            } catch (UnsupportedOperationException ignored) {
                // keep 0755 where the file system has no POSIX permissions
            }
        }
        return new Meta(type | perms, 0, 0, 0L, 1, "dev", b.lastModifiedTime(), b.fileKey(),
                b.size());
    }

    /** What is copied of a real file's metadata. */
    private static final class Meta {
        final int mode;
        final int uid;
        final int gid;
        final long rdev;
        final int nlink;
        final Object dev;
        final FileTime mtime;
        final Object key;
        final long size;
        final boolean isDirectory;
        final boolean isSymlink;
        final boolean isRegular;

        Meta(int mode, int uid, int gid, long rdev, int nlink, Object dev, FileTime mtime, Object key,
                long size) {
            this.mode = mode;
            this.uid = uid;
            this.gid = gid;
            this.rdev = rdev;
            this.nlink = nlink;
            this.dev = dev;
            this.mtime = FileTime.from(mtime.to(TimeUnit.NANOSECONDS), TimeUnit.NANOSECONDS);
            this.key = key;
            this.size = size;
            int type = mode & Inode.S_IFMT;
            this.isDirectory = type == Inode.S_IFDIR;
            this.isSymlink = type == Inode.S_IFLNK;
            this.isRegular = type == Inode.S_IFREG;
        }
    }
}
