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
 * {@code mountinfo} lists the namespace's mounts with mount points relative to that task's root:
 * as seen in the view, never as host paths. The fd, not a pid, names the task: once the task has
 * ended, reads fail instead of reaching a task that reused its number.
 */
public final class ViewMountTable implements AutoCloseable {
    private Fd task;
    private long rootMountId = -1;
    private boolean closed;

    /**
     * Takes ownership of the fd of a task's {@code /proc} directory, e.g. {@code /proc/thread-self}
     * opened by the view thread; closes any previous one.
     *
     * @param taskDir an {@code O_PATH} fd of the directory
     */
    public synchronized void pin(Fd taskDir) {
        pin(taskDir, -1);
    }

    /**
     * Takes ownership of the fd of a task's {@code /proc} directory, as {@link #pin(Fd)}, for a
     * task whose root may be above the view's top: a view thread that switches root at its first
     * request is until then in the empty namespace's tmpfs, where the kernel renders the view's
     * mount points below the tmpfs's mount point. They are then given relative to the view's top
     * mount, as after the switch, and a mount outside the view (the tmpfs) is not the view's.
     *
     * @param taskDir an {@code O_PATH} fd of the directory
     * @param rootMountId the mount id of the view's top mount; -1 to take the mount points as
     *     rendered
     */
    public synchronized void pin(Fd taskDir, long rootMountId) {
        this.rootMountId = rootMountId;
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
        String top = topMountPoint(lines);
        for (Mountinfo.Line line : lines) {
            if (line.id() == mountId) {
                return top == null ? Optional.of(line) : relativeTo(top, line);
            }
        }
        return Optional.empty();
    }

    /**
     * Where the view's top mount is in this rendering, if it is not "/" (the table was read before
     * the view thread's root switch); null to take the mount points as they are.
     */
    private String topMountPoint(List<Mountinfo.Line> lines) {
        if (rootMountId < 0) {
            return null;
        }
        for (Mountinfo.Line line : lines) {
            if (line.id() == rootMountId) {
                return line.mountPoint().equals("/") ? null : line.mountPoint();
            }
        }
        return null;
    }

    /** A line with its mount point made relative to {@code top}; empty if outside it. */
    private static Optional<Mountinfo.Line> relativeTo(String top, Mountinfo.Line line) {
        String at = line.mountPoint();
        String inView;
        if (at.equals(top)) {
            inView = "/";
        } else if (at.startsWith(top + "/")) {
            inView = at.substring(top.length());
        } else {
            return Optional.empty();
        }
        return Optional.of(new Mountinfo.Line(
                line.id(),
                line.parentId(),
                line.root(),
                inView,
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
