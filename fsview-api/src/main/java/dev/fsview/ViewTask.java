package dev.fsview;

/**
 * A task that runs in a view and returns nothing: for {@link FsView#run(ViewTask)} and
 * {@link FsView#start(ViewTask)}.
 *
 * @param <E> the checked exception the task may throw ({@link RuntimeException} if none)
 */
@FunctionalInterface
public interface ViewTask<E extends Exception> {
    /**
     * Runs the task on the view thread.
     *
     * @param context the view, as seen from inside the task
     * @throws E the task's own failure
     */
    void run(ViewContext context) throws E;
}
