package dev.fsview.linux.resolve;

import dev.fsview.ViewClosedException;
import dev.fsview.linux.sys.Fd;
import dev.fsview.spi.Mountinfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A view's mount table, read on callers' threads from the {@code /proc} directory of a task in the
 * view's mount namespace (the view thread's, pinned by an fd opened before the root switch). Its
 * {@code mountinfo} lists the namespace's mounts with mount points relative to that task's root.
 * Until the view thread's first task that root is still the host's (the switch waits for it): the
 * mount points are then made relative to the view root's mount, as read in the same table, and
 * mounts outside it are not the view's. Either way they are container paths, never host paths.
 * The fd, not a pid, names the task: once the task has ended, reads fail instead of reaching a
 * task that reused its number.
 */
public final class ViewMountTable implements AutoCloseable {
    /** The mount id of the view's root, or -1 where the task's root is the view's root. */
    private final long rootMountId;

    private Fd task;
    private boolean closed;

    /** A table whose task's root is the view's root (mount points are taken as they are). */
    public ViewMountTable() {
        this(-1);
    }

    /**
     * A table of a view whose root is the root of mount {@code rootMountId}.
     *
     * @param rootMountId the mount id ({@code statx} {@code stx_mnt_id}) of the view root; -1
     *     if unknown (mount points are taken as they are)
     */
    public ViewMountTable(long rootMountId) {
        this.rootMountId = rootMountId;
    }

    /**
     * Takes ownership of the fd of a task's {@code /proc} directory, e.g. {@code /proc/thread-self}
     * opened by the view thread; closes any previous one.
     *
     * @param taskDir an {@code O_PATH} fd of the directory
     */
    public synchronized void pin(Fd taskDir) {
        if (closed) {
            taskDir.close();
            return;
        }
        if (task != null) {
            task.close();
        }
        task = taskDir;
    }

    /**
     * Finds a mount of the view by its id ({@code statx} {@code stx_mnt_id} of a file on it).
     *
     * @param mountId the id
     * @return its line of the view's mountinfo; empty if no task is pinned or the id is not there
     * @throws IOException if the table cannot be read
     * @throws ViewClosedException once the view is closed
     */
    public synchronized Optional<Mountinfo.Line> byId(long mountId) throws IOException {
        if (closed) {
            throw new ViewClosedException("the view is closed");
        }
        if (task == null || mountId < 0) {
            return Optional.empty();
        }
        List<Mountinfo.Line> lines = Mountinfo.read(Path.of(task.procPath(), "mountinfo"));
        String top = "/";
        for (Mountinfo.Line line : lines) {
            if (line.id() == rootMountId) {
                top = line.mountPoint();
            }
        }
        for (Mountinfo.Line line : lines) {
            if (line.id() == mountId) {
                return inView(line, top);
            }
        }
        return Optional.empty();
    }

    /**
     * The line with its mount point made relative to {@code top}, the view root's mount point in
     * the same read; empty for a mount outside the view (the host's, listed before the switch).
     */
    private static Optional<Mountinfo.Line> inView(Mountinfo.Line line, String top) {
        String at = line.mountPoint();
        if (top.equals("/")) {
            return Optional.of(line);
        }
        String inside;
        if (at.equals(top)) {
            inside = "/";
        } else if (at.startsWith(top + "/")) {
            inside = at.substring(top.length());
        } else {
            return Optional.empty();
        }
        return Optional.of(new Mountinfo.Line(
                line.id(),
                line.parentId(),
                line.root(),
                inside,
                line.options(),
                line.fsType(),
                line.source()));
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (task != null) {
            task.close();
            task = null;
        }
    }
}
