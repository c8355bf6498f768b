package dev.fsview.spi.dispatch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One task on its way to the view thread and its result on the way back. Its state moves
 * {@code OFFERED -> TAKEN -> DONE}, or from {@code OFFERED} to {@code CANCELLED} (the caller gave
 * up) or {@code REJECTED} (the view closed first). Only one side can leave {@code OFFERED}: the
 * transition is a compare-and-set, so a task is either run exactly once or never.
 */
final class HandOverRequest {
    static final int OFFERED = 0;
    static final int TAKEN = 1;
    static final int DONE = 2;
    static final int CANCELLED = 3;
    static final int REJECTED = 4;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(HandOverRequest.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final TaskDispatcher.Body body;
    final boolean detached;
    final Thread caller;
    /** Set by the caller before it parks; read by the worker after it moves the state on. */
    volatile boolean callerParked;
    /** Whether the caller parked at all while waiting: the caller's own bookkeeping. */
    boolean callerParkedOnce;

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = OFFERED;

    Object result;
    Throwable failure;

    HandOverRequest(TaskDispatcher.Body body, boolean detached, Thread caller) {
        this.body = body;
        this.detached = detached;
        this.caller = caller;
    }

    int state() {
        return (int) STATE.getVolatile(this);
    }

    boolean leaveOffered(int next) {
        return STATE.compareAndSet(this, OFFERED, next);
    }

    /** Publishes the result; result and failure are written before this volatile store. */
    void finish() {
        STATE.setVolatile(this, DONE);
    }
}
