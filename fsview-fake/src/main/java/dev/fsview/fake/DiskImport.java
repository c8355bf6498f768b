package dev.fsview.fake;

import dev.fsview.fake.host.Dentry;
import dev.fsview.fake.host.Directory;
import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.host.Inode;
import dev.fsview.fake.host.RegularFile;
import dev.fsview.fake.host.SpecialFile;
import dev.fsview.fake.host.Superblock;
import dev.fsview.fake.host.Symlink;
import dev.fsview.fake.mount.Location;
import dev.fsview.spi.errno.Errno;
import dev.fsview.spi.errno.NioExceptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Imports a real tree from the JVM's default file system into a {@link FakeHost} lazily,
 * copy-on-write: importing creates only the top; a directory's entries are read from the disk
 * the first time the view walks into it, a file's bytes the first time it is opened (as they are
 * then), and writes stay in memory. The fake never writes to the disk.
 *
 * <p>Every read of the disk goes through the same safe opens, and never follows a symlink on the
 * host, whatever the tree's links say or whatever a racing process swaps in: a directory is
 * opened from the import's top, one component at a time, each relative to its parent's file
 * descriptor with O_NOFOLLOW ({@link SecureDirectoryStream}), and checked by its file key to be
 * the directory that was listed; a file is opened with O_NOFOLLOW from its directory's
 * descriptor, only if the name still holds the regular file that was listed. An entry swapped
 * since it was listed is refused (reading it fails with EIO), never followed. Walks are
 * iterative: no depth overflows the stack.
 *
 * <p>What this process may not read (when not running as root) keeps its real metadata, and
 * reading it through the view fails with EACCES. One warning per import says so (and one says
 * what was refused), not one per file. Real mount points below the top (from
 * {@code /proc/self/mountinfo}) become mounts of fresh file systems of the fake host, read-only
 * where the real ones are; the contents of kernel pseudo file systems (proc, sysfs, ...) are not
 * read.
 *
 * <p>The import keeps a few directory descriptors open (the last ones it walked through, at most
 * {@value #OPEN_DIRECTORIES}) so that walking down a tree opens one directory per step.
 */
final class DiskImport {
    private static final Logger LOG = LoggerFactory.getLogger(DiskImport.class);
    /** Kernel file systems whose contents are not files worth copying. */
    private static final Set<String> PSEUDO = Set.of(
            "proc",
            "sysfs",
            "devpts",
            "cgroup",
            "cgroup2",
            "debugfs",
            "tracefs",
            "securityfs",
            "pstore",
            "bpf",
            "configfs",
            "fusectl",
            "mqueue",
            "hugetlbfs",
            "autofs",
            "binfmt_misc",
            "nsfs",
            "efivarfs",
            "selinuxfs",
            "rpc_pipefs");
    /** Longer paths are not handed to the kernel by name (it would give ENAMETOOLONG). */
    private static final int PATH_MAX = 4000;
    /** Directory descriptors kept open between loads. */
    static final int OPEN_DIRECTORIES = 8;

    private static final boolean UNIX =
            java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    private static final String UNIX_ATTRIBUTES =
            "unix:mode,uid,gid,rdev,nlink,size," + "lastAccessTime,lastModifiedTime,ctime,fileKey";
    private static final Set<OpenOption> READ_NOFOLLOW =
            Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    private final FakeHost host;
    /** Hard-linked files already imported, by file key. Guarded by this. */
    private final Map<Object, RegularFile> linked = new HashMap<>();
    /** The last directories opened; closed when the host is garbage, if not before. */
    private final OpenDirectories open = new OpenDirectories();

    private Path top;
    /** Counted without this object's lock: metadata loads (see MetadataFromDisk) do not take it. */
    private final java.util.concurrent.atomic.AtomicInteger unreadable =
            new java.util.concurrent.atomic.AtomicInteger();

    private final java.util.concurrent.atomic.AtomicInteger refused =
            new java.util.concurrent.atomic.AtomicInteger();

    DiskImport(FakeHost host) {
        this.host = host;
        // the action holds the descriptors, not the host: it runs once the host is unreachable
        CLEANER.register(host, open::closeAll);
    }

    /**
     * Imports a tree: creates its top (and missing parents) now, the rest when it is walked into.
     *
     * @param real a path of the default file system
     * @param fakePath where it goes on the host
     * @throws IOException if the top cannot be read or the fake path cannot be created
     */
    void importTree(Path real, String fakePath) throws IOException {
        Path absolute = real.toAbsolutePath();
        this.top = absolute;
        createParents(absolute, fakePath);
        Meta meta = meta(absolute);
        Path parent = absolute.getParent();
        String name =
                absolute.getFileName() == null ? null : absolute.getFileName().toString();
        String fakeParent = fakePath.equals("/")
                ? null
                : fakePath.substring(0, Math.max(1, fakePath.lastIndexOf('/')));
        String fakeName = fakePath.substring(fakePath.lastIndexOf('/') + 1);
        Ref ref;
        if (meta.isDirectory) {
            requireSecureStreams(absolute);
            ref = new Ref(null, null, absolute, meta.key);
        } else {
            if (parent == null || name == null) {
                throw new IOException(absolute + " is not a directory");
            }
            // a single file (a bind source): its directory, by path, is where its opens start
            ref = new Ref(null, null, parent, meta(parent).key);
        }
        Ref from = ref;
        locked(fakePath, () -> {
            if (fakeParent == null) {
                adopt((Directory) host.process().resolveLocked("/", true).inode(), from, meta);
                return null;
            }
            Location at = host.process().resolveLocked(fakeParent, true);
            Directory dir = (Directory) at.inode();
            Dentry existing = dir.get(fakeName);
            if (existing != null && existing.inode() instanceof Directory && meta.isDirectory) {
                adopt((Directory) existing.inode(), from, meta); // merged into what is there
            } else if (existing == null) {
                long now = host.kernel().now();
                Dentry d = create(
                        at.dentry(), fakeName, meta.isDirectory ? null : name, meta, from, now);
                if (d == null) {
                    throw ErrnoException.of(Errno.EIO);
                }
            } else {
                throw ErrnoException.of(Errno.EEXIST);
            }
            return null;
        });
        if (meta.isDirectory) {
            mountPoints(absolute, fakePath, ref);
        }
    }

    private static void requireSecureStreams(Path dir) throws IOException {
        try (DirectoryStream<Path> opened = Files.newDirectoryStream(dir)) {
            if (!(opened instanceof SecureDirectoryStream)) {
                throw new IOException("importing " + dir + " needs directory file descriptors "
                        + "(SecureDirectoryStream), which this platform's file system lacks");
            }
        }
    }

    /** A directory already on the host takes the disk's entries (those it lacks) lazily. */
    private void adopt(Directory dir, Ref ref, Meta meta) throws ErrnoException {
        dir.load();
        dir.setOwner(meta.uid, meta.gid);
        dir.chmod(meta.mode & 07777, host.kernel().now());
        dir.recordDiskSize(meta.size);
        dir.restoreTimes(meta.atime, meta.mtime, meta.ctime);
        dir.loadLazily(new DirLoader(ref, false));
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
                Meta m = meta(r);
                host.mkdir(p, 0755);
                host.chown(p, m.uid, m.gid);
                host.chmod(p, m.mode & 07777);
                host.mtime(p, java.time.Instant.ofEpochSecond(0, m.mtime));
            } else {
                host.mkdirs(p);
            }
        }
    }

    /**
     * Creates one entry in a directory from the disk's metadata, without reading any content:
     * a directory or a file is lazy, a symlink is read now (its body is its content).
     *
     * @param parent the fake directory's dentry
     * @param name the entry's name
     * @param realName the entry's name in {@code dir} on the disk
     * @param m its metadata
     * @param dir the disk directory holding it (for a directory entry: its own ref's parent)
     * @return the new dentry, or {@code null} if it was refused
     */
    private Dentry create(
            Dentry parent, String name, String realName, Meta listed, Ref dir, long now) {
        Meta m = listed;
        Superblock sb = parent.inode().superblock();
        Inode inode;
        boolean newInode = true;
        if (m.isDirectory) {
            Directory d = new Directory(sb, m.mode & 07777, m.uid, m.gid, now);
            d.recordDiskSize(m.size);
            if (m.nlink > 2) {
                d.addLinks(m.nlink - 2); // the disk's count; loading its subdirectories adds none
            }
            Ref own = realName == null
                    ? dir
                    : new Ref(dir, realName, dir.real.resolve(realName), m.key);
            d.loadLazily(new DirLoader(own, m.nlink > 2));
            inode = d;
        } else if (m.isSymlink) {
            LinkBody link = readLink(dir, realName, m);
            if (link == null) {
                return null;
            }
            m = link.meta;
            inode = new Symlink(sb, link.target, m.uid, m.gid, now);
        } else if (m.isRegular && m.lazy) {
            return createLazyFile(parent, name, realName, m, dir, now);
        } else if (m.isRegular) {
            RegularFile first = m.nlink > 1 && m.key != null ? linked.get(m.key) : null;
            if (first != null && first.superblock() == sb) {
                inode = first;
                newInode = false;
            } else {
                RegularFile f = new RegularFile(sb, m.mode & 07777, m.uid, m.gid, now);
                f.loadLazily(new FileLoader(dir, realName, m.key), m.size);
                if (m.nlink > 1 && m.key != null) {
                    linked.put(m.key, f);
                }
                inode = f;
            }
        } else {
            inode = new SpecialFile(sb, m.mode, m.rdev, m.uid, m.gid, now);
        }
        Dentry d = Dentry.link(parent, name, inode, now);
        if (!m.isDirectory) {
            // the disk's link count: names not walked into yet count, later ones add nothing
            inode.addLinks(newInode ? Math.max(0, m.nlink - 1) : -1);
        }
        if (newInode) {
            inode.restoreTimes(m.atime, m.mtime, m.ctime);
        }
        return d;
    }

    /**
     * A regular file listed with its basic attributes only: its permission bits, owner, group,
     * link count and change time stay on the disk until something needs them. A key seen before
     * is another name of the same file only if the disk says the file has more than one name (an
     * inode number freed and reused since is another file).
     */
    private Dentry createLazyFile(
            Dentry parent, String name, String realName, Meta m, Ref dir, long now) {
        Superblock sb = parent.inode().superblock();
        Path real = dir.real.resolve(realName);
        RegularFile first = m.key != null ? linked.get(m.key) : null;
        if (first != null && first.superblock() == sb) {
            Meta full;
            try {
                full = meta(real);
            } catch (IOException e) {
                refused(real, e);
                return null;
            }
            if (m.key.equals(full.key) && full.nlink > 1) {
                long ctime = first.ctime();
                Dentry d = Dentry.link(parent, name, first, now);
                first.addLinks(-1); // the disk's count already has this name
                first.restoreTimes(first.atime(), first.mtime(), ctime); // nothing changed
                return d;
            }
        }
        RegularFile f = new RegularFile(sb, 0, 0, 0, now);
        f.loadLazily(new FileLoader(dir, realName, m.key), m.size);
        if (m.key != null) {
            linked.put(m.key, f);
        }
        Dentry d = Dentry.link(parent, name, f, now);
        f.restoreTimes(m.atime, m.mtime, m.ctime);
        Directory owner = (Directory) parent.inode();
        f.loadMetadataLazily(new MetadataFromDisk(real, m.key, owner.uid(), owner.gid()));
        return d;
    }

    /**
     * Reads a lazily imported file's metadata by path, taken only if the path still names the
     * object that was listed from its directory's descriptor (same file key): a directory on the
     * path swapped for a link since then would otherwise hand the view a host file's owner,
     * mode and times. A file gone or changed keeps placeholder metadata (no permissions, the
     * directory's owner) and reading it fails with EIO, as for any entry refused. Takes no lock:
     * see {@link Inode.MetadataLoader}.
     */
    private final class MetadataFromDisk implements Inode.MetadataLoader {
        private final Path real;
        private final Object key;
        private final int uid;
        private final int gid;

        MetadataFromDisk(Path real, Object key, int uid, int gid) {
            this.real = real;
            this.key = key;
            this.uid = uid;
            this.gid = gid;
        }

        @Override
        public void load(Inode inode) {
            try {
                Meta m = meta(real);
                if (key == null || key.equals(m.key)) {
                    inode.restoreMetadata(m.mode & 07777, m.uid, m.gid, m.nlink, m.ctime);
                    return;
                }
                refused(real, null);
            } catch (AccessDeniedException e) {
                unreadable(real);
            } catch (IOException e) {
                refused(real, e);
            }
            inode.restoreMetadata(0, uid, gid, 1, inode.mtime());
            inode.failContent(Errno.EIO);
        }
    }

    /**
     * A symlink's body, read by name, and taken only if the name still holds the link listed
     * after the read; with its full metadata, read by name after the body, when only the basic
     * attributes were listed (that one stat is then the check).
     */
    private LinkBody readLink(Ref dir, String name, Meta m) {
        Path real = dir.real.resolve(name);
        try {
            String target = Files.readSymbolicLink(real).toString();
            Meta full = m.lazy ? meta(real) : null;
            Object key = full != null
                    ? full.key
                    : Files.readAttributes(
                                    real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                            .fileKey();
            if (m.key != null && !m.key.equals(key)) {
                refused(real, null); // the path now names another object: its body is not ours
                return null;
            }
            return new LinkBody(target, full != null ? full : m);
        } catch (IOException e) {
            refused(real, e);
            return null;
        }
    }

    /** A symlink's body and the metadata read with it. */
    private record LinkBody(String target, Meta meta) {}

    /** Reads a directory's entries when it is first walked into. */
    private final class DirLoader implements Directory.Loader {
        private final Ref ref;
        private final boolean countedLinks;

        DirLoader(Ref ref, boolean countedLinks) {
            this.ref = ref;
            this.countedLinks = countedLinks;
        }

        @Override
        public void load(Directory dir) throws ErrnoException {
            synchronized (DiskImport.this) {
                try {
                    fill(dir);
                } catch (AccessDeniedException e) {
                    unreadable(ref.real);
                    throw ErrnoException.of(Errno.EACCES);
                } catch (IOException e) {
                    refused(ref.real, e);
                    throw ErrnoException.of(Errno.EIO);
                }
            }
        }

        private void fill(Directory dir) throws IOException {
            SecureDirectoryStream<Path> stream = openFresh(ref);
            List<String> names = new ArrayList<>();
            for (Path p : stream) {
                names.add(p.getFileName().toString());
            }
            Collections.sort(names);
            long a = dir.atime();
            long m = dir.mtime();
            long c = dir.ctime();
            long now = host.kernel().now();
            int subdirectories = 0;
            for (String name : names) {
                if (dir.get(name) != null) {
                    continue; // already on the host (a merge): the host's entry wins
                }
                Meta meta = entryMeta(stream, name, ref.real.resolve(name), dir);
                if (meta == null) {
                    continue;
                }
                if (create(dir.dentry(), name, name, meta, ref, now) != null && meta.isDirectory) {
                    subdirectories++;
                }
            }
            if (countedLinks) {
                dir.addLinks(-subdirectories);
            }
            dir.restoreTimes(a, m, c);
        }
    }

    /** Reads a file's bytes when it is first opened. */
    private final class FileLoader implements RegularFile.Loader {
        private final Ref dir;
        private final String name;
        private final Object key;

        FileLoader(Ref dir, String name, Object key) {
            this.dir = dir;
            this.name = name;
            this.key = key;
        }

        @Override
        public byte[] read(RegularFile file) throws ErrnoException {
            Path real = dir.real.resolve(name);
            synchronized (DiskImport.this) {
                try {
                    byte[] bytes = readFile(open(dir), real);
                    if (bytes == null) {
                        throw ErrnoException.of(Errno.EIO);
                    }
                    return bytes;
                } catch (AccessDeniedException e) {
                    unreadable(real);
                    throw ErrnoException.of(Errno.EACCES);
                } catch (IOException e) {
                    refused(real, e);
                    throw ErrnoException.of(Errno.EIO);
                }
            }
        }

        /**
         * Opens the file with O_NOFOLLOW from its directory's fd, only if the name still holds
         * the regular file that was listed, and checks after reading that it still does; null
         * (and noted) when it does not.
         */
        private byte[] readFile(SecureDirectoryStream<Path> stream, Path real) throws IOException {
            Path n = Path.of(name);
            // swapped since it was listed (for a link, a device, a FIFO or another file):
            // never opened
            if (!sameRegularFile(stream, n)) {
                refused(real, null);
                return null;
            }
            byte[] bytes;
            try (SeekableByteChannel ch = stream.newByteChannel(n, READ_NOFOLLOW)) {
                bytes = Channels.newInputStream(ch).readAllBytes();
            }
            // swapped between the check and the open: what was read is not the file listed
            if (!sameRegularFile(stream, n)) {
                refused(real, null);
                return null;
            }
            return bytes;
        }

        private boolean sameRegularFile(SecureDirectoryStream<Path> stream, Path n)
                throws IOException {
            BasicFileAttributes now = stream.getFileAttributeView(
                            n, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
            return now.isRegularFile() && (key == null || key.equals(now.fileKey()));
        }
    }

    // ---- opening directories ---------------------------------------------------------------

    /** A directory of the disk: its parent and name there (or a path, for a top), its file key. */
    private static final class Ref {
        final Ref parent;
        final String name;
        final Path real;
        final Object key;

        Ref(Ref parent, String name, Path real, Object key) {
            this.parent = parent;
            this.name = name;
            this.real = real;
            this.key = key;
        }
    }

    /** An open directory, and whether its one iterator was taken. */
    private static final class Opened {
        final SecureDirectoryStream<Path> stream;
        boolean listed;

        Opened(SecureDirectoryStream<Path> stream) {
            this.stream = stream;
        }
    }

    /** An open directory whose entries can still be listed. */
    private SecureDirectoryStream<Path> openFresh(Ref ref) throws IOException {
        Opened cached = open.remove(ref);
        if (cached != null && !cached.listed) {
            cached.listed = true;
            open.put(ref, cached);
            return cached.stream;
        }
        if (cached != null) {
            cached.stream.close();
        }
        SecureDirectoryStream<Path> s = open(ref);
        open.get(ref).listed = true;
        return s;
    }

    /**
     * Opens a directory from the nearest one already open (else from the top, by its path),
     * one component at a time with O_NOFOLLOW relative to the parent's fd, checking each file
     * key against the one listed. Iterative: no depth overflows the stack.
     */
    private SecureDirectoryStream<Path> open(Ref ref) throws IOException {
        Deque<Ref> down = new ArrayDeque<>();
        Ref r = ref;
        Opened from = null;
        while (r != null && (from = open.get(r)) == null) {
            down.push(r);
            r = r.parent;
        }
        SecureDirectoryStream<Path> at = from == null ? null : from.stream;
        while (!down.isEmpty()) {
            Ref next = down.pop();
            SecureDirectoryStream<Path> s;
            if (next.parent == null) {
                DirectoryStream<Path> byPath = Files.newDirectoryStream(next.real);
                if (!(byPath instanceof SecureDirectoryStream)) {
                    byPath.close();
                    throw new IOException("no directory file descriptors on this platform");
                }
                s = (SecureDirectoryStream<Path>) byPath;
            } else {
                // O_NOFOLLOW relative to the parent's fd: a directory swapped for a symlink (to
                // /, say) fails here instead of leading the import onto the host
                s = at.newDirectoryStream(Path.of(next.name), LinkOption.NOFOLLOW_LINKS);
            }
            Object key = s.getFileAttributeView(BasicFileAttributeView.class)
                    .readAttributes()
                    .fileKey();
            if (next.key != null && !next.key.equals(key)) {
                // swapped since it was listed: not the directory that was seen
                s.close();
                throw new IOException(next.real + " changed since it was listed");
            }
            keep(next, s);
            at = s;
        }
        return at;
    }

    private void keep(Ref ref, SecureDirectoryStream<Path> s) throws IOException {
        open.put(ref, new Opened(s));
    }

    /** The last directories opened, most recent last, at most {@value #OPEN_DIRECTORIES}. */
    private static final class OpenDirectories {
        private final LinkedHashMap<Ref, Opened> map = new LinkedHashMap<>(16, 0.75f, true);

        synchronized Opened get(Ref ref) {
            return map.get(ref);
        }

        synchronized Opened remove(Ref ref) {
            return map.remove(ref);
        }

        synchronized void put(Ref ref, Opened o) throws IOException {
            map.put(ref, o);
            if (map.size() > OPEN_DIRECTORIES) {
                Iterator<Map.Entry<Ref, Opened>> eldest = map.entrySet().iterator();
                Opened gone = eldest.next().getValue();
                eldest.remove();
                gone.stream.close();
            }
        }

        synchronized void closeAll() {
            for (Opened o : map.values()) {
                try {
                    o.stream.close();
                } catch (IOException ignored) {
                    // closing a directory descriptor: nothing to do about a failure
                }
            }
            map.clear();
        }
    }

    // ---- metadata --------------------------------------------------------------------------

    /**
     * An entry's metadata, read by path (for the numbers only the {@code unix} view gives) and
     * checked to be the entry the open directory holds; null (and noted) when it is not.
     */
    private Meta entryMeta(
            SecureDirectoryStream<Path> dir, String name, Path real, Directory parent) {
        Path n = Path.of(name);
        try {
            BasicFileAttributes here = dir.getFileAttributeView(
                            n, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
            if (real.toString().length() >= PATH_MAX) {
                return deepMeta(dir, n, here, parent);
            }
            if (UNIX && (here.isRegularFile() || here.isSymbolicLink())) {
                // a file's rest when first needed (MetadataFromDisk), a link's with its body
                return Meta.basic(here);
            }
            Meta m = meta(real);
            if (m.key != null && !m.key.equals(here.fileKey())) {
                // a directory on the path was swapped: the path names another object than the
                // entry in the directory that is open, so nothing is taken from it
                refused(real, null);
                return null;
            }
            return m;
        } catch (IOException e) {
            refused(real, e);
            return null;
        }
    }

    /** Beyond PATH_MAX only the open directory can be asked: owner and group are the parent's. */
    private static Meta deepMeta(
            SecureDirectoryStream<Path> dir, Path name, BasicFileAttributes b, Directory parent)
            throws IOException {
        int type = b.isDirectory()
                ? Inode.S_IFDIR
                : b.isSymbolicLink()
                        ? Inode.S_IFLNK
                        : b.isRegularFile() ? Inode.S_IFREG : Inode.S_IFIFO;
        int perms = 0777;
        if (!b.isSymbolicLink()) {
            PosixFileAttributeView v = dir.getFileAttributeView(
                    name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            perms = dev.fsview.fake.nio.PosixModes.of(v.readAttributes().permissions());
        }
        return new Meta(
                type | perms,
                parent.uid(),
                parent.gid(),
                0L,
                1,
                b.lastAccessTime(),
                b.lastModifiedTime(),
                b.lastModifiedTime(),
                b.fileKey(),
                b.size(),
                false);
    }

    private static Meta meta(Path p) throws IOException {
        if (UNIX) {
            // not "unix:*": owner and group names would cost a passwd and a group lookup each
            Map<String, Object> a =
                    Files.readAttributes(p, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            return new Meta(
                    (Integer) a.get("mode"),
                    (Integer) a.get("uid"),
                    (Integer) a.get("gid"),
                    (Long) a.get("rdev"),
                    (Integer) a.get("nlink"),
                    (FileTime) a.get("lastAccessTime"),
                    (FileTime) a.get("lastModifiedTime"),
                    (FileTime) a.get("ctime"),
                    a.get("fileKey"),
                    (Long) a.get("size"),
                    false);
        }
        BasicFileAttributes b =
                Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int type = b.isDirectory()
                ? Inode.S_IFDIR
                : b.isSymbolicLink()
                        ? Inode.S_IFLNK
                        : b.isRegularFile() ? Inode.S_IFREG : Inode.S_IFIFO;
        int perms = 0755;
        if (b instanceof PosixFileAttributes) {
            perms = dev.fsview.fake.nio.PosixModes.of(((PosixFileAttributes) b).permissions());
        } else {
            try {
                perms = dev.fsview.fake.nio.PosixModes.of(
                        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
            } catch (UnsupportedOperationException ignored) {
                // keep 0755 where the file system has no POSIX permissions
            }
        }
        return new Meta(
                type | perms,
                0,
                0,
                0L,
                1,
                b.lastAccessTime(),
                b.lastModifiedTime(),
                b.lastModifiedTime(),
                b.fileKey(),
                b.size(),
                false);
    }

    // ---- mount points ----------------------------------------------------------------------

    /**
     * The real mount points below the top become mounts of fresh file systems on the host, now
     * (a view clones the host's mounts when it opens), each read lazily from its own root.
     */
    private void mountPoints(Path realTop, String fakeTop, Ref topRef) throws IOException {
        Path info = Path.of("/proc/self/mountinfo");
        if (!Files.isReadable(info)) {
            return;
        }
        TreeMap<String, String[]> below = new TreeMap<>();
        String prefix = realTop.toString().equals("/") ? "/" : realTop + "/";
        for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (f.length < 7 || dash < 0 || dash + 1 >= f.length) {
                continue;
            }
            String point = unescape(f[4]);
            if (point.startsWith(prefix) && point.length() > prefix.length()) {
                below.put(point, new String[] {f[dash + 1], f[5]}); // a later mount on top wins
            }
        }
        for (Map.Entry<String, String[]> e : below.entrySet()) {
            String rel = e.getKey().substring(prefix.length());
            Path real = Path.of(e.getKey());
            Meta m;
            try {
                m = meta(real);
            } catch (IOException ex) {
                continue; // gone, or not ours to stat: nothing mounted in the fake
            }
            if (!m.isDirectory) {
                continue; // a file bind-mounted: its content is read as the file's
            }
            Ref ref = topRef;
            String[] names = rel.split("/");
            for (int i = 0; i < names.length; i++) {
                Path r = ref.real.resolve(names[i]);
                ref = new Ref(ref, names[i], r, i == names.length - 1 ? m.key : null);
            }
            String fake = (fakeTop.equals("/") ? "" : fakeTop) + "/" + rel;
            boolean readOnly = List.of(e.getValue()[1].split(",")).contains("ro");
            boolean pseudo = PSEUDO.contains(e.getValue()[0]);
            Ref mountRef = ref;
            locked(fake, () -> {
                Location at;
                try {
                    at = host.process().resolveLocked(fake, false);
                } catch (ErrnoException missing) {
                    return null; // not in the tree (refused, or under an unreadable directory)
                }
                if (!at.inode().isDirectory()) {
                    return null;
                }
                Superblock sb = host.mountLazy(at, m.mode & 07777, readOnly);
                Directory root = (Directory) sb.root().inode();
                root.setOwner(m.uid, m.gid);
                root.recordDiskSize(m.size);
                if (!pseudo) {
                    root.loadLazily(new DirLoader(mountRef, false));
                }
                root.restoreTimes(m.atime, m.mtime, m.ctime);
                return null;
            });
        }
    }

    /** Undoes mountinfo's octal escapes ({@code \040} for a space). */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    // ---- reporting -------------------------------------------------------------------------

    private void unreadable(Path real) {
        if (unreadable.getAndIncrement() == 0) {
            LOG.warn(
                    "importing {}: {} cannot be read by this process; it keeps its real metadata "
                            + "and reading it through the view fails with EACCES (as other such entries "
                            + "of this import will, without a warning each)",
                    top,
                    real);
        }
    }

    private void refused(Path real, IOException why) {
        if (refused.getAndIncrement() == 0) {
            LOG.warn(
                    "importing {}: {} changed or vanished since it was listed and is refused, "
                            + "never followed (reading it fails with EIO; other such entries of this "
                            + "import are not reported each){}",
                    top,
                    real,
                    why == null ? "" : ": " + why);
        }
    }

    private void locked(String fake, Locked op) throws IOException {
        try {
            host.process().locked(op::run);
        } catch (ErrnoException e) {
            throw NioExceptions.of(e.errno(), fake, null);
        }
    }

    @FunctionalInterface
    private interface Locked {
        Object run() throws ErrnoException;
    }

    /** What is copied of a real file's metadata. */
    private static final class Meta {
        final int mode;
        final int uid;
        final int gid;
        final long rdev;
        final int nlink;
        final long atime;
        final long mtime;
        final long ctime;
        final Object key;
        final long size;
        final boolean isDirectory;
        final boolean isSymlink;
        final boolean isRegular;
        /** Only the basic attributes are known: permissions, owner, links and ctime are not. */
        final boolean lazy;

        /** A regular file's or a link's basic attributes, from its directory's descriptor. */
        static Meta basic(BasicFileAttributes b) {
            return new Meta(
                    b.isSymbolicLink() ? Inode.S_IFLNK : Inode.S_IFREG,
                    0,
                    0,
                    0L,
                    1,
                    b.lastAccessTime(),
                    b.lastModifiedTime(),
                    b.lastModifiedTime(),
                    b.fileKey(),
                    b.size(),
                    true);
        }

        Meta(
                int mode,
                int uid,
                int gid,
                long rdev,
                int nlink,
                FileTime atime,
                FileTime mtime,
                FileTime ctime,
                Object key,
                long size,
                boolean lazy) {
            this.lazy = lazy;
            this.mode = mode;
            this.uid = uid;
            this.gid = gid;
            this.rdev = rdev;
            this.nlink = nlink;
            this.atime = atime.to(TimeUnit.NANOSECONDS);
            this.mtime = mtime.to(TimeUnit.NANOSECONDS);
            this.ctime = ctime.to(TimeUnit.NANOSECONDS);
            this.key = key;
            this.size = size;
            int type = mode & Inode.S_IFMT;
            this.isDirectory = type == Inode.S_IFDIR;
            this.isSymlink = type == Inode.S_IFLNK;
            this.isRegular = type == Inode.S_IFREG;
        }
    }
}
