package dev.fsview.cli.archive;

import java.io.IOException;

/**
 * An extraction was refused before anything was written: an entry would land outside the
 * destination, overwrite a directory with a file (or the reverse), or write to a read-only place.
 */
public final class ExtractionRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why, naming the entry
     */
    public ExtractionRefusedException(String message) {
        super(message);
    }
}
