package dev.fsview.spi.dispatch;

import dev.fsview.HandOverStrategy;
import dev.fsview.HandOverTimeoutException;
import dev.fsview.ViewClosedException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
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
 */
public final class TaskDispatcher {
    /** Spin budgets for {@link HandOverStrategy#SPIN_THEN_PARK}, in nanoseconds. */
    static final long WORKER_SPIN_NANOS = 50_000;

    static final long CALLER_SPIN_NANOS = 50_000;
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

    /**
     * Work the worker does once, on its own thread, right before the first request it runs: on
     * Linux the root switch, which only work handed to the view thread needs (the file system
     * resolves on callers' threads), so that a view used through its file system alone never
     * makes it.
     */
    @FunctionalInterface
    public interface Prelude {
        /** Nothing to do before the first request. */
        Prelude NONE = () -> {};

        /**
         * Does the work.
         *
         * @throws Exception a failure; the request that came first and every later one fail with
         *     it, and none of them runs
         */
        void run() throws Exception;
    }

    // Read once: in a container the JVM answers availableProcessors() from cgroup files, a
    // sched_getaffinity and two file reads per call, on the way of every view's open.
    private static final int CPUS = Runtime.getRuntime().availableProcessors();

    private final String name;
    private final HandOverStrategy strategy;
    private final int cpus;
    /** The callers' side: shared by all callers, who take turns. */
    private final SpinBudget callerSpin;

    private final Consumer<Throwable> detachedFailures;
    private final Semaphore offerPermit = new Semaphore(1);

    private volatile HandOverRequest slot;
    private volatile boolean closed;
    private volatile String closedReason;
    private volatile boolean exited;
    private volatile boolean workerParked;
    private volatile Thread worker;
    /** Worker-thread only: the prelude still to run, then what it threw, if anything. */
    private Prelude prelude;

    private Throwable preludeFailure;

    /**
     * Creates a dispatcher.
     *
     * @param name the view's name, for messages
     * @param strategy how both sides wait
     * @param detachedFailures receives what a {@link #start started} task throws; it runs on the
     *     worker thread and must not block
     */
    public TaskDispatcher(
            String name, HandOverStrategy strategy, Consumer<Throwable> detachedFailures) {
        this(name, strategy, CPUS, detachedFailures);
    }

    /** As the public constructor, for a machine with {@code cpus} processors. */
    TaskDispatcher(
            String name,
            HandOverStrategy strategy,
            int cpus,
            Consumer<Throwable> detachedFailures) {
        this.name = Objects.requireNonNull(name, "name");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.cpus = cpus;
        this.callerSpin = SpinBudget.forCallers(strategy, cpus);
        this.detachedFailures = Objects.requireNonNull(detachedFailures, "detachedFailures");
    }

    /**
     * Returns whether the current thread is the worker, so calls run inline.
     *
     * @return {@code true} on the view thread
     */
    public boolean onWorkerThread() {
        return Thread.currentThread() == worker;
    }

