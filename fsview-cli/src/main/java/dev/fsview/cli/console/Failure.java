package dev.fsview.cli.console;

/**
 * An operation failed (not found, read-only, escape refused, bundle unusable): exit status 1 and
 * the message as one line on standard error.
 */
public final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message the one line the user sees after {@code fsview: }
     */
    public Failure(String message) {
        super(message);
    }

    /**
     * Creates the failure with its cause (shown only with {@code --debug}).
     *
     * @param message the one line the user sees after {@code fsview: }
     * @param cause what went wrong underneath
     */
    public Failure(String message, Throwable cause) {
        super(message, cause);
    }
}
