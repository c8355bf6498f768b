package dev.fsview.spi.dispatch;

import dev.fsview.HandOverStrategy;
import dev.fsview.HandOverTimeoutException;
import dev.fsview.ViewClosedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Hands tasks from any thread to one worker thread and results back: the seed's unbuffered
 * {@code todo} channel, with Java's interruption, timeouts and a choice of
 * {@linkplain HandOverStrategy waiting strategy}.
 *
 * <p>Semantics: one task runs at a time. A caller first waits for its turn to offer (a one-permit
 * semaphore, so at most one task is on offer), then for the worker to take the task; up to that
 * moment it may be interrupted or time out, and the task then never runs. Once taken, the task runs
 * and the caller waits for its end, uninterruptibly (it re-asserts its interrupt status after).
 * A call made on the worker thread itself runs inline. {@link #close()} lets the running task
 * finish; tasks offered but not taken are rejected with {@link ViewClosedException}.
 *
 * <p>The worker side is {@link #serve()}, run by the backend on its view thread.
 *
 * <p>Cost: with one caller, a round trip moves the request to the worker and the result back and
 * nothing else. Only the caller that holds the turn writes the slot and the semaphore (it vacates
 * both once its task is taken), so those cache lines stay with the caller; the worker only reads
 * the slot and writes the request's state.
 */
public final class TaskDispatcher {
    /** Spin budget of {@link HandOverStrategy#SPIN_THEN_PARK} on each side, in nanoseconds. */
    static final long FIXED_SPIN_NANOS = 50_000;
    /** Least spin budget of {@link HandOverStrategy#ADAPTIVE}: covers back-to-back calls. */
    static final long ADAPTIVE_MIN_SPIN_NANOS = 2_000;
    /** Largest spin budget of {@link HandOverStrategy#ADAPTIVE}: about a slow wake-up on a VM. */
    static final long ADAPTIVE_MAX_SPIN_NANOS = 100_000;

    /** A task as the dispatcher sees it: run on the worker, result or failure carried back. */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs the task.
         *
         * @return the result
         * @throws Throwable anything the task throws, carried back unchanged
         */
        Object run() throws Throwable;
    }

    private final String name;
    private final HandOverStrategy strategy;
    private final int cpus;
    private final Consumer<Throwable> detachedFailures;
    private final Semaphore offerPermit = new Semaphore(1);
    /** The callers' side: shared by all callers, who take turns. */
    private final SpinBudget callerSpin;

    private static final VarHandle SLOT;

    static {
        try {
            SLOT = MethodHandles.lookup().findVarHandle(TaskDispatcher.class, "slot",
                    HandOverRequest.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // written through SLOT as well
    private volatile HandOverRequest slot;
    private volatile boolean closed;
    private volatile boolean exited;
    private volatile boolean workerParked;
    private volatile Thread worker;

    /**
     * Creates a dispatcher.
     *
     * @param name the view's name, for messages
     * @param strategy how both sides wait
     * @param detachedFailures receives what a {@link #start started} task throws; it runs on the
     *     worker thread and must not block
     */
    public TaskDispatcher(String name, HandOverStrategy strategy, Consumer<Throwable> detachedFailures) {
        this(name, strategy, Runtime.getRuntime().availableProcessors(), detachedFailures);
    }

    /** As the public constructor, for a machine with {@code cpus} processors. */
    TaskDispatcher(String name, HandOverStrategy strategy, int cpus,
            Consumer<Throwable> detachedFailures) {
        this.name = name;
        this.strategy = strategy;
        this.cpus = cpus;
        this.detachedFailures = detachedFailures;
        this.callerSpin = SpinBudget.of(strategy, cpus);
    }

    /**
     * Returns whether the current thread is the worker, so calls run inline.
     *
     * @return {@code true} on the view thread
     */
    public boolean onWorkerThread() {
        return Thread.currentThread() == worker;
    }

    /**
     * Returns whether {@link #close()} was called.
     *
     * @return {@code true} once closing has begun
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Runs a body on the worker and returns its result, or rethrows what it threw.
     *
     * @param body the task
     * @param timeoutNanos how long to wait for the worker to take it; negative for no limit
     * @return the body's result
     * @throws Throwable the body's failure, unchanged; {@link ViewClosedException},
     *     {@link HandOverTimeoutException} or {@link InterruptedIOException} from the hand-over
     */
    public Object call(Body body, long timeoutNanos) throws Throwable {
        if (onWorkerThread()) {
            return body.run();
        }
        HandOverRequest request = offer(body, false, timeoutNanos);
        boolean interrupted = awaitDone(request);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (request.failure != null) {
            throw request.failure;
        }
        return request.result;
    }

    /**
     * Hands a body to the worker and returns once the worker has taken it.
     *
     * @param body the task; its failure goes to the detached-failure consumer
     * @param timeoutNanos how long to wait for the worker to take it; negative for no limit
     * @throws IOException {@link ViewClosedException}, {@link HandOverTimeoutException} or
     *     {@link InterruptedIOException} from the hand-over
     * @throws IllegalStateException on the worker thread, which would wait for itself
     */
    public void start(Body body, long timeoutNanos) throws IOException {
        if (onWorkerThread()) {
            throw new IllegalStateException("start() called from inside a task of " + name
                    + ": the view thread would wait for itself; call run() instead");
        }
        HandOverRequest request = offer(body, true, timeoutNanos);
        if (request.callerHasParked) {
            callerSpin.parked();
        }
    }

    /**
     * Stops accepting tasks. The running task finishes; a task on offer is rejected. Does not wait:
     * the backend joins its thread after this.
     */
    public void close() {
        closed = true;
        Thread w = worker;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /**
     * The worker loop: takes and runs tasks until {@link #close()}. Run by the backend on the view
     * thread once setup has succeeded; returns when the view closes.
     */
    public void serve() {
        worker = Thread.currentThread();
        // The worker's own budget, allocated on its own thread, so no caller ever touches it.
        SpinBudget spin = SpinBudget.of(strategy, cpus);
        try {
            while (!closed) {
                HandOverRequest request = awaitOffer(spin);
                if (request != null && request.leaveOffered(HandOverRequest.TAKEN)) {
                    vacate(request);
                    wake(request);
                    runTaken(request);
                }
            }
        } finally {
            exited = true;
            HandOverRequest pending = slot;
            if (pending != null && pending.leaveOffered(HandOverRequest.REJECTED)) {
                vacate(pending);
                wake(pending);
            }
        }
    }

    private void runTaken(HandOverRequest request) {
        try {
            request.result = request.body.run();
        } catch (Throwable t) {
            request.failure = t;
        }
        if (request.detached) {
            if (request.failure != null) {
                detachedFailures.accept(request.failure);
            }
            return;
        }
        request.finish();
        wake(request);
    }

    /** Spins, then parks, until a request is on offer or the dispatcher closes. */
    private HandOverRequest awaitOffer(SpinBudget spin) {
        HandOverRequest request = offered();
        if (request != null || closed) {
            return request;
        }
        long start = System.nanoTime();
        long now = start;
        long budget = spin.plan();
        for (int i = 0; budget > 0; i++) {
            Thread.onSpinWait();
            request = offered();
            if (request != null || closed) {
                spin.spun(now - start);
                return request;
            }
            if ((i & 63) == 63) {
                now = System.nanoTime();
                if (now - start > budget) {
                    break;
                }
            }
        }
        spin.parked();
        while (true) {
            // Dekker with offer(): we publish workerParked before re-reading slot, the caller
            // publishes slot before reading workerParked, so at least one of us sees the other.
            workerParked = true;
            request = offered();
            if (request == null && !closed) {
                LockSupport.park(this);
            }
            workerParked = false;
            request = offered();
            if (request != null || closed) {
                return request;
            }
        }
    }

    /** The request in the slot, if any: only a request on offer is ever in the slot. */
    private HandOverRequest offered() {
        return slot;
    }

    private HandOverRequest offer(Body body, boolean detached, long timeoutNanos)
            throws IOException {
        Deadline deadline = new Deadline(timeoutNanos);
        acquireTurn(timeoutNanos);
        long spinNanos = callerSpin.plan();
        long offeredAt = spinNanos > 0 ? System.nanoTime() : 0;
        HandOverRequest request = new HandOverRequest(body, detached, Thread.currentThread(),
                offeredAt, spinNanos);
        if (closed) {
            endTurn();
            throw closedException();
        }
        slot = request;
        if (workerParked) {
            LockSupport.unpark(worker);
        }
        if (exited && request.leaveOffered(HandOverRequest.REJECTED)) {
            // The worker left serve() between our closed check and our offer: nobody will take it.
            vacate(request);
            endTurn();
            throw closedException();
        }
        awaitTaken(request, deadline);
        return request;
    }

    private void acquireTurn(long timeoutNanos) throws IOException {
        try {
            if (timeoutNanos < 0) {
                offerPermit.acquire();
            } else if (!offerPermit.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
                throw timeoutException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interruptedException();
        }
    }

    /**
     * Waits until the worker takes the request; gives up (and withdraws it) on interrupt/timeout.
     * Whatever the outcome, vacates the slot and the turn before returning or throwing.
     */
    private void awaitTaken(HandOverRequest request, Deadline deadline) throws IOException {
        for (int i = 0;; i++) {
            int state = request.state();
            if (state == HandOverRequest.TAKEN || state == HandOverRequest.DONE) {
                endTurn();
                return;
            }
            if (state == HandOverRequest.REJECTED) {
                endTurn();
                throw closedException();
            }
            boolean interrupted = Thread.interrupted();
            boolean timedOut = deadline.passed();
            if (interrupted || timedOut) {
                if (request.leaveOffered(HandOverRequest.CANCELLED)) {
                    vacate(request);
                    endTurn();
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                        throw interruptedException();
                    }
                    throw timeoutException();
                }
                if (interrupted) {
                    Thread.currentThread().interrupt(); // taken just in time: the call goes on
                }
                continue;
            }
            if (!spinning(request, i)) {
                park(request, HandOverRequest.OFFERED, deadline);
            }
        }
    }

    /** Waits for the task's end whatever happens; returns whether the caller was interrupted. */
    private boolean awaitDone(HandOverRequest request) {
        boolean interrupted = false;
        int i = 0;
        for (; request.state() != HandOverRequest.DONE; i++) {
            if (!spinning(request, i)) {
                park(request, HandOverRequest.TAKEN, Deadline.NONE);
                interrupted |= Thread.interrupted();
            }
        }
        if (request.callerHasParked) {
            callerSpin.parked();
        } else if (i >= 64) {
            // Only a long wait is worth a clock read; a short one needs no longer budget.
            callerSpin.spun(System.nanoTime() - request.offeredAt);
        }
        return interrupted;
    }

    /** Spins once more unless the budget this call planned, counted from the offer, is spent. */
    private static boolean spinning(HandOverRequest request, int i) {
        if (request.spinNanos == 0
                || ((i & 63) == 63 && System.nanoTime() - request.offeredAt > request.spinNanos)) {
            return false;
        }
        Thread.onSpinWait();
        return true;
    }

    /** Parks while the request is still in the state the caller saw; the worker wakes it after. */
    private void park(HandOverRequest request, int seen, Deadline deadline) {
        request.callerHasParked = true;
        request.callerParked = true;
        // Dekker with wake(): the worker moves the state before reading callerParked, we publish
        // callerParked before re-reading the state, so either we see the move or it sees us.
        if (request.state() == seen) {
            if (deadline.timed) {
                LockSupport.parkNanos(this, deadline.remaining());
            } else {
                LockSupport.park(this);
            }
        }
        request.callerParked = false;
    }

    /**
     * Clears the slot if it still holds the request. Called by whoever moved the request off
     * OFFERED. A compare-and-set: once its caller has seen the move it ends its turn, and the next
     * caller may already have put its own request in the slot.
     */
    private void vacate(HandOverRequest request) {
        SLOT.compareAndSet(this, request, null);
    }

    /**
     * Lets the next caller offer. Only the caller that holds the turn calls this, once its request
     * has left OFFERED: so with one caller the semaphore's cache line never leaves it.
     */
    private void endTurn() {
        offerPermit.release();
    }

    private static void wake(HandOverRequest request) {
        if (request.callerParked) {
            LockSupport.unpark(request.caller);
        }
    }

    private ViewClosedException closedException() {
        return new ViewClosedException(name + " is closed");
    }

    private InterruptedIOException interruptedException() {
        return new InterruptedIOException("interrupted while handing a task to " + name
                + "; the task did not run");
    }

    private HandOverTimeoutException timeoutException() {
        return new HandOverTimeoutException(name + " did not take the task in time; it did not run");
    }

    /**
     * How long one side spins before it parks. Fixed for {@link HandOverStrategy#PARK} (never) and
     * {@link HandOverStrategy#SPIN_THEN_PARK}. For {@link HandOverStrategy#ADAPTIVE} it follows
     * whether spinning pays off: a wait that had to park halves the budget (down to
     * {@link #ADAPTIVE_MIN_SPIN_NANOS}), a wait that spinning covered makes it at least twice that
     * wait (up to {@link #ADAPTIVE_MAX_SPIN_NANOS}). So back-to-back calls keep spinning; a view
     * called now and then, or a machine with more runnable threads than processors (where a spin
     * only delays the thread it waits for), soon spins for a couple of microseconds only. One wait
     * in {@value #PROBE_EVERY} spins the full budget, to find out when spinning pays again. With
     * one processor nobody spins: the other side cannot run while this one spins.
     *
     * <p>One per side; the callers share theirs. Updates are plain races: a lost update only makes
     * the budget lag one wait behind.
     */
    static final class SpinBudget {
        static final int PROBE_EVERY = 16;

        private final long min;
        private final long max;
        private volatile long nanos;
        private int waits;

        private SpinBudget(long min, long max) {
            this.min = min;
            this.max = max;
            this.nanos = max;
        }

        static SpinBudget of(HandOverStrategy strategy, int cpus) {
            if (cpus < 2 || strategy == HandOverStrategy.PARK) {
                return new SpinBudget(0, 0);
            }
            if (strategy == HandOverStrategy.SPIN_THEN_PARK) {
                return new SpinBudget(FIXED_SPIN_NANOS, FIXED_SPIN_NANOS);
            }
            return new SpinBudget(ADAPTIVE_MIN_SPIN_NANOS, ADAPTIVE_MAX_SPIN_NANOS);
        }

        /** How long the next wait may spin, in nanoseconds; 0 to park at once. */
        long plan() {
            long budget = nanos;
            if (budget < max && ++waits % PROBE_EVERY == 0) {
                return max;
            }
            return budget;
        }

        /** The awaited event came while spinning, about {@code waitedNanos} into the wait. */
        void spun(long waitedNanos) {
            long wanted = Math.min(max, 2 * waitedNanos);
            if (wanted > nanos) {
                nanos = wanted;
            }
        }

        /** The wait outlasted its spin and parked. */
        void parked() {
            long halved = Math.max(min, nanos / 2);
            if (halved != nanos) {
                nanos = halved;
            }
        }

        /** The current budget, without probing; for tests. */
        long nanos() {
            return nanos;
        }
    }

    /** A point in time to give up at, or none. */
    private static final class Deadline {
        static final Deadline NONE = new Deadline(-1);

        final boolean timed;
        final long at;

        Deadline(long timeoutNanos) {
            this.timed = timeoutNanos >= 0;
            this.at = timed ? System.nanoTime() + timeoutNanos : 0;
        }

        boolean passed() {
            return timed && System.nanoTime() - at >= 0;
        }

        long remaining() {
            return at - System.nanoTime();
        }
    }
}
