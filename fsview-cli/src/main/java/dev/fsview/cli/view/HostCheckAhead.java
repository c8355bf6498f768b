package dev.fsview.cli.view;

import dev.fsview.FsViewBackend;
import dev.fsview.FsViews;

import java.io.IOException;

/**
 * Runs the backends' discovery, the linux backend's check of the host (JNA and libc bound,
 * CAP_SYS_ADMIN, a private mount namespace tried on a probe thread) and then, when it is available,
 * its {@linkplain FsViewBackend#prepare() preparation} (its classes, the class path's seal; the
 * JDK and NSS warm-ups wait for a first task, which the command never runs) on a daemon thread
 * while the main thread parses the command line: on two cores the two overlap, and the view is
 * opened sooner. Each is done once
 * per JVM, and the main thread's open waits for one in progress, or does it itself if this thread
 * has not got there; a failure here is met again, and reported, there.
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
                // --backend auto opens the linux backend whenever it is available.
                if (p.availability().isAvailable() && p.name().equals("linux")) {
                    p.prepare();
                }
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // The main thread meets the same failure when it opens the view, and says so.
        }
    }
}
