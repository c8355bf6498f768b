package dev.fsview.fake.conformance;

import dev.fsview.FsViewBackend;
import dev.fsview.fake.FakeHost;
import dev.fsview.fake.host.Inode;
import dev.fsview.fake.vfs.Stat;
import dev.fsview.testkit.HostFixture;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The conformance kit's host, over a {@link FakeHost}: a fresh in-memory host per test. */
public final class FakeHostFixture implements HostFixture {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final FakeHost host = new FakeHost();
    private final String base = "/tmp/fsview-fake-" + SEQ.incrementAndGet();
    private final Deque<String> mounts = new ArrayDeque<>();
    private int directories;

    /** @return the fake host behind this fixture */
    public FakeHost host() {
        return host;
    }

    @Override
    public FsViewBackend provider() {
        return host.provider();
    }

    @Override
    public synchronized String newDirectory(String name) throws IOException {
        String path = base + "/" + name + "-" + (++directories);
        host.mkdirs(path);
        return path;
    }

    @Override
    public void mkdirs(String path) throws IOException {
        host.mkdirs(path);
    }

    @Override
    public void write(String path, byte[] content) throws IOException {
        host.file(path, content);
    }

    @Override
    public void symlink(String path, String target) throws IOException {
        host.symlink(path, target);
    }

    @Override
    public void hardLink(String path, String existing) throws IOException {
        host.hardLink(path, existing);
    }

    @Override
    public void lchown(String path, int uid, int gid) throws IOException {
        host.chown(path, uid, gid);
    }

    @Override
    public void mkfifo(String path) throws IOException {
        host.fifo(path);
    }

    @Override
    public void mksocket(String path) throws IOException {
        host.socket(path);
    }

    /** The fake's device nodes are inert: allowed or not, opening one fails with ENXIO. */
    @Override
    public boolean devicesReachHostDevices() {
        return false;
    }

    @Override
    public void mknod(String path, boolean block, int major, int minor) throws IOException {
        if (block) {
            host.blockDevice(path, major, minor);
        } else {
            host.charDevice(path, major, minor);
        }
    }

    @Override
    public void chmod(String path, int mode) throws IOException {
        host.chmod(path, mode);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        host.rename(from, to);
    }

    @Override
    public void deleteRecursively(String path) throws IOException {
        host.deleteRecursively(path);
    }

    @Override
    public synchronized void mountTmpfs(String path) throws IOException {
        host.mountTmpfs(path);
        mounts.push(path);
    }

    @Override
    public synchronized void mountReadOnlyBind(String path) throws IOException {
        host.mountReadOnlyBind(path);
        mounts.push(path);
    }

    @Override
    public byte[] read(String path) throws IOException {
        return host.read(path);
    }

    @Override
    public Attributes attributes(String path) throws IOException {
        Stat st = host.lstat(path).orElseThrow(() -> new NoSuchFileException(path));
        return new Attributes(
                kindOf(st),
                st.mode(),
                st.size(),
                instant(st.mtime()),
                instant(st.atime()),
                instant(st.ctime()));
    }

    private static Kind kindOf(Stat st) {
        switch (st.type()) {
            case Inode.S_IFREG:
                return Kind.FILE;
            case Inode.S_IFDIR:
                return Kind.DIRECTORY;
            case Inode.S_IFLNK:
                return Kind.SYMLINK;
            default:
                return Kind.SPECIAL;
        }
    }

    private static Instant instant(long ns) {
        return Instant.ofEpochSecond(
                Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
    }

    @Override
    public void setTimes(String path, Instant modified, Instant accessed) throws IOException {
        host.times(path, modified, accessed);
    }

    @Override
    public String readLink(String path) throws IOException {
        return host.readLink(path);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        return host.list(dir);
    }

    @Override
    public Leaks leaks() {
        List<String> threads = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("fsview-view-")) {
                threads.add(t.getName());
            }
        }
        threads.sort(null);
        List<String> mountList = new ArrayList<>();
        for (String m : host.mounts()) {
            // the fixture's own host-side mounts are the test's setup, not something a view left
            if (!mine(m)) {
                mountList.add(m);
            }
        }
        return new Leaks(mountList, host.openFileNames(), threads);
    }

    private synchronized boolean mine(String mountLine) {
        for (String point : mounts) {
            if (mountLine.startsWith(point + " ")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public dev.fsview.testkit.HostProcess spawnProcess(String root, String volume)
            throws IOException {
        return FakeAgent.start(host, root, volume);
    }

    /** The fake host's own process: its namespace is the host's. */
    @Override
    public long hostNamespacePid() {
        return dev.fsview.fake.FakeProcess.HOST_PID;
    }

    @Override
    public synchronized void close() throws IOException {
        while (!mounts.isEmpty()) {
            host.unmount(mounts.pop());
        }
    }
}
