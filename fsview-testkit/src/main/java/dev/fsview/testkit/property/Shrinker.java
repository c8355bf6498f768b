package dev.fsview.testkit.property;

/**
 * Shrinks a failing value: tries its simpler candidates in order, moves to the first that fails
 * the same way (an exception of the same class), and starts over from there, until no candidate
 * fails (a fixpoint: the value is minimal as far as its candidates go) or the attempts run out.
 */
public final class Shrinker {
    private Shrinker() {}

    /**
     * What shrinking found.
     *
     * @param value the simplest failing value found
     * @param failure how it failed
     * @param steps how many times a simpler failing value was found
     * @param attempts how many candidates were checked
     * @param minimal {@code true} if no candidate of {@code value} fails (a fixpoint);
     *     {@code false} if the attempts ran out or the thread was interrupted first
     * @param <T> the type of the value
     */
    public record Shrunk<T>(T value, Throwable failure, int steps, int attempts, boolean minimal) {}

    /**
     * Shrinks a failing value.
     *
     * @param failing the value and its candidates
     * @param failure how it failed
     * @param property the check it fails
     * @param maxAttempts how many candidates may be checked at the most
     * @param <T> the type of the value
     * @return the simplest failing value found
     */
    public static <T> Shrunk<T> shrink(
            Shrinkable<T> failing,
            Throwable failure,
            Property<? super T> property,
            int maxAttempts) {
        Shrinkable<T> current = failing;
        Throwable currentFailure = failure;
        int steps = 0;
        int attempts = 0;
        search:
        while (true) {
            for (Shrinkable<T> candidate : current.simpler()) {
                if (attempts == maxAttempts || Thread.currentThread().isInterrupted()) {
                    return new Shrunk<>(current.value(), currentFailure, steps, attempts, false);
                }
                attempts++;
                Throwable f = failureOf(property, candidate.value());
                // Only the same kind of failure: a different one is another bug, or the harness.
                if (f != null && f.getClass() == failure.getClass()) {
                    current = candidate;
                    currentFailure = f;
                    steps++;
                    continue search;
                }
            }
            return new Shrunk<>(current.value(), currentFailure, steps, attempts, true);
        }
    }

    /**
     * Runs a check.
     *
     * @param property the check
     * @param value the value
     * @param <T> the type of the value
     * @return what it threw; {@code null} if it passed
     */
    static <T> Throwable failureOf(Property<? super T> property, T value) {
        try {
            property.check(value);
            return null;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            return t;
        }
    }
}
