package dev.fsview.testkit.property;

/**
 * A check every generated value must pass: it fails by throwing (an {@link AssertionError} or any
 * other exception).
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface Property<T> {
    /**
     * Checks one value.
     *
     * @param value the value
     * @throws Exception if the value fails the check
     */
    void check(T value) throws Exception;
}
