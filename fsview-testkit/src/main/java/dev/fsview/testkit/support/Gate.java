package dev.fsview.testkit.support;

import java.util.concurrent.CountDownLatch;

/**
 * A one-time gate that tasks wait at until the test opens it. Declared in a try-with-resources
 * after the view, it is opened before the view closes even when an assertion failed: a task left
 * waiting would keep {@code close()} waiting for it forever.
 */
public final class Gate implements AutoCloseable {
    private final CountDownLatch latch = new CountDownLatch(1);

    /**
     * Waits until the gate opens.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void await() throws InterruptedException {
        latch.await();
    }

    /** Opens the gate; idempotent. */
    public void open() {
        latch.countDown();
    }

    /** Opens the gate. */
    @Override
    public void close() {
        open();
    }
}
