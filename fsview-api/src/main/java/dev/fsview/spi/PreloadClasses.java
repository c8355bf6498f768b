package dev.fsview.spi;

import dev.fsview.MountStepException;
import dev.fsview.SetupStep;

import java.util.List;
import java.util.Objects;

/**
 * The one routine that loads and initialises the classes a spec names in
 * {@link dev.fsview.ViewSpec#preloadClasses()}, for every backend: the Linux backend must, before
 * its view thread switches root (afterwards a lazily loaded class would be looked up inside the
 * container); the fake needs none of it, but a spec that names a class that cannot be loaded must
 * fail alike on both, with step {@link SetupStep#PRELOAD}.
 */
public final class PreloadClasses {
    private PreloadClasses() {}

    /**
     * Loads and initialises each class, in order, with the calling thread's context class loader,
     * or {@code backend}'s loader when the thread has none. Call on the opener's thread.
     *
     * @param names binary class names
     * @param backend a class of the backend, whose loader serves when there is no context loader
     * @throws MountStepException step {@code preload}, naming the first class that cannot be
     *     loaded or initialised
     * @throws NullPointerException if {@code names}, a name or {@code backend} is null
     */
    public static void load(List<String> names, Class<?> backend) throws MountStepException {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(backend, "backend");
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : backend.getClassLoader();
        for (String name : names) {
            Objects.requireNonNull(name, "a class name");
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new MountStepException(
                        SetupStep.PRELOAD,
                        "",
                        0,
                        "",
                        "",
                        "cannot load and initialise class " + name + " named in preloadClasses: "
                                + e,
                        e);
            }
        }
    }
}
