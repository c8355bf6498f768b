package dev.fsview.spi;

import dev.fsview.FsView;
import dev.fsview.ViewSpec;

import java.io.IOException;

/**
 * A backend that opens views: the service that {@link dev.fsview.FsViews} discovers with
 * {@link java.util.ServiceLoader}. Implementations list themselves in
 * {@code META-INF/services/dev.fsview.spi.FsViewProvider} and need a public no-argument
 * constructor.
 */
public interface FsViewProvider {
    /**
     * Returns the backend's name, which {@code -Dfsview.backend} and
     * {@link dev.fsview.FsViews#provider(String)} select it by.
     *
     * @return a short lowercase name, e.g. {@code "linux"} or {@code "fake"}
     */
    String name();

    /**
     * Returns the backend's rank when none is chosen by name: the available backend with the
     * highest priority is picked. Real backends rank above simulated ones.
     *
     * @return the priority; {@code 100} for {@code linux}, {@code 0} for {@code fake}
     */
    int priority();

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
     * @throws dev.fsview.BackendUnavailableException if this backend is unavailable
     * @throws dev.fsview.MountStepException if a setup step failed
     * @throws IOException if the root or a mount source does not exist or cannot be used
     */
    FsView open(ViewSpec spec) throws IOException;
}
