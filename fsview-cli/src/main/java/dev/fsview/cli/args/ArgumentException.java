package dev.fsview.cli.args;

/** The arguments do not fit the command's grammar: the message says where. */
public final class ArgumentException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the argument
     */
    public ArgumentException(String message) {
        super(message);
    }
}
