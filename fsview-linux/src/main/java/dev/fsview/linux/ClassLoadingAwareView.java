package dev.fsview.linux;

import dev.fsview.FsView;
import dev.fsview.PathStat;
import dev.fsview.ViewCallable;
import dev.fsview.ViewSpec;
import dev.fsview.ViewTask;
import dev.fsview.linux.preload.ClassLoadingHints;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The view users hold: a {@link LinuxView} whose task failures are checked for the class-loading
 * pitfall. A task that fails with {@link NoClassDefFoundError} or {@link ClassNotFoundException}
 * for a class that the host's class path does have gets, in its place, an error of the same kind
 * that says the view's root switch is why and how to preload (the original is its cause).
 *
 * <p>The check runs on the caller's thread, in the host's root, after the task has returned.
 * ({@link dev.fsview.spi.AbstractFsView} offers no hook for this, hence the wrapper.)
 */
final class ClassLoadingAwareView implements FsView {
    private final LinuxView view;

    ClassLoadingAwareView(LinuxView view) {
        this.view = view;
    }

    @Override
    public <T, E extends Exception> T call(ViewCallable<T, E> task) throws E, IOException {
        try {
            return view.call(task);
        } catch (NoClassDefFoundError | Exception e) {
            throw explained(e, task);
        }
    }

    @Override
    public <T, E extends Exception> T call(ViewCallable<T, E> task, Duration handOverTimeout)
            throws E, IOException {
        try {
            return view.call(task, handOverTimeout);
        } catch (NoClassDefFoundError | Exception e) {
            throw explained(e, task);
        }
    }

    @Override
    public <E extends Exception> void run(ViewTask<E> task) throws E, IOException {
        try {
            view.run(task);
        } catch (NoClassDefFoundError | Exception e) {
            throw explained(e, task);
        }
    }

    @Override
    public <E extends Exception> void run(ViewTask<E> task, Duration handOverTimeout)
            throws E, IOException {
        try {
            view.run(task, handOverTimeout);
        } catch (NoClassDefFoundError | Exception e) {
            throw explained(e, task);
        }
    }

    @Override
    public void start(ViewTask<?> task) throws IOException {
        view.start(explainingInView(task));
    }

    @Override
    public void start(ViewTask<?> task, Duration handOverTimeout) throws IOException {
        view.start(explainingInView(task), handOverTimeout);
    }

    /** A started task's failure is only logged: explain it on the view thread itself. */
    private ViewTask<Exception> explainingInView(ViewTask<?> task) {
        String name = view.viewName();
        return ctx -> {
            try {
                task.run(ctx);
            } catch (NoClassDefFoundError | Exception e) {
                throw ClassLoadingAwareView.<RuntimeException>sneaky(
                        ClassLoadingHints.explainInView(e, name));
            }
        };
    }

    private RuntimeException explained(Throwable failure, Object task) {
        throw ClassLoadingAwareView.<RuntimeException>sneaky(ClassLoadingHints.explain(failure,
                view.viewName(), Thread.currentThread().getContextClassLoader(),
                task.getClass().getClassLoader(), ClassLoadingAwareView.class.getClassLoader()));
    }

    /**
     * Rethrows what the task (or the hand-over) threw, or its explained replacement, which is of
     * the same kind: the compiler checked the task throws only {@code E}, unchecked exceptions and
     * errors, and the hand-over only IOExceptions, so nothing undeclared escapes.
     */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t; // erased to Throwable: no cast that an Error could fail
    }

    @Override
    public PathStat stat(String path) throws IOException {
        return view.stat(path);
    }

    @Override
    public void chdir(String path) throws IOException {
        view.chdir(path);
    }

    @Override
    public String cwd() {
        return view.cwd();
    }

    @Override
    public FileSystem fileSystem() {
        return view.fileSystem();
    }

    @Override
    public Path path(String first, String... more) {
        return view.path(first, more);
    }

    @Override
    public ViewSpec spec() {
        return view.spec();
    }

    @Override
    public String backend() {
        return view.backend();
    }

    @Override
    public boolean isOpen() {
        return view.isOpen();
    }

    @Override
    public void close() throws IOException {
        view.close();
    }

    @Override
    public String toString() {
        return view.toString();
    }
}