    /** The callers' current spin budget in nanoseconds; for tests. */
    long callerSpinNanos() {
        return callerSpin.current();
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
        Objects.requireNonNull(body, "body");
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
        Objects.requireNonNull(body, "body");
        if (onWorkerThread()) {
            throw new IllegalStateException("start() called from inside a task of " + name
                    + ": the view thread would wait for itself; call run() instead");
        }
        HandOverRequest request = offer(body, true, timeoutNanos);
        learn(request, 0);
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
     * Stops accepting tasks because the view ended on its own (e.g. the process it showed exited),
     * not because its owner closed it; otherwise exactly {@link #close()}. Hand-overs refused from
     * then on say why.
     *
     * @param reason why the view ended, e.g. {@code "process 1234 exited"}
     */
    public void closeBecause(String reason) {
        if (closedReason == null) {
            closedReason = java.util.Objects.requireNonNull(reason, "reason");
        }
        close();
    }

    /**
     * Returns why the view ended on its own.
     *
     * @return the reason given to {@link #closeBecause(String)}, or {@code null}
     */
    public String closedReason() {
        return closedReason;
    }

    /**
     * The worker loop: takes and runs tasks until {@link #close()}. Run by the backend on the view
     * thread once setup has succeeded; returns when the view closes.
     */
    public void serve() {
        serve(Prelude.NONE);
    }

    /**
     * The worker loop, as {@link #serve()}, with work to do once before the first request.
     *
     * @param beforeFirstRequest run on this thread right before the first request (a task or a
     *     file operation) runs; {@link Prelude#NONE} for nothing
     */
    public void serve(Prelude beforeFirstRequest) {
        prelude = Objects.requireNonNull(beforeFirstRequest, "beforeFirstRequest");
        worker = Thread.currentThread();
        // The worker's own budget, made on its own thread: no caller ever touches it.
        SpinBudget spin = SpinBudget.forWorker(strategy, cpus);
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
            // The thread may serve another view later (a re-used view thread): it is no longer
            // this dispatcher's worker, and calls made on it must not run inline here.
            worker = null;
            HandOverRequest pending = slot;
            if (pending != null && pending.leaveOffered(HandOverRequest.REJECTED)) {
                vacate(pending);
                wake(pending);
            }
        }
    }

    private void runTaken(HandOverRequest request) {
        Throwable refused = runPreludeOnce();
        if (refused != null) {
            request.failure = refused;
        } else {
            try {
                request.result = request.body.run();
            } catch (Throwable t) {
                request.failure = t;
            }
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

    /**
     * Runs the prelude if it has not run; returns its failure, if any, for this request and every
     * later one: a root switch that failed half-way (the thread's working directory in the tree,
     * its root not) must not be retried, and nothing may run after it.
     */
    private Throwable runPreludeOnce() {
        Prelude p = prelude;
        if (p != null) {
            prelude = null;
            try {
                p.run();
            } catch (Throwable t) {
                preludeFailure = t;
            }
        }
        return preludeFailure;
    }

    /** Spins, then parks, until a request is on offer or the dispatcher closes. */
    private HandOverRequest awaitOffer(SpinBudget spin) {
        HandOverRequest request = slot;
        if (request != null) {
            spin.spun(0); // no wait at all: as good a sign for spinning as a short one
            return request;
        }
        long budget = spin.plan();
        long start = budget > 0 ? System.nanoTime() : 0;
        long now = start;
        for (int i = 0; budget > 0; i++) {
            Thread.onSpinWait();
            request = slot;
            if (request != null || closed) {
                spin.spun(now - start);
                return request;
            }
            if ((i & 63) == 0) {
                now = System.nanoTime();
                if (now - start > budget) {
                    break;
                }
            }
        }
        spin.parked();
        // Dekker with offer(): we publish workerParked before re-reading slot, the caller publishes
        // slot before reading workerParked, so at least one of us sees the other.
        workerParked = true;
        request = slot;
        if (request == null && !closed) {
            LockSupport.park(this);
        }
        workerParked = false;
        return slot;
    }

    private HandOverRequest offer(Body body, boolean detached, long timeoutNanos)
            throws IOException {
        Deadline deadline = new Deadline(timeoutNanos);
        acquireTurn(timeoutNanos);
        HandOverRequest request = new HandOverRequest(body, detached, Thread.currentThread());
        if (closed) {
            offerPermit.release();
            throw closedException();
        }
        slot = request;
        if (workerParked) {
            LockSupport.unpark(worker);
        }
        if (exited && request.leaveOffered(HandOverRequest.REJECTED)) {
            // The worker left serve() between our closed check and our offer: nobody will take it.
            vacate(request);
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

    /** Waits until the worker takes the request; gives up (and withdraws it) on interrupt/timeout. */
    private void awaitTaken(HandOverRequest request, Deadline deadline) throws IOException {
        long callerSpinNanos = callerSpin.plan();
        long spinUntil = callerSpinNanos > 0 ? System.nanoTime() + callerSpinNanos : 0;
        for (int i = 0; ; i++) {
            int state = request.state();
            if (state == HandOverRequest.TAKEN || state == HandOverRequest.DONE) {
                return;
            }
            if (state == HandOverRequest.REJECTED) {
                throw closedException();
            }
            boolean interrupted = Thread.interrupted();
            boolean timedOut = deadline.passed();
            if (interrupted || timedOut) {
                if (request.leaveOffered(HandOverRequest.CANCELLED)) {
                    vacate(request);
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
            if (callerSpinNanos > 0 && ((i & 63) != 0 || System.nanoTime() - spinUntil < 0)) {
                Thread.onSpinWait();
                continue;
            }
            park(request, HandOverRequest.OFFERED, deadline);
        }
    }

    /** Waits for the task's end whatever happens; returns whether the caller was interrupted. */
    private boolean awaitDone(HandOverRequest request) {
        boolean interrupted = false;
        long callerSpinNanos = callerSpin.current();
        long start = callerSpinNanos > 0 ? System.nanoTime() : 0;
        long spinUntil = start + callerSpinNanos;
        int i = 0;
        for (; request.state() != HandOverRequest.DONE; i++) {
            if (callerSpinNanos > 0 && ((i & 63) != 0 || System.nanoTime() - spinUntil < 0)) {
                Thread.onSpinWait();
                continue;
            }
            park(request, HandOverRequest.TAKEN, Deadline.NONE);
            interrupted |= Thread.interrupted();
        }
        // Only a long wait is worth a clock read; for a short one, 0 is close enough.
        learn(request, i >= 64 ? System.nanoTime() - start : 0);
        return interrupted;
    }

    /** Tells the callers' budget how the wait for a request went. */
    private void learn(HandOverRequest request, long spunNanos) {
        if (request.callerParkedOnce) {
            callerSpin.parked();
        } else {
            callerSpin.spun(spunNanos);
        }
    }

    /** Parks while the request is still in the state the caller saw; the worker wakes it after. */
    private void park(HandOverRequest request, int seen, Deadline deadline) {
        request.callerParkedOnce = true;
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

    /** Clears the slot and lets the next caller offer. Called by whoever moved the state off OFFERED. */
    private void vacate(HandOverRequest request) {
        if (slot == request) {
            slot = null;
        }
        offerPermit.release();
    }

    private static void wake(HandOverRequest request) {
        if (request.callerParked) {
            LockSupport.unpark(request.caller);
        }
    }

    private ViewClosedException closedException() {
        String reason = closedReason;
        return new ViewClosedException(name + " is closed" + (reason == null ? "" : ": " + reason));
    }

    private InterruptedIOException interruptedException() {
        return new InterruptedIOException(
                "interrupted while handing a task to " + name + "; the task did not run");
    }

    private HandOverTimeoutException timeoutException() {
        return new HandOverTimeoutException(
                name + " did not take the task in time; it did not run");
    }

    /**
     * How long one side spins before it parks. Fixed for {@link HandOverStrategy#PARK} (never) and
     * {@link HandOverStrategy#SPIN_THEN_PARK}. For {@link HandOverStrategy#ADAPTIVE} it follows
     * whether spinning pays off: a wait that had to park halves the budget (down to
     * {@link #ADAPTIVE_MIN_SPIN_NANOS}), a wait that a spin covered doubles it, and makes it at
     * least twice that wait (up to {@link #ADAPTIVE_MAX_SPIN_NANOS}). So back-to-back calls keep
     * spinning, and a short stall of the other side does not make them sleep, while a
     * view called now and then, or a machine with more runnable threads than processors (where a
     * spin only delays the thread it waits for), soon spins a couple of microseconds only. One
     * wait in {@value #PROBE_EVERY} spins the largest budget, to find out when spinning pays again.
     * With one processor nobody spins: the other side cannot run while this one spins.
     *
     * <p>One per side; the callers share theirs. Updates race benignly: a lost update only makes
     * the budget lag a wait behind.
     */
    static final class SpinBudget {
        static final int PROBE_EVERY = 64;

        private final long min;
        private final long max;
        private volatile long nanos;
        private int waits;

        private SpinBudget(long min, long max) {
            this.min = min;
            this.max = max;
            this.nanos = max;
        }

        static SpinBudget forWorker(HandOverStrategy strategy, int cpus) {
            return of(strategy, cpus, WORKER_SPIN_NANOS);
        }

        static SpinBudget forCallers(HandOverStrategy strategy, int cpus) {
            return of(strategy, cpus, CALLER_SPIN_NANOS);
        }

        private static SpinBudget of(HandOverStrategy strategy, int cpus, long fixed) {
            if (cpus < 2 || strategy == HandOverStrategy.PARK) {
                return new SpinBudget(0, 0);
            }
            if (strategy == HandOverStrategy.SPIN_THEN_PARK) {
                return new SpinBudget(fixed, fixed);
            }
            return new SpinBudget(ADAPTIVE_MIN_SPIN_NANOS, ADAPTIVE_MAX_SPIN_NANOS);
        }

        /** How long the next wait may spin, in nanoseconds, probing now and then; 0: park. */
        long plan() {
            long budget = nanos;
            if (budget < max && ++waits % PROBE_EVERY == 0) {
                return max;
            }
            return budget;
        }

        /** The current budget, without probing. */
        long current() {
            return nanos;
        }

        /** The awaited event came while spinning, about {@code waitedNanos} into the wait. */
        void spun(long waitedNanos) {
            long current = nanos;
            long doubled = Math.min(max, 2 * Math.max(current, waitedNanos));
            if (doubled != current) {
                nanos = doubled;
            }
        }

        /** A wait outlasted its spin and parked. */
        void parked() {
            long halved = Math.max(min, nanos / 2);
            if (halved != nanos) {
                nanos = halved;
            }
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
