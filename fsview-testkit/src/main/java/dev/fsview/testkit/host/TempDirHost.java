package dev.fsview.testkit.host;

import dev.fsview.FsViewBackend;
import dev.fsview.FsViews;
import dev.fsview.testkit.HostFixture;
import dev.fsview.testkit.ViewThreads;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link HostFixture} over a real temporary directory of the JVM's own file system, for the
 * {@code linux} backend (or any backend that works on the real host): one fresh base directory
 * per fixture under {@code java.io.tmpdir}, named {@code fsview-testkit-*}.
 *
 * <ul>
 *   <li>Every path it is handed must lie under its base directory, and no component between the
 *       base and the last one may be a symlink: the fixture never follows a link the container
 *       (or a racing attack thread) planted, and can never be steered outside its base.
 *   <li>Host-side mounts ({@link #mountTmpfs}, {@link #mountReadOnlyBind}) are made with the
 *       {@code mount} command and undone in {@link #close()}, whatever happened before.
 *   <li>{@link #leaks()} reads {@code /proc/self/mountinfo} (the mounts under the base directory,
 *       and every mount outside the temporary directory, so concurrent tests elsewhere in
 *       {@code /tmp} do not disturb it), the targets of {@code /proc/self/fd} and the live view
 *       threads.
 * </ul>
 */
public final class TempDirHost implements HostFixture {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final Path TMP =
            Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();

    static {
        // The JDK keeps a socket pair open for the process's life from its first socket channel
        // (the descriptor it dup2s over a channel being closed; JDK 25 makes it at the first UNIX
        // domain channel): made here, before any test counts open descriptors, so that the first
        // mksocket of a JVM is not taken for a descriptor a view left open.
        try (java.nio.channels.ServerSocketChannel warm =
                java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            warm.isOpen();
        } catch (IOException | UnsupportedOperationException noUnixSockets) {
            // mksocket fails the same way, in the test that needs it
        }
    }

    private final Path base;
    private final String backendName;
    private final HostMounts mounts = new HostMounts();
    private final List<dev.fsview.testkit.HostProcess> processes = new ArrayList<>();

    /**
     * Creates a fixture for the {@code linux} backend.
     *
     * @throws IOException if the base directory cannot be created
     */
    public TempDirHost() throws IOException {
        this("linux");
    }

    /**
     * Creates a fixture for the named backend, which must work on the real host.
     *
     * @param backendName the backend {@link #provider()} returns, found with
     *     {@link FsViews#providers()}
     * @throws IOException if the base directory cannot be created
     */
    public TempDirHost(String backendName) throws IOException {
        this.backendName = backendName;
        this.base = Files.createTempDirectory("fsview-testkit-").toRealPath();
    }

    /**
     * Returns the backend, whether or not it is available here (the kit checks availability and
     * says why it skips).
     *
     * @throws IllegalStateException if no backend of that name is on the class path
     */
    @Override
    public FsViewBackend provider() {
        for (FsViewBackend p : FsViews.providers()) {
            if (p.name().equals(backendName)) {
                return p;
            }
        }
        throw new IllegalStateException("no fsview backend named '" + backendName
                + "' is on the class path: " + FsViews.describe().trim());
    }

    /**
     * Returns the base directory every path of this fixture lies under.
     *
     * @return an absolute, real host path
     */
    public String base() {
        return base.toString();
    }

    @Override
    public String newDirectory(String name) throws IOException {
        for (int n = 1; ; n++) {
            Path dir = base.resolve(n == 1 ? name : name + "-" + n);
            try {
                Files.createDirectory(dir);
                return dir.toString();
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            }
        }
    }

    @Override
    public void mkdirs(String path) throws IOException {
        Path p = inside(path);
        Path at = base;
        for (Path name : base.relativize(p)) {
            at = at.resolve(name);
            try {
                Files.createDirectory(at);
            } catch (FileAlreadyExistsException exists) {
                // createDirectory does not follow a final symlink, so this only accepts a real
                // directory: a symlink planted here is never walked through.
                if (!Files.isDirectory(at, NOFOLLOW)) {
                    throw new FileAlreadyExistsException(
                            at.toString(), null, "exists and is not a directory");
                }
            }
        }
    }

    @Override
    public void write(String path, byte[] content) throws IOException {
        try (OutputStream out = Files.newOutputStream(
                inside(path),
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            out.write(content);
        }
    }

    @Override
    public void symlink(String path, String target) throws IOException {
        Files.createSymbolicLink(inside(path), Path.of(target));
    }

    @Override
    public void hardLink(String path, String existing) throws IOException {
        Files.createLink(inside(path), inside(existing));
    }

    @Override
    public void lchown(String path, int uid, int gid) throws IOException {
        Path p = inside(path);
        Files.setAttribute(p, "unix:uid", uid, NOFOLLOW);
        Files.setAttribute(p, "unix:gid", gid, NOFOLLOW);
    }

    @Override
    public void mkfifo(String path) throws IOException {
        Path p = inside(path);
        HostCommands.run("mkfifo", "-m", "0644", p.toString());
    }

    @Override
    public void mksocket(String path) throws IOException {
        try (java.nio.channels.ServerSocketChannel server =
                java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(inside(path)));
        }
    }

    @Override
    public void mknod(String path, boolean block, int major, int minor) throws IOException {
        HostCommands.run(
                "mknod",
                "-m",
                "0666",
                inside(path).toString(),
                block ? "b" : "c",
                Integer.toString(major),
                Integer.toString(minor));
    }

    @Override
    public void chmod(String path, int mode) throws IOException {
        Files.setAttribute(inside(path), "unix:mode", mode, NOFOLLOW);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        Files.move(inside(from), inside(to), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void deleteRecursively(String path) throws IOException {
        Path p = inside(path);
        if (!Files.exists(p, NOFOLLOW)) {
            return;
        }
        deleteTree(p);
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, NOFOLLOW)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
                for (Path e : entries) {
                    deleteTree(e);
                }
            }
        }
        Files.deleteIfExists(p);
    }

    @Override
    public void mountTmpfs(String path) throws IOException {
        mounts.tmpfs(directoryInside(path).toString());
    }

    @Override
    public void mountReadOnlyBind(String path) throws IOException {
        mounts.readOnlySelfBind(directoryInside(path).toString());
    }

    @Override
    public byte[] read(String path) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(
                inside(path), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(ch.size(), Integer.MAX_VALUE - 8));
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read to the end
            }
            return buf.array();
        }
    }

    @Override
    public Attributes attributes(String path) throws IOException {
        Map<String, Object> a = Files.readAttributes(
                inside(path), "unix:mode,size,lastModifiedTime,lastAccessTime,ctime", NOFOLLOW);
        int mode = (Integer) a.get("mode");
        return new Attributes(
                kindOf(mode),
                mode,
                (Long) a.get("size"),
                ((FileTime) a.get("lastModifiedTime")).toInstant(),
                ((FileTime) a.get("lastAccessTime")).toInstant(),
                ((FileTime) a.get("ctime")).toInstant());
    }

    private static Kind kindOf(int mode) {
        switch (mode & 0170000) {
            case 0040000:
                return Kind.DIRECTORY;
            case 0100000:
                return Kind.FILE;
            case 0120000:
                return Kind.SYMLINK;
            default:
                return Kind.SPECIAL;
        }
    }

    @Override
    public void setTimes(String path, Instant modified, Instant accessed) throws IOException {
        Files.getFileAttributeView(inside(path), BasicFileAttributeView.class, NOFOLLOW)
                .setTimes(FileTime.from(modified), FileTime.from(accessed), null);
    }

    @Override
    public String readLink(String path) throws IOException {
        return Files.readSymbolicLink(inside(path)).toString();
    }

    @Override
    public List<String> list(String dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directoryInside(dir))) {
            for (Path e : entries) {
                names.add(e.getFileName().toString());
            }
        }
        names.sort(null);
        return names;
    }

    @Override
    public Leaks leaks() {
        List<String> mine = mounts.current();
        List<String> mountList = new ArrayList<>();
        for (ProcSelf.Mount m : ProcSelf.mounts()) {
            Path point = Path.of(m.mountPoint());
            boolean underBase = point.startsWith(base);
            // Mounts elsewhere under /tmp belong to other tests of this machine; every other mount
            // of the host (/, /proc, ...) must stay exactly as it was.
            boolean relevant = underBase || !point.startsWith(TMP);
            if (relevant && !(underBase && mine.contains(m.mountPoint()))) {
                mountList.add(m.toString());
            }
        }
        List<String> files = new ArrayList<>();
        for (String target : ProcSelf.openFileTargets()) {
            if (!isJvmOwn(target)) {
                files.add(target);
            }
        }
        files.sort(null);
        return new Leaks(mountList, files, ViewThreads.live());
    }

    /**
     * Descriptors the JVM opens on its own, lazily, and keeps for its lifetime: class path jars,
     * native libraries, the module image, the entropy devices. No view ever leaves these open.
     */
    private static boolean isJvmOwn(String target) {
        return target.endsWith(".jar")
                || target.endsWith(".so")
                || target.endsWith(".jsa")
                || target.endsWith("/lib/modules")
                || target.equals("/dev/urandom")
                || target.equals("/dev/random");
    }

    /**
     * Unmounts what this fixture mounted, detaches any mount a view left under the base directory
     * (so deleting cannot reach through it into another directory), then deletes the base
     * directory.
     */
    @Override
    public void close() throws IOException {
        synchronized (processes) {
            // First of all: a process left running would keep its namespace and mounts.
            processes.forEach(dev.fsview.testkit.HostProcess::close);
            processes.clear();
        }
        List<String> failures = mounts.undoAll();
        List<String> strays = new ArrayList<>();
        for (ProcSelf.Mount m : ProcSelf.mounts()) {
            if (Path.of(m.mountPoint()).startsWith(base)) {
                strays.add(m.mountPoint());
            }
        }
        // Innermost first: a stray mounted on top of another must go before the one below it.
        strays.sort((a, b) -> b.length() - a.length());
        for (String stray : strays) {
            HostMounts.detach(stray, failures);
        }
        if (!failures.isEmpty()) {
            throw new IOException("could not unmount " + failures + "; left " + base
                    + " in place rather than delete through a mount");
        }
        deleteTree(base);
        if (!strays.isEmpty()) {
            throw new IOException(
                    "mounts were left under " + base + " and had to be detached: " + strays);
        }
    }

    /**
     * Resolves a path the fixture was handed: absolute, under the base directory, and with no
     * symlink between the base and its last component.
     */
    private Path inside(String path) throws IOException {
        Path p = Path.of(path);
        if (!p.isAbsolute() || !p.normalize().equals(p) || !p.startsWith(base)) {
            throw new IllegalArgumentException("not a path of this host fixture (under " + base
                    + ", absolute, without . or ..): " + path);
        }
        Path at = base;
        Path rel = base.relativize(p);
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
            at = at.resolve(rel.getName(i));
            // A symlink in a parent is the container's (or a racing test's), never followed.
            if (Files.isSymbolicLink(at)) {
                throw new NoSuchFileException(
                        path,
                        null,
                        "parent " + at + " is a symlink, which the host fixture does not follow");
            }
        }
        return p;
    }

    /** Like {@link #inside}, and the path must be a directory itself (not a link to one). */
    private Path directoryInside(String path) throws IOException {
        Path p = inside(path);
        if (!Files.isDirectory(p, NOFOLLOW)) {
            throw new IOException("not a directory (or a symlink to one): " + path);
        }
        return p;
    }

    /** Starts the kit's static test agent ({@link dev.fsview.testkit.process.ProcessAgent}). */
    @Override
    public dev.fsview.testkit.HostProcess spawnProcess(String root, String volume)
            throws IOException {
        dev.fsview.testkit.HostProcess p = dev.fsview.testkit.process.ProcessAgent.start(
                directoryInside(root), directoryInside(volume));
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    @Override
    public String toString() {
        return "TempDirHost[" + base + "]";
    }
}
