package dev.fsview.linux.preload;

/**
 * A task's {@code Class.forName} (or class loader call) did not find a class that is on the host's
 * class path: it was looked for inside the container, because the view switched root before it was
 * loaded. The message says how to preload it; the original exception is the cause.
 */
public final class ClassMissingInViewException extends ClassNotFoundException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the explanation
     * @param cause the original exception
     */
    public ClassMissingInViewException(String message, ClassNotFoundException cause) {
        super(message, cause);
    }
}
