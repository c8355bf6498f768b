package dev.fsview.spi;

import dev.fsview.FsViewBackend;

/**
 * A backend that opens views: the service that {@link dev.fsview.FsViews} discovers with
 * {@link java.util.ServiceLoader}. Implementations list themselves in
 * {@code META-INF/services/dev.fsview.spi.FsViewProvider} (and, in a named module, with
 * {@code provides}) and need a public no-argument constructor. Users see a provider only as the
 * {@link FsViewBackend} it is; the rank below is the discovery's business.
 */
public interface FsViewProvider extends FsViewBackend {
    /**
     * Returns the backend's rank when none is chosen by name: the available backend with the
     * highest priority is picked. Real backends rank above simulated ones.
     *
     * @return the priority; {@code 100} for {@code linux}, {@code 0} for {@code fake}
     */
    int priority();
}
