package dev.fsview.testkit;

/**
 * A running process made by a {@link HostFixture} for the process contracts: a "container" in a
 * mount namespace of its own, with its own root, a private tmpfs on {@code /tmp} and a bind volume
 * on {@code /data}. It wrote {@code /tmp/hello} ("hello from PID") before it was handed out, and it
 * answers each non-empty {@code /tmp/ping} with {@code /tmp/pong} ({@code "pong:"} and what ping
 * held), and each {@code /data/ping} with {@code /data/pong}, until it ends.
 */
public interface HostProcess extends AutoCloseable {
    /**
     * Returns the process id, for {@link dev.fsview.ViewSpec#ofProcess(long)}.
     *
     * @return the pid
     */
    long pid();

    /**
     * Kills the process (SIGKILL) and waits until it has exited.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void kill() throws InterruptedException;

    /**
     * Returns whether the process is still running.
     *
     * @return {@code false} once it has exited
     */
    boolean isAlive();

    /** Ends the process if it still runs and waits for it; idempotent. */
    @Override
    void close();
}
