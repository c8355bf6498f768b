package dev.fsview.cli;

/**
 * The command line is wrong in a way only the command can tell (no container chosen, a cp with no
 * container path): exit status 2, the message, and the usage.
 */
public final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what is wrong with the command line
     */
    public UsageError(String message) {
        super(message);
    }
}
