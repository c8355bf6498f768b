package dev.fsview.spi.dispatch;

import dev.fsview.HandOverStrategy;
import dev.fsview.HandOverTimeoutException;
import dev.fsview.ViewClosedException;
import java.io.IOException;
import java.io.InterruptedIOException;
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
    private final long workerSpinNanos;
    private final long callerSpinNanos;
    private final Consumer<Throwable> detachedFailures;
    private final Semaphore offerPermit = new Semaphore(1);

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
        this.name = name;
        boolean spin = strategy == HandOverStrategy.SPIN_THEN_PARK;
        this.workerSpinNanos = spin ? WORKER_SPIN_NANOS : 0;
        this.callerSpinNanos = spin ? CALLER_SPIN_NANOS : 0;
        this.detachedFailures = detachedFailures;
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
        offer(body, true, timeoutNanos);
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
        try {
            while (!closed) {
                HandOverRequest request = awaitOffer();
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
    private HandOverRequest awaitOffer() {
        HandOverRequest request = slot;
        if (request != null) {
            return request;
        }
        long deadline = workerSpinNanos > 0 ? System.nanoTime() + workerSpinNanos : 0;
        for (int i = 0; workerSpinNanos > 0; i++) {
            Thread.onSpinWait();
            request = slot;
            if (request != null || closed) {
                return request;
            }
            if ((i & 63) == 0 && System.nanoTime() - deadline > 0) {
                break;
            }
        }
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
        long spinUntil = System.nanoTime() + callerSpinNanos;
        for (int i = 0;; i++) {
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
        long spinUntil = System.nanoTime() + callerSpinNanos;
        for (int i = 0; request.state() != HandOverRequest.DONE; i++) {
            if (callerSpinNanos > 0 && ((i & 63) != 0 || System.nanoTime() - spinUntil < 0)) {
                Thread.onSpinWait();
                continue;
            }
            park(request, HandOverRequest.TAKEN, Deadline.NONE);
            interrupted |= Thread.interrupted();
        }
        return interrupted;
    }

    /** Parks while the request is still in the state the caller saw; the worker wakes it after. */
    private void park(HandOverRequest request, int seen, Deadline deadline) {
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
        return new ViewClosedException(name + " is closed");
    }

    private InterruptedIOException interruptedException() {
        return new InterruptedIOException("interrupted while handing a task to " + name
                + "; the task did not run");
    }

    private HandOverTimeoutException timeoutException() {
        return new HandOverTimeoutException(name + " did not take the task in time; it did not run");
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
