package dev.fsview.testkit.support;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.Method;

/**
 * Turns every skipped test into a failure when the system property {@value #PROPERTY} is
 * {@code true}, as CI sets it ({@code .ci/run}): there the machine is root on Linux, so a test
 * that skips for lack of a privilege, a kernel feature or a tool means the real backend did not
 * run, and the build must not pass green. Outside CI, skips stay skips, each with its reason.
 *
 * <p>Registered for every module whose tests use the kit, through JUnit Jupiter's extension
 * auto-detection ({@code META-INF/services/org.junit.jupiter.api.extension.Extension}, enabled by
 * the parent pom's Surefire configuration).
 */
public final class RequiredNotSkipped
        implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    /** The system property that makes skips fail. */
    public static final String PROPERTY = "fsview.requireLinux";

    /** Creates the extension (for JUnit's ServiceLoader). */
    public RequiredNotSkipped() {}

    /**
     * Says whether skips must fail in this run.
     *
     * @return {@code true} if {@value #PROPERTY} is set to {@code true}
     */
    public static boolean required() {
        return Boolean.getBoolean(PROPERTY);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable t)
            throws Throwable {
        throw failIfRequired(context, t);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable t)
            throws Throwable {
        throw failIfRequired(context, t);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable t)
            throws Throwable {
        throw failIfRequired(context, t);
    }

    private static Throwable failIfRequired(ExtensionContext context, Throwable t) {
        if (!(t instanceof TestAbortedException) || !required()) {
            return t;
        }
        String where =
                context.getTestMethod().map(Method::getName).orElse(context.getDisplayName());
        AssertionError e = new AssertionError(where + " would have been skipped, but " + PROPERTY
                + "=true requires every test to run here: " + t.getMessage());
        e.initCause(t);
        return e;
    }
}
