package dev.fsview.cli.console;

/**
 * The command line is wrong in a way only the command can tell (no container chosen, a cp with no
 * container path): exit status 2, the message, and the usage.
 */
public final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean aboutTopLevelOptions;

    /**
     * Creates the error about the command at hand.
     *
     * @param message what is wrong with the command line
     */
    public UsageError(String message) {
        this(message, false);
    }

    /**
     * Creates the error.
     *
     * @param message what is wrong with the command line
     * @param aboutTopLevelOptions whether it concerns fsview's own options (--root, --bundle, ...),
     *     so the top-level usage is the one to show
     */
    public UsageError(String message, boolean aboutTopLevelOptions) {
        super(message);
        this.aboutTopLevelOptions = aboutTopLevelOptions;
    }

    /**
     * Returns whether the error concerns fsview's own options rather than a subcommand's.
     *
     * @return {@code true} to show the top-level usage
     */
    public boolean aboutTopLevelOptions() {
        return aboutTopLevelOptions;
    }
}
