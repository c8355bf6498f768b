package dev.fsview.spi.dispatch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ViewThread.Carrier} that keeps a few platform threads as spares after their views end,
 * so that opening a view does not pay for starting a thread and ending one (about 100 µs each on
 * Linux). A thread serves again only once the backend's {@link ReturnCheck} says, on that thread,
 * that it is back in its clean state; otherwise, or when enough spares wait already, it ends.
 *
 * <p>Between views a spare is reset: interrupt status, name, priority, uncaught-exception handler
 * and context class loader, then the backend's own reset. Thread-locals a task set stay: a
 * backend whose tasks can leave something in one must not re-use threads.
 */
public final class ReusingCarrier implements ViewThread.Carrier {
    /** Whether the current thread, back from a view, is clean enough to serve another. */
    @FunctionalInterface
    public interface ReturnCheck {
        /**
         * Called on the thread right after a view's body ended on it.
         *
         * @return {@code true} if the thread may serve another view
         */
        boolean isThisThreadBack();
    }

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final String spareName;
    private final int max;
    private final ReturnCheck check;
    private final Runnable reset;
    private final Deque<Spare> idle = new ArrayDeque<>();
    private final AtomicLong reused = new AtomicLong();
    private final AtomicLong retired = new AtomicLong();

    /**
     * A carrier that keeps at most {@code maxSpares} idle threads.
     *
     * @param spareName the name of an idle spare, before its number (e.g. {@code "fsview-spare-"})
     * @param maxSpares idle threads kept at most; 0 keeps none (every thread ends after its view)
     * @param check run on a thread after its view: whether it may serve again
     * @param reset run on a thread that serves again, after the common reset
     */
    public ReusingCarrier(String spareName, int maxSpares, ReturnCheck check, Runnable reset) {
        this.spareName = Objects.requireNonNull(spareName, "spareName");
        if (maxSpares < 0) {
            throw new IllegalArgumentException("maxSpares < 0: " + maxSpares);
        }
        this.max = maxSpares;
        this.check = Objects.requireNonNull(check, "check");
        this.reset = Objects.requireNonNull(reset, "reset");
    }

    /**
     * Counts, for tests and diagnostics.
     *
     * @return {@code [idle, reused, retired]}: spares waiting now, views served by a spare, and
     *     threads that ended after a view
     */
    public synchronized long[] counts() {
        return new long[] {idle.size(), reused.get(), retired.get()};
    }

    @Override
    public Thread carry(String name, Runnable body, ViewThread.Done done) {
        Job job = new Job(
                Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(body, "body"),
                Objects.requireNonNull(done, "done"),
                Thread.currentThread().getContextClassLoader());
        Spare spare;
        synchronized (this) {
            spare = idle.pollFirst();
        }
        if (spare != null) {
            reused.incrementAndGet();
            spare.hand(job);
            return spare.thread;
        }
        spare = new Spare(job);
        spare.thread.start();
        return spare.thread;
    }

    private synchronized boolean keep(Spare s) {
        if (idle.size() >= max) {
            return false;
        }
        idle.addFirst(s);
        return true;
    }

    private record Job(String name, Runnable body, ViewThread.Done done, ClassLoader loader) {}

    private final class Spare implements Runnable {
        final Thread thread;
        private final String idleName = spareName + SEQ.incrementAndGet();
        private Job next;

        Spare(Job first) {
            next = first;
            thread = new Thread(null, this, first.name(), 0);
            thread.setDaemon(true);
        }

        synchronized void hand(Job job) {
            next = job;
            notifyAll();
        }

        private synchronized Job take() {
            while (next == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // Nobody interrupts an idle spare on purpose: keep waiting for a view.
                }
            }
            Job j = next;
            next = null;
            return j;
        }

        @Override
        public void run() {
            boolean livesOn = true;
            while (livesOn) {
                Job job = take();
                thread.setName(job.name());
                thread.setContextClassLoader(job.loader());
                livesOn = false;
                try {
                    job.body().run();
                    livesOn = check.isThisThreadBack();
                } finally {
                    if (livesOn) {
                        reset();
                        livesOn = keep(this);
                    }
                    if (!livesOn) {
                        retired.incrementAndGet();
                    }
                    job.done().ended(livesOn);
                }
            }
        }

        private void reset() {
            Thread.interrupted();
            thread.setName(idleName);
            thread.setPriority(Thread.NORM_PRIORITY);
            thread.setUncaughtExceptionHandler(null);
            thread.setContextClassLoader(null);
            reset.run();
        }
    }
}
