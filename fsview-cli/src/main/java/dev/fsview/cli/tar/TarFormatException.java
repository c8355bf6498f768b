package dev.fsview.cli.tar;

import java.io.IOException;

/** A tar stream is malformed, truncated, or uses a feature fsview does not support. */
public final class TarFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong
     */
    public TarFormatException(String message) {
        super(message);
    }
}
