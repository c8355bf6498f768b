package dev.fsview.testkit.property;

/**
 * A property failed: carries the seed that reproduces the failing try, the value as generated
 * and as shrunk, and the shrunk value's failure (the cause; the original failure is suppressed).
 */
public final class PropertyFailure extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final long seed;
    private final int tryNumber;
    private final transient Object original;
    private final transient Object shrunk;

    PropertyFailure(
            String message,
            long seed,
            int tryNumber,
            Object original,
            Object shrunk,
            Throwable shrunkFailure,
            Throwable originalFailure) {
        super(message, shrunkFailure);
        this.seed = seed;
        this.tryNumber = tryNumber;
        this.original = original;
        this.shrunk = shrunk;
        if (originalFailure != shrunkFailure) {
            addSuppressed(originalFailure);
        }
    }

    /**
     * Returns the seed that generates the failing value first.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns which try failed.
     *
     * @return 1 for the first
     */
    public int tryNumber() {
        return tryNumber;
    }

    /**
     * Returns the failing value as it was generated.
     *
     * @return the value
     */
    public Object original() {
        return original;
    }

    /**
     * Returns the simplest failing value shrinking found.
     *
     * @return the value
     */
    public Object shrunk() {
        return shrunk;
    }
}
