package dev.fsview.cli.archive;

/**
 * Waits for the CLI's helper threads (the walk ahead of a tar stream, the file finishers of an
 * extraction) to end whatever interrupts arrive: a copy must not return while one of them may still
 * write. The backends' twin, {@code dev.fsview.spi.dispatch.ThreadJoins}, is not exported to the
 * CLI's module.
 */
public final class ThreadJoins {
    private ThreadJoins() {}

    /**
     * Returns once {@code t} has ended; the caller's interrupt status is set again if it was
     * interrupted meanwhile.
     *
     * @param t the thread to wait for
     */
    public static void joinUninterruptibly(Thread t) {
        if (joinThroughInterrupts(t)) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Returns once {@code t} has ended, and whether the caller was interrupted meanwhile (its
     * interrupt status is then cleared, for the caller to restore).
     */
    static boolean joinThroughInterrupts(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }
}
