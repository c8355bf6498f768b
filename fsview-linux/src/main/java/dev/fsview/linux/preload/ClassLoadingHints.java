package dev.fsview.linux.preload;

/**
 * Recognises class-loading failures caused by the view's root switch and replaces them with errors
 * of the same kind whose message says why and how to preload.
 */
public final class ClassLoadingHints {
    private ClassLoadingHints() {}

    /**
     * Explains a task's failure, checking on the host that the missing class does exist there.
     * Call it on a host thread (the caller's), never on the view thread.
     *
     * @param failure what the task threw
     * @param viewName the view, for the message
     * @param loaders where the class would have come from on the host
     * @return a {@link ClassMissingInViewError} or {@link ClassMissingInViewException}, or
     *     {@code failure} unchanged when it is anything else or the class is missing on the
     *     host too
     */
    public static Throwable explain(Throwable failure, String viewName, ClassLoader... loaders) {
        String name = missingClass(failure);
        if (name == null || !onHost(name, loaders)) {
            return failure;
        }
        return wrap(failure, name, message(name, viewName, true));
    }

    /**
     * Explains a class-loading failure where the host cannot be consulted (on the view thread, for
     * a started task whose failure is only logged).
     *
     * @param failure what the task threw
     * @param viewName the view, for the message
     * @return the replacement, or {@code failure} unchanged
     */
    public static Throwable explainInView(Throwable failure, String viewName) {
        String name = missingClass(failure);
        return name == null ? failure : wrap(failure, name, message(name, viewName, false));
    }

    private static Throwable wrap(Throwable failure, String name, String message) {
        if (failure instanceof NoClassDefFoundError) {
            return new ClassMissingInViewError(message, (NoClassDefFoundError) failure);
        }
        return new ClassMissingInViewException(message, (ClassNotFoundException) failure);
    }

    /** The binary name of the class a failure is about, or null if it is not a plain miss. */
    static String missingClass(Throwable t) {
        if (t instanceof ClassMissingInViewError || t instanceof ClassMissingInViewException) {
            return null;
        }
        if (!(t instanceof NoClassDefFoundError) && !(t instanceof ClassNotFoundException)) {
            return null;
        }
        String m = t.getMessage();
        if (m == null || m.isBlank() || m.contains(" ")) {
            return null; // e.g. "Could not initialize class X": an initializer failed, not a miss
        }
        return m.replace('/', '.');
    }

    private static boolean onHost(String name, ClassLoader... loaders) {
        String resource = name.replace('.', '/') + ".class";
        for (ClassLoader l : loaders) {
            if (l != null && l.getResource(resource) != null) {
                return true;
            }
        }
        return false;
    }

    private static String message(String name, String viewName, boolean checked) {
        return "class " + name + (checked ? " is on the class path but" : "")
                + " could not be loaded inside " + viewName + ": the view thread's root is the "
                + "container root, so a class first needed after the view switched root is looked "
                + "up inside the container. Load it before the view opens with "
                + "ViewSpec.Builder.preloadClasses(\"" + name + "\"), or use it once on the host "
                + "before handing the task over.";
    }
}
