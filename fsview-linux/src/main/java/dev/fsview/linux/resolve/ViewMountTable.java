package dev.fsview.linux.resolve;

import dev.fsview.ViewClosedException;
import dev.fsview.linux.sys.Fd;
import dev.fsview.spi.Mountinfo;

import java.io.IOException;
import java.nio.file.Path;
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
    private boolean closed;

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
        for (Mountinfo.Line line : Mountinfo.read(Path.of(task.procPath(), "mountinfo"))) {
            if (line.id() == mountId) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
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
