package dev.fsview.linux.ns;

import dev.fsview.linux.preload.ClassPathSeal;
import dev.fsview.spi.AbstractFsView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One thread of the JVM that stays on the host, for the one step that a task on a view thread
 * cannot take itself: reopening an inspected file through {@code /proc/self/fd/N}
 * ({@link dev.fsview.ViewOpenOption}), since a view has no {@code /proc}. The fd table is the
 * process's, so the host thread reopens the very object the task's thread found.
 *
 * <p>It is made once, from a host thread, when the first view opens: a new thread shares the root
 * and working directory of the thread that makes it ({@code CLONE_FS}), so one made from a view
 * thread would have the container as its root. Before it serves, it proves itself on the host
 * ({@link HostIdentity}: root mount and mount namespace); one that cannot is never used.
 */
public final class HostThread {
    private static final Object LOCK = new Object();
    private static volatile BlockingQueue<FutureTask<?>> queue;
    private static boolean tried;

    private HostThread() {}

    /**
     * Starts the host thread if it is not running yet. Does nothing on a thread that is itself
     * contained (a task's thread, or one it made): the thread made here would share its root.
     */
    public static void ensureStarted() {
        if (queue != null || ClassPathSeal.isContained()) {
            return;
        }
        synchronized (LOCK) {
            if (queue != null || tried) {
                return;
            }
            tried = true;
            HostIdentity host = HostIdentity.ofThisThread();
            if (host == null) {
                return;
            }
            BlockingQueue<FutureTask<?>> q = new LinkedBlockingQueue<>();
            CountDownLatch proved = new CountDownLatch(1);
            AtomicBoolean onHost = new AtomicBoolean();
            Thread t = new Thread(
                    () -> {
                        onHost.set(host.isThisThreadOnHost());
                        proved.countDown();
                        if (onHost.get()) {
                            serve(q);
                        }
                    },
                    "fsview-host-linux");
            t.setDaemon(true);
            t.start();
            boolean interrupted = false;
            while (true) {
                try {
                    proved.await(); // a few reads of /proc: never long
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (onHost.get()) {
                queue = q;
            }
        }
    }

    private static void serve(BlockingQueue<FutureTask<?>> q) {
        while (true) {
            try {
                q.take().run(); // a FutureTask keeps every failure for its caller
            } catch (InterruptedException e) {
                // Nothing interrupts this thread on purpose; keep serving.
            }
        }
    }

    /**
     * Runs {@code step} on the host thread and waits for it.
     *
     * @param step what to run; it must not block (a reopen of an inspected regular file)
     * @param what the caller's operation, for the error when there is no host thread
     * @param <T> the result type
     * @return the step's result
     * @throws IOException the step's failure (an interrupt is kept for the caller, not thrown)
     * @throws UnsupportedOperationException if no host thread could be started in this JVM
     */
    public static <T> T call(AbstractFsView.IoCallable<T> step, String what) throws IOException {
        BlockingQueue<FutureTask<?>> q = queue;
        if (q == null) {
            throw new UnsupportedOperationException(what + " is not supported here: fsview has no"
                    + " thread on the host to reopen the checked file through /proc (none could"
                    + " be started when the view opened)");
        }
        FutureTask<T> task = new FutureTask<>(() -> {
            try {
                return step.call();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        q.add(task);
        // Waited for even when interrupted: the step never blocks, and what it opened must reach
        // the caller to be closed, never be dropped on the host thread.
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException) {
                throw ((UncheckedIOException) c).getCause();
            }
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            if (c instanceof Error) {
                throw (Error) c;
            }
            throw new IOException(c);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
