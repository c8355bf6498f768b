package dev.fsview;

import java.util.Objects;

/**
 * No backend can open views here, or the one that was asked for by name cannot. The message lists
 * every backend that was considered and the reason each is unavailable.
 */
public class BackendUnavailableException extends FsViewException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the backends considered and why each cannot serve
     */
    public BackendUnavailableException(String message) {
        super(Objects.requireNonNull(message, "message"));
    }
}
