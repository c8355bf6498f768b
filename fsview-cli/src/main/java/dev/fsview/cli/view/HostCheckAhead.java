package dev.fsview.cli.view;

import dev.fsview.FsViewBackend;
import dev.fsview.FsViews;

/**
 * Runs the backends' discovery and the linux backend's check of the host (JNA and libc bound,
 * CAP_SYS_ADMIN, a private mount namespace tried on a probe thread) on a daemon thread while the
 * main thread builds picocli's model and parses the command line: on two cores the two overlap,
 * and the view is opened sooner. Each is done once per JVM, and the main thread's open waits for
 * one in progress, or does it itself if this thread has not got there; a failure here is met
 * again, and reported, there. Not the backend's {@linkplain FsViewBackend#prepare() preparation}
 * (its classes, the JDK and NSS warm-ups, the class path's seal): that is for a view's thread
 * after its root switch, which comes before its first task, and no command runs a task.
 */
public final class HostCheckAhead {
    private HostCheckAhead() {}

    /** Starts the check on a daemon thread (a process that exits does not wait for it). */
    public static void start() {
        Thread t = new Thread(HostCheckAhead::check, "fsview-host-check");
        t.setDaemon(true);
        t.start();
    }

    private static void check() {
        try {
            for (FsViewBackend p : FsViews.providers()) {
                // --backend auto opens the linux backend whenever it is available: check it now.
                if (p.name().equals("linux")) {
                    p.availability();
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // The main thread meets the same failure when it opens the view, and says so.
        }
    }
}
