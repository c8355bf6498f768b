package dev.fsview;

import java.io.IOException;

/**
 * A backend as its users see it: its name, whether it can open views in this process, and the
 * open itself. {@link FsViews#provider(String)} and {@link FsViews#providers()} hand these out;
 * backends implement them through the provider interface of {@code dev.fsview.spi}, which a
 * modular application does not see (the api module exports it only to the backends, the
 * conformance kit and the CLI).
 */
public interface FsViewBackend {
    /**
     * Returns the backend's name, which {@code -Dfsview.backend} and
     * {@link FsViews#provider(String)} select it by.
     *
     * @return a short lowercase name, e.g. {@code "linux"} or {@code "fake"}
     */
    String name();

    /**
     * Returns whether this backend can open views in this process, and if not, why not. Cheap to
     * call repeatedly (implementations compute it once).
     *
     * @return the availability with its reason or the optional features in use
     */
    Availability availability();

    /**
     * Opens a view. Returns only once the view is fully set up; on failure, nothing the attempt did
     * is left behind.
     *
     * @param spec what the view shows
     * @return the open view
     * @throws BackendUnavailableException if this backend is unavailable
     * @throws MountStepException if a setup step failed
     * @throws IOException if the root or a mount source does not exist or cannot be used
     */
    FsView open(ViewSpec spec) throws IOException;

    /**
     * Does now the once-per-process work that the first {@link #open} of this backend would
     * otherwise do before it sets a view up, so that an application can take it off its first
     * request, or overlap it with its own start-up (the CLI runs it on a second thread while it
     * parses its command line). Optional: {@code open} does the same work when it was not done.
     * Thread-safe and idempotent: a call made while another is in progress waits for it, and a
     * call after it returns at once.
     *
     * <p>The linux backend loads and initialises its own classes and seals the class path (both
     * must happen before any thread of the process switches root); a backend with nothing to
     * prepare only checks that it is available. The linux backend's warm-up of the JDK and the
     * host's glibc NSS modules is not part of it: it precedes the first work handed to a view
     * thread that enters a container's root, once per process, at an open or at a first task.
     *
     * @throws BackendUnavailableException if this backend is unavailable
     * @throws IOException if the preparation failed (the first open then fails the same way)
     */
    default void prepare() throws IOException {
        Availability a = availability();
        if (!a.isAvailable()) {
            throw new BackendUnavailableException(
                    "fsview backend '" + name() + "' is unavailable: " + a.reason());
        }
    }
}
