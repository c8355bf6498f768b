package dev.fsview;

/**
 * A task that runs in a view and returns a value: the seed's {@code RunInFS} function. Whatever it
 * throws comes back to the caller of {@link FsView#call(ViewCallable)} unchanged; the compiler
 * infers {@code E} from the lambda, so a task that throws only {@link java.io.IOException} makes
 * {@code call} throw only {@code IOException}.
 *
 * @param <T> the type of the result
 * @param <E> the checked exception the task may throw ({@link RuntimeException} if none)
 */
@FunctionalInterface
public interface ViewCallable<T, E extends Exception> {
    /**
     * Runs the task on the view thread.
     *
     * @param context the view, as seen from inside the task
     * @return the result handed back to the caller
     * @throws E the task's own failure, handed back to the caller unchanged
     */
    T call(ViewContext context) throws E;
}
