package dev.fsview.cli.container;

import java.io.IOException;

/** An OCI bundle cannot be used: its config.json is missing, malformed or invalid. */
final class BundleException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the bundle and the field
     */
    public BundleException(String message) {
        super(message);
    }
}
