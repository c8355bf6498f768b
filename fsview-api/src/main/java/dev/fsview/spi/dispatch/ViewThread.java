package dev.fsview.spi.dispatch;

import dev.fsview.FsViewException;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * The one platform thread a view owns: it runs the backend's setup (on Linux: unshare, mounts, root
 * switch), then serves tasks until the view closes, then the backend's teardown, and ends. Never a
 * virtual thread: on Linux the mount namespace belongs to this OS thread. By default the thread is
 * new and dies with the view; a backend may hand a {@link Carrier} that re-uses platform threads,
 * when it can prove that a thread is back in its clean state after the view (Linux:
 * {@code dev.fsview.linux.ns.SpareThreads}).
 */
public final class ViewThread {
    /** Where a view's body runs: on a platform thread that does nothing else meanwhile. */
    @FunctionalInterface
    public interface Carrier {
        /**
         * Runs {@code body} on a platform thread, then calls {@code done} on that same thread.
         *
         * @param name the view thread's name while it serves the view
         * @param body setup, tasks and teardown; never throws
         * @param done to call after {@code body}, with whether the thread lives on (re-used by
         *     other views) instead of ending right after
         * @return the thread the body runs on
         */
        Thread carry(String name, Runnable body, Done done);
    }

    /** What a {@link Carrier} says after a view's body. */
    @FunctionalInterface
    public interface Done {
        /**
         * The view is over on this thread.
         *
         * @param threadLivesOn {@code true} if the view holds nothing through the thread any
         *     more and the caller need not wait for it to end (it serves other views once back in
         *     its clean state, or ends on its own if it is not); {@code false} if it ends right
         *     after this call, and the view's close waits for that
         */
        void ended(boolean threadLivesOn);
    }

    /** A new daemon thread per view, which ends with the view. */
    public static final Carrier NEW_THREADS = (name, body, done) -> {
        Thread t = new Thread(
                null,
                () -> {
                    try {
                        body.run();
                    } finally {
                        done.ended(false);
                    }
                },
                name,
                0);
        t.setDaemon(true);
        t.start();
        return t;
    };

    /** Counted down when the view is over on its thread; then whether the thread lives on. */
    private static final class Finish {
        final CountDownLatch latch = new CountDownLatch(1);
        volatile boolean threadLivesOn;
    }

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
    private final Finish finish;

    private ViewThread(Thread thread, TaskDispatcher dispatcher, Finish finish) {
        this.thread = thread;
        this.dispatcher = dispatcher;
        this.finish = finish;
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
    public static ViewThread start(
            String name, TaskDispatcher dispatcher, Setup setup, Runnable teardown)
            throws IOException {
        return start(name, dispatcher, setup, teardown, NEW_THREADS);
    }

    /**
     * Starts a view on a thread of a carrier and waits until its setup has succeeded or failed.
     * On failure, the teardown has run before this throws (and the thread has ended, unless the
     * carrier re-uses it).
     *
     * @param name the thread's name while it serves the view
     * @param dispatcher the dispatcher the thread serves
     * @param setup the backend's setup, run first on the thread
     * @param teardown run last on the thread, whether setup failed or the view closed
     * @param carrier where the view runs
     * @return the running view thread
     * @throws IOException the setup's failure ({@link IOException}s unchanged, anything else
     *     wrapped in {@link FsViewException})
     */
    public static ViewThread start(
            String name, TaskDispatcher dispatcher, Setup setup, Runnable teardown, Carrier carrier)
            throws IOException {
        return start(name, dispatcher, setup, TaskDispatcher.Prelude.NONE, teardown, carrier);
    }

    /**
     * Starts a view on a thread of a carrier, as {@link #start(String, TaskDispatcher, Setup,
     * Runnable, Carrier)}, with part of the setup left until the first request handed to the
     * thread: what only that work needs (Linux: the root switch), so that a view used through its
     * file system alone never does it.
     *
     * @param name the thread's name while it serves the view
     * @param dispatcher the dispatcher the thread serves
     * @param setup the backend's setup, run first on the thread
     * @param beforeFirstRequest run on the thread right before its first request; its failure
     *     fails that request and every later one
     *     ({@link TaskDispatcher#serve(TaskDispatcher.Prelude)}); {@link TaskDispatcher.Prelude#NONE}
     *     for nothing
     * @param teardown run last on the thread, whether setup failed or the view closed
     * @param carrier where the view runs
     * @return the running view thread
     * @throws IOException the setup's failure ({@link IOException}s unchanged, anything else
     *     wrapped in {@link FsViewException})
     */
    public static ViewThread start(
            String name,
            TaskDispatcher dispatcher,
            Setup setup,
            TaskDispatcher.Prelude beforeFirstRequest,
            Runnable teardown,
            Carrier carrier)
            throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(beforeFirstRequest, "beforeFirstRequest");
        Objects.requireNonNull(teardown, "teardown");
        Objects.requireNonNull(carrier, "carrier");
        CountDownLatch ready = new CountDownLatch(1);
        Throwable[] failure = new Throwable[1];
        Finish finish = new Finish();
        Thread t = carrier.carry(
                name,
                () -> {
                    try {
                        setup.run();
                    } catch (Throwable e) {
                        failure[0] = e;
                    }
                    try {
                        if (failure[0] == null) {
                            ready.countDown();
                            dispatcher.serve(beforeFirstRequest);
                        }
                    } finally {
                        teardown.run();
                        ready.countDown();
                    }
                },
                threadLivesOn -> {
                    finish.threadLivesOn = threadLivesOn;
                    finish.latch.countDown();
                });
        awaitUninterruptibly(ready);
        if (failure[0] != null) {
            awaitEnd(t, finish);
            throw asIOException(name, failure[0]);
        }
        return new ViewThread(t, dispatcher, finish);
    }

    /** Waits until the view is over on its thread, and until the thread has ended unless re-used. */
    private static void awaitEnd(Thread t, Finish finish) {
        awaitUninterruptibly(finish.latch);
        if (!finish.threadLivesOn) {
            ThreadJoins.joinUninterruptibly(t);
        }
    }

    /**
     * Stops the dispatcher and, unless called from the view thread itself, waits until the view is
     * over on its thread (the running task, if any, finishes first; then the teardown) and the
     * thread has ended, or, for a re-used thread, is back in its clean state.
     */
    public void close() {
        dispatcher.close();
        if (Thread.currentThread() != thread) {
            awaitEnd(thread, finish);
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
}
