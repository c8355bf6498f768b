package dev.fsview.fake;

import dev.fsview.MountEntry;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.mount.Location;
import dev.fsview.fake.mount.Mount;
import dev.fsview.fake.setup.ViewMounts;
import dev.fsview.fake.vfs.OpenFile;
import dev.fsview.fake.vfs.OpenFlags;
import dev.fsview.fake.vfs.Vfs;
import dev.fsview.spi.errno.NioExceptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake running process ("container") on a {@link FakeHost}: a mount namespace of its own, with
 * its own root and mounts, made by {@link FakeHost#spawn(String, MountSpec...)}, so that code that
 * opens {@link ViewSpec#ofProcess(long) views of a process} runs without privileges. A view of it
 * by {@link #pid()} shares its namespace live: what the view writes, the process reads, and the
 * other way round. When the process {@link #exit() exits}, its views end as on Linux: every
 * operation fails with {@link dev.fsview.ViewClosedException} "process P exited", and the
 * namespace is released once the last view thread has left it.
 *
 * <p>The host itself is process {@link #HOST_PID}: a view of it is refused unless the spec allows
 * the host's own mount namespace.
 */
public final class FakeProcess {
    /** The pid of the fake host's own process (its mount namespace is the host's). */
    public static final long HOST_PID = 1;

    private static final AtomicLong PIDS = new AtomicLong(1000);

    private final FakeHost host;
    private final long pid;
    private final Vfs vfs;
    private final List<Runnable> onExit = new CopyOnWriteArrayList<>();
    private boolean alive = true;
    /** The process itself and each view thread inside its namespace. */
    private int holders = 1;

    private FakeProcess(FakeHost host, long pid, Vfs vfs) {
        this.host = host;
        this.pid = pid;
        this.vfs = vfs;
    }

    /**
     * Starts a process with a namespace built as a view's would be (root and mounts from the
     * host, missing targets created), and registers it on the host.
     */
    static FakeProcess spawn(FakeHost host, String root, List<MountSpec> mounts)
            throws IOException {
        ViewSpec spec = ViewSpec.builder(root).mounts(mounts).build();
        Vfs vfs = ViewMounts.build(host.kernel(), host.process(), spec);
        FakeProcess p = new FakeProcess(host, PIDS.incrementAndGet(), vfs);
        host.processTable().put(p.pid, p);
        return p;
    }

    /**
     * Returns the process id, for {@link ViewSpec#ofProcess(long)} on this host's provider.
     *
     * @return the pid
     */
    public long pid() {
        return pid;
    }

    /**
     * Returns whether the process runs.
     *
     * @return {@code false} once it has exited
     */
    public synchronized boolean isAlive() {
        return alive;
    }

    /**
     * Ends the process: its views end ("process P exited"), and its namespace goes once no view
     * thread is left in it. Idempotent.
     */
    public void exit() {
        synchronized (this) {
            if (!alive) {
                return;
            }
            alive = false;
            host.processTable().remove(pid);
        }
        for (Runnable r : onExit) {
            r.run();
        }
        leave();
    }

    /**
     * Reads a file as the process sees it (a final symlink is not followed).
     *
     * @param path an absolute path in the process's root
     * @return the bytes
     * @throws IOException e.g. {@link java.nio.file.NoSuchFileException}
     */
    public byte[] read(String path) throws IOException {
        try {
            OpenFile f = vfs.open(path, OpenFlags.O_RDONLY | OpenFlags.O_NOFOLLOW, 0);
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
     * Writes a file as the process would (created 0644, truncated if it exists, a final symlink
     * is not followed).
     *
     * @param path an absolute path in the process's root
     * @param content the text, UTF-8
     * @throws IOException e.g. on a read-only mount of the process
     */
    public void write(String path, String content) throws IOException {
        try {
            OpenFile f = vfs.open(
                    path,
                    OpenFlags.O_WRONLY
                            | OpenFlags.O_CREAT
                            | OpenFlags.O_TRUNC
                            | OpenFlags.O_NOFOLLOW,
                    0644);
            try {
                ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    f.write(buf);
                }
            } finally {
                f.close();
            }
        } catch (ErrnoException e) {
            throw NioExceptions.of(e.errno(), path, null);
        }
    }

    /**
     * Renames a file as the process would (how it publishes a file whole).
     *
     * @param from an absolute path in the process's root
     * @param to the new path
     * @throws IOException e.g. {@link java.nio.file.NoSuchFileException}
     */
    public void rename(String from, String to) throws IOException {
        try {
            vfs.rename(from, to);
        } catch (ErrnoException e) {
            throw NioExceptions.of(e.errno(), from, to);
        }
    }

    /**
     * Lists the process's mounts, as {@code /proc/<pid>/mountinfo} would: mount points as paths
     * in its root.
     *
     * @return the mounts, outermost first
     */
    public List<MountEntry> mounts() {
        return table(vfs);
    }

    /** The mount table of a process, with mount points as its paths. */
    static List<MountEntry> table(Vfs process) {
        try {
            return process.locked(() -> {
                List<MountEntry> out = new ArrayList<>();
                for (Mount m : process.namespace().mounts()) {
                    out.add(new MountEntry(
                            process.pathOf(new Location(m, m.root())),
                            m.superblock().type(),
                            m.superblock().source(),
                            "/",
                            List.of(m.isReadOnly() ? "ro" : "rw")));
                }
                return out;
            });
        } catch (ErrnoException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Enters the namespace for a view thread: a process of its own in it, at the root.
     *
     * @return the view's process
     * @throws ErrnoException ESRCH if the process has exited
     */
    synchronized Vfs enter() throws ErrnoException {
        if (!alive) {
            throw ErrnoException.of(dev.fsview.spi.errno.Errno.ESRCH);
        }
        holders++;
        return vfs.at(vfs.root());
    }

    /** A view thread (or the process itself) left the namespace; the last one releases it. */
    void leave() {
        boolean last;
        synchronized (this) {
            last = --holders == 0;
        }
        if (last) {
            ViewMounts.release(vfs);
        }
    }

    /**
     * Runs {@code action} when the process exits, at once if it has exited already.
     *
     * @param action must not block
     */
    void onExit(Runnable action) {
        onExit.add(Objects.requireNonNull(action));
        if (!isAlive()) {
            action.run(); // exited meanwhile: exit() may have missed it
        }
    }

    void removeOnExit(Runnable action) {
        onExit.remove(action);
    }

    @Override
    public String toString() {
        return "fake process " + pid + (isAlive() ? "" : " (exited)");
    }
}
