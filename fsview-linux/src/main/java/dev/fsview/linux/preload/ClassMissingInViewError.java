package dev.fsview.linux.preload;

/**
 * A task hit a class the JVM had not loaded before the view switched root: the class loader looked
 * for it inside the container and did not find it there. The message says how to preload it; the
 * original {@link NoClassDefFoundError} is the cause.
 */
public final class ClassMissingInViewError extends NoClassDefFoundError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message the explanation
     * @param cause the original error
     */
    public ClassMissingInViewError(String message, NoClassDefFoundError cause) {
        super(message);
        initCause(cause);
    }
}
