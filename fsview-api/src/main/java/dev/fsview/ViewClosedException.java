package dev.fsview;

import java.util.Objects;

/**
 * The view was closed: no more tasks or file operations can run in it. A task that was already
 * handed to the view before {@link FsView#close()} still ran to its end.
 */
public class ViewClosedException extends FsViewException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which view, and what was attempted
     */
    public ViewClosedException(String message) {
        super(Objects.requireNonNull(message, "message"));
    }
}
