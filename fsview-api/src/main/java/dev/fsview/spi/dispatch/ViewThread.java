package dev.fsview.spi.dispatch;

import dev.fsview.FsViewException;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * The one platform thread a view owns: it runs the backend's setup (on Linux: unshare, mounts, root
 * switch), then serves tasks until the view closes, then the backend's teardown, and ends. Never a
 * pooled or virtual thread: on Linux the mount namespace belongs to this OS thread and must die
 * with it.
 */
public final class ViewThread {
    /** The backend's setup, run on the view thread before it serves tasks. */
    @FunctionalInterface
    public interface Setup {
        /**
         * Sets the view up.
         *
         * @throws Exception any failure; the view is then not opened
         */
        void run() throws Exception;
    }

    private final Thread thread;
    private final TaskDispatcher dispatcher;

    private ViewThread(Thread thread, TaskDispatcher dispatcher) {
        this.thread = thread;
        this.dispatcher = dispatcher;
    }

    /**
     * Starts a view thread and waits until its setup has succeeded or failed. On failure, the
     * thread has run its teardown and ended before this throws.
     *
     * @param name the thread's name
     * @param dispatcher the dispatcher the thread serves
     * @param setup the backend's setup, run first on the new thread
     * @param teardown run last on the thread, whether setup failed or the view closed
     * @return the running view thread
     * @throws IOException the setup's failure ({@link IOException}s unchanged, anything else
     *     wrapped in {@link FsViewException})
     */
    public static ViewThread start(String name, TaskDispatcher dispatcher, Setup setup,
            Runnable teardown) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(teardown, "teardown");
        CountDownLatch ready = new CountDownLatch(1);
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                setup.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
            try {
                if (failure[0] == null) {
                    ready.countDown();
                    dispatcher.serve();
                }
            } finally {
                teardown.run();
                ready.countDown();
            }
        }, name, 0);
        t.setDaemon(true);
        t.start();
        awaitUninterruptibly(ready);
        if (failure[0] != null) {
            joinUninterruptibly(t);
            throw asIOException(name, failure[0]);
        }
        return new ViewThread(t, dispatcher);
    }

    /**
     * Stops the dispatcher and, unless called from the view thread itself, waits until the thread
     * has ended (the running task, if any, finishes first).
     */
    public void close() {
        dispatcher.close();
        if (Thread.currentThread() != thread) {
            joinUninterruptibly(thread);
        }
    }

    /**
     * Returns the thread.
     *
     * @return the view thread
     */
    public Thread thread() {
        return thread;
    }

    private static IOException asIOException(String name, Throwable failure) {
        if (failure instanceof IOException) {
            return (IOException) failure;
        }
        return new FsViewException(name + ": setup failed: " + failure, failure);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
