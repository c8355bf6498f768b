package dev.fsview.fake;

import dev.fsview.FsView;
import dev.fsview.FsViewBackend;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.host.Faults;
import dev.fsview.fake.host.Inode;
import dev.fsview.fake.host.Kernel;
import dev.fsview.fake.host.Superblock;
import dev.fsview.fake.mount.Location;
import dev.fsview.fake.mount.Mount;
import dev.fsview.fake.mount.MountNamespace;
import dev.fsview.fake.vfs.OpenFile;
import dev.fsview.fake.vfs.OpenFlags;
import dev.fsview.fake.vfs.Stat;
import dev.fsview.fake.vfs.Vfs;
import dev.fsview.spi.errno.Errno;
import dev.fsview.spi.errno.NioExceptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A simulated Linux host, entirely in memory: a file system with inodes, owners, modes and
 * timestamps, its own mount table (host-side tmpfs mounts and binds), and views opened on it that
 * behave as the Linux backend's do. Tests build trees with the fluent methods, open views with
 * {@link #open(ViewSpec)} (or {@link #provider()}), and read the host back to see what a view did.
 *
 * <pre>{@code
 * FakeHost host = new FakeHost()
 *         .mkdirs("/srv/root/etc").file("/srv/root/etc/hostname", "box\n")
 *         .mkdirs("/srv/root/var").symlink("/srv/root/var/run", "/run")
 *         .mkdirs("/srv/data");
 * try (FsView view = host.open(ViewSpec.builder("/srv/root")
 *         .mount(MountSpec.bind("/srv/data", "/data").writable().build()).build())) {
 *     Files.writeString(view.path("/data/out"), "hi");
 * }
 * assert host.readString("/srv/data/out").equals("hi");
 * }</pre>
 *
 * Every method is thread-safe and may race the views (as a container's own processes would).
 * Host paths are absolute (a relative one, or one with a NUL byte, is refused with
 * {@link IllegalArgumentException} and changes nothing); intermediate symlinks are followed as the kernel follows them, a final
 * symlink only where the method says so. Failures are the JDK's exceptions for the errno.
 */
public final class FakeHost {
    private static final long ROOT_DEV = 0x801;

    private final Kernel kernel = new Kernel();
    private final MountNamespace namespace;
    private final Vfs process;
    /** Running {@link FakeProcess}es by pid. */
    private final java.util.Map<Long, FakeProcess> processes =
            new java.util.concurrent.ConcurrentHashMap<>();

    private volatile boolean strict;

    /** Creates a host with an empty root directory (mode 0755, owned by root). */
    public FakeHost() {
        Superblock rootfs = new Superblock(ROOT_DEV, "fakefs", "/dev/fake0", 0, 0755, kernel.now());
        Mount root = new Mount(rootfs, rootfs.root(), false);
        this.namespace = new MountNamespace(root);
        this.process = Vfs.absoluteOnly(kernel, namespace, new Location(root, rootfs.root()));
    }

    /** @return the process-wide host of the ServiceLoader's {@link FakeProvider} */
    public static FakeHost shared() {
        return Shared.HOST;
    }

    /** @return the simulated kernel (for the fake's own packages) */
    public Kernel kernel() {
        return kernel;
    }

    /** @return the host's own process: root {@code /} of the host namespace */
    public Vfs process() {
        return process;
    }

    /** @return the fault injection table of this host and all its views */
    public Faults faults() {
        return kernel.faults();
    }

    /** @return a provider that opens views on this host (and imports nothing from disk) */
    public FsViewBackend provider() {
        return new FakeProvider(this, false);
    }

    /**
     * A provider that opens views on this host, importing first (lazily) from the disk the
     * spec's root and bind sources this host does not hold yet: what the ServiceLoader's provider
     * does on the process-wide host (the command line's dry run), on a host of one's own.
     *
     * @return the provider
     */
    public FsViewBackend importingProvider() {
        return new FakeProvider(this, true);
    }

    /**
     * Opens a view on this host.
     *
     * @param spec the spec
     * @return the open view
     * @throws IOException as {@link FsViewBackend#open(ViewSpec)}
     */
    public FsView open(ViewSpec spec) throws IOException {
        return FakeView.open(this, spec);
    }

    /**
     * Starts a fake running process ("container"): a mount namespace of its own with {@code root}
     * as its root and {@code mounts} in it, built as a view's would be. Views of it by pid
     * ({@link ViewSpec#ofProcess(long)}) share that namespace; see {@link FakeProcess}.
     *
     * @param root absolute host path of the process's root
     * @param mounts its mounts (binds from the host, tmpfs)
     * @return the running process
     * @throws IOException if its namespace cannot be set up (as a view's open would fail)
     */
    public FakeProcess spawn(String root, MountSpec... mounts) throws IOException {
        return FakeProcess.spawn(this, root, List.of(mounts));
    }

    /** @return the running processes by pid, for {@link FakeProcess} and its views */
    java.util.Map<Long, FakeProcess> processTable() {
        return processes;
    }

    /**
     * Turns the fake's strict mode on or off for the views opened on this host from now on (it is
     * also on for every view when the system property {@code fake.strict} is {@code true}): a
     * task that loads a class neither named in {@link ViewSpec#preloadClasses()} nor loaded
     * before the view opened fails with {@link NoClassDefFoundError}, as it would on Linux, where
     * the view thread looks classes up inside the container. Off by default.
     *
     * @param on whether views check
     * @return this host
     */
    public FakeHost strict(boolean on) {
        this.strict = on;
        return this;
    }

    /** @return whether views opened on this host run in strict mode */
    public boolean isStrict() {
        return strict;
    }

    /**
     * Sets the umask applied when files and directories are created (on the host and in views).
     *
     * @param mask bits {@code 0..0777}; 022 by default
     * @return this host
     */
    public FakeHost umask(int mask) {
        kernel.setUmask(mask);
        return this;
    }

    // ---- building -------------------------------------------------------------------------

    /**
     * Creates a directory and its missing parents ({@code mkdir -p}); new ones get mode 0755.
     *
     * @param path absolute host path
     * @return this host
     * @throws IOException e.g. when a component is a file
     */
    public FakeHost mkdirs(String path) throws IOException {
        requireAbsolute(path);
        StringBuilder prefix = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            prefix.append('/').append(part);
            String p = prefix.toString();
            try {
                if (!process.stat(p, true).isDirectory()) {
                    throw ErrnoException.of(Errno.ENOTDIR);
                }
            } catch (ErrnoException e) {
                if (e.errno() != Errno.ENOENT) {
                    throw fail(e, p);
                }
                mkdir(p, 0755);
            }
        }
        return this;
    }

    /**
     * Creates one directory with exactly the given mode (umask not applied).
     *
     * @param path absolute host path; the parent must exist
     * @param mode permission bits, setgid and sticky included
     * @return this host
     * @throws IOException e.g. {@link java.nio.file.FileAlreadyExistsException}
     */
    public FakeHost mkdir(String path, int mode) throws IOException {
        run(path, () -> {
            process.mkdir(path, 0777);
            process.chmod(path, mode, true);
        });
        return this;
    }

    /**
     * Creates or replaces a regular file with UTF-8 text (mode 0644 when created).
     *
     * @param path absolute host path; the parent must exist; a final symlink is not followed
     * @param content the text
     * @return this host
     * @throws IOException e.g. on a read-only host mount
     */
    public FakeHost file(String path, String content) throws IOException {
        return file(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Creates or replaces a regular file (mode 0644 when created).
     *
     * @param path absolute host path; the parent must exist; a final symlink is not followed
     * @param content the bytes
     * @return this host
     * @throws IOException e.g. on a read-only host mount
     */
    public FakeHost file(String path, byte[] content) throws IOException {
        run(path, () -> {
            OpenFile f = process.open(
                    path,
                    OpenFlags.O_WRONLY
                            | OpenFlags.O_CREAT
                            | OpenFlags.O_TRUNC
                            | OpenFlags.O_NOFOLLOW,
                    0644);
            try {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    f.write(buf);
                }
            } finally {
                f.close();
            }
        });
        return this;
    }

    /**
     * Creates a regular file with a given mode.
     *
     * @param path absolute host path
     * @param content the bytes
     * @param mode permission bits, setuid/setgid/sticky included
     * @return this host
     * @throws IOException if it cannot be written
     */
    public FakeHost file(String path, byte[] content, int mode) throws IOException {
        file(path, content);
        return chmod(path, mode);
    }

    /**
     * Creates a symlink holding any target verbatim (absolute, relative, dangling, looping).
     *
     * @param path absolute host path of the link
     * @param target what it holds
     * @return this host
     * @throws IOException e.g. if the path exists
     */
    public FakeHost symlink(String path, String target) throws IOException {
        run(path, () -> process.symlink(target, path));
        return this;
    }

    /**
     * Creates a hard link.
     *
     * @param path absolute host path of the new name
     * @param existing an existing file (a final symlink is not followed)
     * @return this host
     * @throws IOException e.g. EXDEV across host mounts
     */
    public FakeHost hardLink(String path, String existing) throws IOException {
        try {
            process.link(existing, path);
        } catch (ErrnoException e) {
            throw NioExceptions.of(e.errno(), path, existing);
        }
        return this;
    }

    /**
     * Creates a FIFO (inert: opening it fails with ENXIO).
     *
     * @param path absolute host path
     * @return this host
     * @throws IOException if it cannot be created
     */
    public FakeHost fifo(String path) throws IOException {
        return node(path, Inode.S_IFIFO | 0644, 0);
    }

    /**
     * Creates a Unix socket node.
     *
     * @param path absolute host path
     * @return this host
     * @throws IOException if it cannot be created
     */
    public FakeHost socket(String path) throws IOException {
        return node(path, Inode.S_IFSOCK | 0755, 0);
    }

    /**
     * Creates a character device node.
     *
     * @param path absolute host path
     * @param major the major number
     * @param minor the minor number
     * @return this host
     * @throws IOException if it cannot be created
     */
    public FakeHost charDevice(String path, int major, int minor) throws IOException {
        return node(path, Inode.S_IFCHR | 0666, makedev(major, minor));
    }

    /**
     * Creates a block device node.
     *
     * @param path absolute host path
     * @param major the major number
     * @param minor the minor number
     * @return this host
     * @throws IOException if it cannot be created
     */
    public FakeHost blockDevice(String path, int major, int minor) throws IOException {
        return node(path, Inode.S_IFBLK | 0660, makedev(major, minor));
    }

    /**
     * Creates a node of any type with exactly the given mode and device number.
     *
     * @param path absolute host path
     * @param mode type and permission bits
     * @param rdev device number
     * @return this host
     * @throws IOException if it cannot be created
     */
    public FakeHost node(String path, int mode, long rdev) throws IOException {
        run(path, () -> {
            process.mknod(path, mode, rdev);
            process.chmod(path, mode & 07777, false);
        });
        return this;
    }

    /**
     * Sets permission bits without following a final symlink (a symlink's own mode is always 0777).
     *
     * @param path absolute host path
     * @param mode bits {@code 0..07777}
     * @return this host
     * @throws IOException if it does not exist
     */
    public FakeHost chmod(String path, int mode) throws IOException {
        run(path, () -> {
            if (!process.stat(path, false).isSymbolicLink()) {
                process.chmod(path, mode, false);
            }
        });
        return this;
    }

    /**
     * Sets owner and group without following a final symlink ({@code lchown}); like
     * {@code chown(2)}, this clears the setuid bit (and setgid with group execute) of a
     * non-directory, so set such modes after the owner.
     *
     * @param path absolute host path
     * @param uid owner, or -1
     * @param gid group, or -1
     * @return this host
     * @throws IOException if it does not exist
     */
    public FakeHost chown(String path, int uid, int gid) throws IOException {
        run(path, () -> process.chown(path, uid, gid, false));
        return this;
    }

    /**
     * Sets the modification time (and the access time to the same) without following a final
     * symlink.
     *
     * @param path absolute host path
     * @param time the time
     * @return this host
     * @throws IOException if it does not exist
     */
    public FakeHost mtime(String path, Instant time) throws IOException {
        return times(path, time, time);
    }

    /**
     * Renames atomically, replacing the target as {@code rename(2)} does.
     *
     * @param from absolute host path
     * @param to absolute host path
     * @return this host
     * @throws IOException e.g. EXDEV across host mounts
     */
    public FakeHost rename(String from, String to) throws IOException {
        try {
            process.rename(from, to);
        } catch (ErrnoException e) {
            throw NioExceptions.of(e.errno(), from, to);
        }
        return this;
    }

    /**
     * Removes a file, symlink or empty directory.
     *
     * @param path absolute host path
     * @return this host
     * @throws IOException if it does not exist or is a non-empty directory
     */
    public FakeHost delete(String path) throws IOException {
        try {
            if (process.stat(path, false).isDirectory()) {
                process.rmdir(path);
            } else {
                process.unlink(path);
            }
        } catch (ErrnoException e) {
            throw NioExceptions.forDelete(e.errno(), path);
        }
        return this;
    }

    /**
     * Removes a path and everything below it, never following symlinks; nothing if it is missing.
     *
     * @param path absolute host path
     * @return this host
     * @throws IOException e.g. EBUSY for a mount point
     */
    public FakeHost deleteRecursively(String path) throws IOException {
        Stat st;
        try {
            st = process.stat(path, false);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT) {
                return this;
            }
            throw fail(e, path);
        }
        if (!st.isDirectory()) {
            return delete(path);
        }
        // iterative, children before their directory: no depth overflows the stack
        java.util.ArrayDeque<String> pending = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<String> directories = new java.util.ArrayDeque<>();
        pending.push(path);
        while (!pending.isEmpty()) {
            String p = pending.pop();
            if (lstat(p).map(Stat::isDirectory).orElse(false)) {
                directories.push(p);
                for (String name : list(p)) {
                    pending.push(p + "/" + name);
                }
            } else if (exists(p)) {
                delete(p);
            }
        }
        while (!directories.isEmpty()) {
            delete(directories.pop());
        }
        return this;
    }

    // ---- host mounts ------------------------------------------------------------------------

    /**
     * Mounts a fresh tmpfs on a host directory.
     *
     * @param path absolute host path of a directory
     * @return this host
     * @throws IOException if it is not a directory
     */
    public FakeHost mountTmpfs(String path) throws IOException {
        return mountTmpfs(path, 0, 01777);
    }

    /**
     * Mounts a fresh tmpfs with a size limit and a root mode on a host directory.
     *
     * @param path absolute host path of a directory
     * @param sizeBytes limit, 0 for none
     * @param mode permission bits of its root
     * @return this host
     * @throws IOException if it is not a directory
     */
    public FakeHost mountTmpfs(String path, long sizeBytes, int mode) throws IOException {
        run(
                path,
                () -> process.locked(() -> {
                    Location at = process.resolveLocked(path, true);
                    if (!at.inode().isDirectory()) {
                        throw ErrnoException.of(Errno.ENOTDIR);
                    }
                    Superblock sb = new Superblock(
                            kernel.newDev(), "tmpfs", "tmpfs", sizeBytes, mode, kernel.now());
                    namespace.attach(new Mount(sb, sb.root(), false), at);
                    return null;
                }));
        return this;
    }

    /**
     * Mounts a fresh, empty file system (a lazy import fills its root) on a host directory.
     * The caller holds the kernel's lock.
     *
     * @param at the directory
     * @param mode permission bits of its root
     * @param readOnly whether the mount is read-only
     * @return the new file system
     */
    Superblock mountLazy(Location at, int mode, boolean readOnly) {
        Superblock sb = new Superblock(kernel.newDev(), "tmpfs", "tmpfs", 0, mode, kernel.now());
        namespace.attach(new Mount(sb, sb.root(), readOnly), at);
        return sb;
    }

    /**
     * Bind-mounts a host path onto another ({@code mount --bind}, or {@code --rbind}).
     *
     * @param source absolute host path
     * @param target absolute host path of the same kind (directory or not)
     * @param readOnly whether the new mount is read-only
     * @param recursive whether the source's submounts come along
     * @return this host
     * @throws IOException ENOTDIR if the kinds differ
     */
    public FakeHost bindMount(String source, String target, boolean readOnly, boolean recursive)
            throws IOException {
        run(
                target,
                () -> process.locked(() -> {
                    Location src = process.resolveLocked(source, true);
                    Location at = process.resolveLocked(target, true);
                    if (src.inode().isDirectory() != at.inode().isDirectory()) {
                        throw ErrnoException.of(Errno.ENOTDIR);
                    }
                    Mount tree = src.mount().cloneTree(src.dentry(), recursive);
                    if (readOnly) {
                        tree.setReadOnly(true);
                    }
                    namespace.attach(tree, at);
                    return null;
                }));
        return this;
    }

    /**
     * Makes a host directory a read-only bind of itself ({@code mount --bind p p} then
     * {@code mount -o remount,bind,ro p}).
     *
     * @param path absolute host path
     * @return this host
     * @throws IOException if it does not exist
     */
    public FakeHost mountReadOnlyBind(String path) throws IOException {
        return bindMount(path, path, true, false);
    }

    /**
     * Unmounts the topmost mount at a host path and everything below it ({@code umount -l}).
     *
     * @param path absolute host path of a mount point
     * @return this host
     * @throws IOException EINVAL if nothing is mounted there
     */
    public FakeHost unmount(String path) throws IOException {
        run(
                path,
                () -> process.locked(() -> {
                    Location at = process.resolveLocked(path, true);
                    if (!at.isMountRoot() || at.mount().parent() == null) {
                        throw ErrnoException.of(Errno.EINVAL);
                    }
                    namespace.detach(at.mount());
                    return null;
                }));
        return this;
    }

    /**
     * Lists the host's mount table, one line per mount: mount point, type, source and flags.
     *
     * @return e.g. {@code ["/ fakefs /dev/fake0 rw", "/srv/vol/sub tmpfs tmpfs rw"]}
     */
    public List<String> mounts() {
        try {
            return process.locked(() -> {
                List<String> out = new ArrayList<>();
                for (Mount m : namespace.mounts()) {
                    out.add(process.pathOf(new Location(m, m.root())) + " "
                            + m.superblock().type() + " " + m.superblock().source()
                            + (m.isReadOnly() ? " ro" : " rw"));
                }
                return out;
            });
        } catch (ErrnoException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- reading back -----------------------------------------------------------------------

    /**
     * Reads a regular file (a final symlink is not followed).
     *
     * @param path absolute host path
     * @return its bytes
     * @throws IOException e.g. {@link java.nio.file.NoSuchFileException}
     */
    public byte[] read(String path) throws IOException {
        try {
            OpenFile f = process.open(path, OpenFlags.O_RDONLY | OpenFlags.O_NOFOLLOW, 0);
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(8192);
                while (f.read(buf.clear()) > 0) {
                    out.write(buf.array(), 0, buf.position());
                }
                return out.toByteArray();
            } finally {
                f.close();
            }
        } catch (ErrnoException e) {
            throw NioExceptions.forOpen(e.errno(), path, true);
        }
    }

    /**
     * Reads a regular file as UTF-8 text.
     *
     * @param path absolute host path
     * @return the text
     * @throws IOException if it cannot be read
     */
    public String readString(String path) throws IOException {
        return new String(read(path), StandardCharsets.UTF_8);
    }

    /**
     * Reads a symlink.
     *
     * @param path absolute host path
     * @return its target, verbatim
     * @throws IOException {@link java.nio.file.NotLinkException} if it is not a symlink
     */
    public String readLink(String path) throws IOException {
        try {
            return process.readlink(path);
        } catch (ErrnoException e) {
            throw NioExceptions.forReadLink(e.errno(), path);
        }
    }

    /**
     * Lists a directory, sorted.
     *
     * @param dir absolute host path
     * @return the names of its entries
     * @throws IOException {@link java.nio.file.NotDirectoryException} if it is not a directory
     */
    public List<String> list(String dir) throws IOException {
        try {
            List<String> names = process.readdir(dir);
            Collections.sort(names);
            return names;
        } catch (ErrnoException e) {
            throw NioExceptions.forDirectoryStream(e.errno(), dir);
        }
    }

    /**
     * Stats a path without following a final symlink.
     *
     * @param path absolute host path
     * @return the stat, or empty if nothing is there
     * @throws IOException if the lookup fails other than with ENOENT
     */
    public Optional<Stat> lstat(String path) throws IOException {
        try {
            return Optional.of(process.stat(path, false));
        } catch (ErrnoException e) {
            if (e.errno() == Errno.ENOENT) {
                return Optional.empty();
            }
            throw fail(e, path);
        }
    }

    /**
     * Whether anything, even a dangling symlink, is at a path.
     *
     * @param path absolute host path
     * @return {@code true} if something is there
     */
    public boolean exists(String path) {
        try {
            process.stat(path, false);
            return true;
        } catch (ErrnoException e) {
            return false;
        }
    }

    /** @return how many files and directory streams opened on this host are open now */
    public int openFiles() {
        return kernel.openFiles();
    }

    /** @return what the open files and directory streams refer to (paths as their views saw them) */
    public List<String> openFileNames() {
        return kernel.openFileNames();
    }

    /**
     * Sets modification and access times without following a final symlink.
     *
     * @param path absolute host path
     * @param modified the modification time
     * @param accessed the access time
     * @return this host
     * @throws IOException if it does not exist
     */
    public FakeHost times(String path, Instant modified, Instant accessed) throws IOException {
        run(path, () -> process.utimens(path, nanos(accessed), nanos(modified), false));
        return this;
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    // ---- importing from disk ----------------------------------------------------------------

    /**
     * Imports a real tree from the disk into this host, lazily and copy-on-write: a directory's
     * entries are read from the disk when it is first walked into, a file's bytes when it is
     * first opened (as they are then); writes stay in memory, and nothing is ever written to the
     * disk. What is imported: directories, files, symlinks verbatim, special files as inert
     * nodes, hard links as hard links, modes (setuid, setgid, sticky included), owners, link
     * counts and times. Symlinks on the host are never followed, neither those of the tree nor
     * ones a racing process swaps in (such an entry is refused, and reading it fails with EIO),
     * so nothing outside the tree is read. What this process may not read keeps its metadata and
     * fails with EACCES. A real mount point inside the tree becomes a mount of a fresh file
     * system here (read-only if the real one is); the contents of kernel pseudo file systems
     * (proc, sysfs, ...) are not read. Missing parents of {@code fakePath} are created like their
     * real counterparts when those exist, else with mode 0755.
     *
     * @param real a path on the JVM's default file system
     * @param fakePath where it goes on this host (absolute)
     * @throws IOException if the real tree cannot be read or the fake path cannot be created
     */
    public void importTree(Path real, String fakePath) throws IOException {
        requireAbsolute(fakePath);
        new DiskImport(this).importTree(real, fakePath);
    }

    /**
     * Imports the spec's root and bind sources that this host does not hold yet (the
     * ServiceLoader provider's dry run).
     *
     * @param spec the spec a view is about to be opened with
     * @throws IOException if reading the disk fails
     */
    synchronized void importMissing(ViewSpec spec) throws IOException {
        String root = spec.root();
        if (!exists(root) && java.nio.file.Files.exists(Path.of(root))) {
            // A root that is a symlink on the disk is what it points to, as the kernel resolves
            // it when the Linux backend opens it.
            importTree(Path.of(root).toRealPath(), root);
        }
        if (spec.mounts().stream().allMatch(m -> m.source().isEmpty())) {
            return; // no bind source to classify: the root's real path (a few syscalls) unneeded
        }
        List<String> rootSpellings = new ArrayList<>(List.of(clean(root)));
        if (java.nio.file.Files.exists(Path.of(root))) {
            rootSpellings.add(Path.of(root).toRealPath().toString());
        }
        for (MountSpec m : spec.mounts()) {
            String p = m.source().orElse(null);
            // A source spelled through the container root (<root>/evil/... with evil -> /) is the
            // container's: the view resolves it inside the imported root, as linux's MountSource
            // does; reading it from the disk would follow the container's links on the host.
            if (p == null || belowRoot(p, rootSpellings)) {
                continue;
            }
            Path real = Path.of(p);
            if (!exists(p) && java.nio.file.Files.exists(real)) {
                importTree(real.toRealPath(), p);
            }
        }
    }

    /** Whether a path's spelling, walked lexically, stands on the root at some point. */
    static boolean belowRoot(String source, List<String> rootSpellings) {
        java.util.Deque<String> at = new java.util.ArrayDeque<>();
        for (String p : source.split("/")) {
            if (p.equals("..")) {
                at.pollLast();
            } else if (!p.isEmpty() && !p.equals(".")) {
                at.addLast(p);
            }
            if (rootSpellings.contains("/" + String.join("/", at))) {
                return true;
            }
        }
        return false;
    }

    private static String clean(String absolute) {
        return Path.of(absolute).normalize().toString();
    }

    // ---- helpers ----------------------------------------------------------------------------

    @FunctionalInterface
    private interface HostOp {
        void run() throws ErrnoException;
    }

    private static void requireAbsolute(String path) {
        if (path == null || !path.startsWith("/") || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("host paths are absolute, without NUL bytes: "
                    + (path == null ? null : path.replace("\0", "\\0")));
        }
    }

    private static void run(String path, HostOp op) throws IOException {
        try {
            op.run();
        } catch (ErrnoException e) {
            throw fail(e, path);
        }
    }

    private static IOException fail(ErrnoException e, String path) {
        return NioExceptions.of(e.errno(), path, null);
    }

    /**
     * Encodes a device number as glibc's {@code makedev} does.
     *
     * @param major the major number
     * @param minor the minor number
     * @return the {@code dev_t}
     */
    public static long makedev(long major, long minor) {
        return (minor & 0xff)
                | ((major & 0xfff) << 8)
                | ((minor & ~0xffL) << 12)
                | ((major & ~0xfffL) << 32);
    }

    private static final class Shared {
        static final FakeHost HOST = new FakeHost();
    }
}
