package dev.fsview.spi.dispatch;

import java.util.Objects;

/**
 * Waits for threads to end without giving up on an interrupt: what a close or a teardown needs,
 * which must not return while the thread it waits for may still hold a namespace, a mount or an
 * fd. The caller's interrupt is kept and set again once the thread has ended.
 */
public final class ThreadJoins {
    private ThreadJoins() {}

    /**
     * Returns once {@code t} has ended (at once if it never started), however often the calling
     * thread is interrupted meanwhile; its interrupt status is restored after.
     *
     * @param t the thread to wait for
     */
    public static void joinUninterruptibly(Thread t) {
        Objects.requireNonNull(t, "t");
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
