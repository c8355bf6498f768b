package dev.fsview.cli.view;

import dev.fsview.FsViewBackend;
import dev.fsview.FsViews;

/**
 * Runs the backends' discovery and the linux backend's check of the host (JNA and libc bound,
 * CAP_SYS_ADMIN, a private mount namespace tried on a probe thread) on a daemon thread while the
 * main thread parses the command line: on two cores the two overlap, and the view is opened
 * sooner. Both are computed once per JVM behind class initialisation, so the main thread waits for
 * this one's result, or computes it itself if this thread has not started yet; a failure here is
 * met again, and reported, there.
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
                p.availability();
            }
        } catch (RuntimeException | LinkageError e) {
            // The main thread meets the same failure when it chooses the backend, and says so.
        }
    }
}
