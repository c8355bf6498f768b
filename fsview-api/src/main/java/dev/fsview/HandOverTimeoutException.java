package dev.fsview;

import java.io.InterruptedIOException;
import java.util.Objects;

/**
 * The view thread did not take a task within the hand-over timeout given to
 * {@link FsView#call(ViewCallable, java.time.Duration)} and its siblings. The task never ran.
 * Like {@link java.net.SocketTimeoutException}, it is an {@link InterruptedIOException}: the
 * operation was abandoned, not failed.
 */
public class HandOverTimeoutException extends InterruptedIOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message how long the caller waited, and for which view
     */
    public HandOverTimeoutException(String message) {
        super(Objects.requireNonNull(message, "message"));
    }
}
