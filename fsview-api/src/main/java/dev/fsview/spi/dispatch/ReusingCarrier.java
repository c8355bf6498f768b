package dev.fsview.spi.dispatch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link ViewThread.Carrier} that keeps a few platform threads as spares after their views end,
 * so that opening a view does not pay for starting a thread and ending one (about 100 µs each on
 * Linux). A thread serves again only once the backend's {@link ReturnCheck} says, on that thread,
 * that it is back in its clean state; otherwise, or when enough spares wait already, it ends.
 *
 * <p>A backend that can tell, before the full check, that the view holds nothing through the
 * thread any more ({@link ReturnCheck#hasReleasedView()}) lets the view's {@code close()} return
 * at once: the check then runs after it, while the thread holds a spare's place, and a thread that
 * fails it still ends. Opening a view while every spare's place is taken that way waits for one
 * of them rather than starting a thread.
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

        /**
         * Called on the thread right after a view's body ended on it, before
         * {@link #isThisThreadBack()}: whether the view no longer holds anything through this
         * thread (on Linux: the thread has left the view's mount namespace, so the view's mounts
         * are gone). If so, the view's {@code close()} returns now, and the slower return check
         * runs after it, before the thread may serve again.
         *
         * @return {@code true} if the view is released on this thread; by default {@code false}
         *     (the view's close waits for the return check)
         */
        default boolean hasReleasedView() {
            return false;
        }
    }

    private static final AtomicInteger SEQ = new AtomicInteger();
    /**
     * How long an open waits at most for a spare still checking its return (tens of microseconds
     * when it runs; a check stuck longer than this is not waited for).
     */
    static final long RETURN_WAIT_MILLIS = 1000;
    /**
     * How long a spare that just became idle watches for its next view before it parks. A view
     * opened right after another one closed (a loop of short views, a copy view per request) then
     * finds its thread awake: handing it over costs a cache-line transfer instead of a futex
     * wake-up of a parked thread, 10-20 µs on a VM. At most this much CPU per view otherwise.
     */
    static final long IDLE_SPIN_NANOS = 20_000;
    // With one processor a spinning spare only delays the thread that would hand it a view.
    private static final boolean SPIN = Runtime.getRuntime().availableProcessors() > 1;

    private final String spareName;
    private final int max;
    private final ReturnCheck check;
    private final Runnable reset;
    private final long returnWaitNanos;
    private final Deque<Spare> idle = new ArrayDeque<>();
    private final AtomicLong reused = new AtomicLong();
    // Threads whose view has returned from close() but whose return check still runs: each holds
    // a spare's place, so idle plus returning never exceeds max.
    private int returning;
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
        this(spareName, maxSpares, check, reset, RETURN_WAIT_MILLIS);
    }

    /** With another bound on the wait for a returning spare (tests). */
    ReusingCarrier(
            String spareName,
            int maxSpares,
            ReturnCheck check,
            Runnable reset,
            long returnWaitMillis) {
        this.spareName = Objects.requireNonNull(spareName, "spareName");
        if (maxSpares < 0) {
            throw new IllegalArgumentException("maxSpares < 0: " + maxSpares);
        }
        this.max = maxSpares;
        this.check = Objects.requireNonNull(check, "check");
        this.reset = Objects.requireNonNull(reset, "reset");
        this.returnWaitNanos = TimeUnit.MILLISECONDS.toNanos(returnWaitMillis);
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
        Spare spare = takeIdle();
        if (spare != null) {
            reused.incrementAndGet();
            spare.hand(job);
            return spare.thread;
        }
        spare = new Spare(job);
        spare.thread.start();
        return spare.thread;
    }

    /**
     * An idle spare, or null to start a new thread. When every spare's place is taken by a thread
     * still checking its return, waits for one: that takes tens of microseconds, a new thread
     * hundreds. A check that takes longer than {@link #RETURN_WAIT_MILLIS} is not waited for.
     */
    private synchronized Spare takeIdle() {
        boolean interrupted = false;
        long deadline = System.nanoTime() + returnWaitNanos;
        while (idle.isEmpty() && returning > 0 && returning >= max) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break; // a stuck check never stalls an open: a new thread serves it
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return idle.pollFirst();
    }

    /** Takes a spare's place for a thread whose view is released, if one is free. */
    private synchronized boolean reserveReturn() {
        if (idle.size() + returning >= max) {
            return false;
        }
        returning++;
        return true;
    }

    /** After the return check: keeps the thread as a spare if it is back and there is room. */
    private synchronized boolean settle(Spare spare, boolean back, boolean reserved) {
        if (reserved) {
            returning--;
        }
        boolean kept = back && idle.size() + returning < max;
        if (kept) {
            idle.addFirst(spare);
        }
        notifyAll();
        return kept;
    }

    private record Job(String name, Runnable body, ViewThread.Done done, ClassLoader loader) {}

    private final class Spare implements Runnable {
        final Thread thread;
        private final String idleName = spareName + SEQ.incrementAndGet();
        private volatile Job next;

        Spare(Job first) {
            next = first;
            thread = new Thread(null, this, first.name(), 0);
            thread.setDaemon(true);
        }

        /** Hands the next view to this idle spare: one unpark, no monitor to take again. */
        void hand(Job job) {
            next = job;
            LockSupport.unpark(thread);
        }

        private Job take() {
            if (SPIN) {
                spinForNext();
            }
            Job j;
            while ((j = next) == null) {
                LockSupport.park(this);
                // Nobody interrupts an idle spare on purpose: keep waiting for a view (a status
                // left set would make every park return at once).
                Thread.interrupted();
            }
            next = null;
            return j;
        }

        /** Watches for a view for at most {@link #IDLE_SPIN_NANOS}. */
        private void spinForNext() {
            long start = System.nanoTime();
            for (int i = 1; next == null; i++) {
                Thread.onSpinWait();
                if ((i & 63) == 0 && System.nanoTime() - start > IDLE_SPIN_NANOS) {
                    return;
                }
            }
        }

        @Override
        public void run() {
            boolean livesOn = true;
            while (livesOn) {
                Job job = take();
                thread.setName(job.name());
                thread.setContextClassLoader(job.loader());
                livesOn = serve(job);
            }
        }

        /** Runs one view, then says so: as soon as the view is released, or after the check. */
        private boolean serve(Job job) {
            boolean early = false;
            boolean livesOn = false;
            try {
                job.body().run();
                early = check.hasReleasedView() && reserveReturn();
                if (early) {
                    // Named a spare before close() returns: the view's thread is gone by name.
                    thread.setName(idleName);
                    job.done().ended(true);
                }
                livesOn = check.isThisThreadBack();
            } finally {
                if (livesOn) {
                    reset();
                }
                livesOn = settle(this, livesOn, early);
                if (!livesOn) {
                    retired.incrementAndGet();
                }
                if (!early) {
                    job.done().ended(livesOn);
                }
            }
            return livesOn;
        }

        private void reset() {
            Thread.interrupted();
            if (!idleName.equals(thread.getName())) { // renamed already if released early
                thread.setName(idleName);
            }
            thread.setPriority(Thread.NORM_PRIORITY);
            thread.setUncaughtExceptionHandler(null);
            thread.setContextClassLoader(null);
            reset.run();
        }
    }
}
