package dev.fsview;

import java.io.IOException;
import java.util.Objects;

/**
 * Base of the errors that fsview itself raises (as opposed to the errors of the file operations a
 * view performs, which are the JDK's own {@link java.nio.file.FileSystemException}s).
 */
public class FsViewException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, in words a user understands
     */
    public FsViewException(String message) {
        super(Objects.requireNonNull(message, "message"));
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong, in words a user understands
     * @param cause the underlying failure
     */
    public FsViewException(String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
    }
}
