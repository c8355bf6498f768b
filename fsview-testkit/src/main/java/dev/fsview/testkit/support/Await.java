package dev.fsview.testkit.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting, in tests, for something another thread does. */
public final class Await {
    private Await() {}

    /**
     * Polls a condition until it holds or the time is up.
     *
     * @param limit how long to wait at most
     * @param condition what to wait for
     * @return whether it held in time
     */
    public static boolean until(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        long pauseMillis = 1;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            sleep(pauseMillis);
            pauseMillis = Math.min(pauseMillis * 2, 50);
        }
        return true;
    }

    /**
     * Sleeps, keeping the interrupt status if interrupted.
     *
     * @param millis how long
     */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Joins a thread, failing with its stack trace (and every view thread's) if it does not end:
     * a test that hangs says where.
     *
     * @param t the thread
     * @param limit how long to wait
     * @throws InterruptedException if the test is interrupted
     */
    public static void join(Thread t, Duration limit) throws InterruptedException {
        t.join(limit.toMillis());
        if (t.isAlive()) {
            throw new AssertionError(t.getName() + " did not finish within " + limit
                    + "; threads:\n" + ThreadDump.of(t));
        }
    }
}
