package dev.fsview.spi.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Logs the failures of {@link TaskDispatcher#start started} tasks, off the view thread.
 *
 * <p>Why not log on the view thread: once a Linux view has switched root, a class the logging
 * back-end loads for the first time would be looked up inside the container and not found, and the
 * failure report itself would fail. So the view thread only queues the failure (JDK classes only),
 * and one daemon thread, started from the opener's thread in the host's namespace, logs it.
 */
public final class DetachedFailureLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fsview");
    private static final BlockingQueue<Report> QUEUE = new LinkedBlockingQueue<>();

    static {
        Thread t = new Thread(DetachedFailureLog::drain, "fsview-detached-failure-log");
        t.setDaemon(true);
        t.start();
    }

    private DetachedFailureLog() {}

    /**
     * Returns the consumer a view's dispatcher reports to. Calling it on a host thread starts the
     * logging thread (once per JVM), in the host's namespace.
     *
     * @param viewName the view, for the log line
     * @return a consumer that queues a failure for logging
     */
    public static java.util.function.Consumer<Throwable> forView(String viewName) {
        Objects.requireNonNull(viewName, "viewName");
        return failure -> QUEUE.add(new Report(viewName, failure));
    }

    private static void drain() {
        while (true) {
            try {
                Report r = QUEUE.take();
                LOG.error("a task started in {} failed", r.view, r.failure);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | LinkageError e) {
                // A logging back-end that fails must not stop later reports.
            }
        }
    }

    private static final class Report {
        final String view;
        final Throwable failure;

        Report(String view, Throwable failure) {
            this.view = view;
            this.failure = failure;
        }
    }
}
