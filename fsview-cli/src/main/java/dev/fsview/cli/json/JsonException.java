package dev.fsview.cli.json;

/** A JSON document is malformed; the message says what and where (line and column). */
public final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and where
     */
    public JsonException(String message) {
        super(message);
    }
}
