package dev.fsview;

import dev.fsview.spi.FsViewProvider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Opens views with the backend on the class path, found with {@link ServiceLoader}. By default the
 * backend with the highest {@linkplain dev.fsview.spi.FsViewProvider#priority() priority} is used ({@code linux}
 * before {@code fake}), and only that one: when it cannot serve, the open fails with its reason
 * rather than falling back to a lower one, so {@code fake} (an in-memory copy whose writes never
 * reach the disk) is picked by itself only when it is the only backend on the class path. The
 * system property {@value #BACKEND_PROPERTY} (or {@link #provider(String)}) names one explicitly,
 * as {@code slf4j.provider} does for SLF4J.
 */
public final class FsViews {
    /** The system property that names the backend to use, e.g. {@code -Dfsview.backend=fake}. */
    public static final String BACKEND_PROPERTY = "fsview.backend";

    private static final Logger LOG = LoggerFactory.getLogger(FsViews.class);

    private FsViews() {}

    /**
     * Opens a view with the backend {@link #provider()} selects.
     *
     * @param spec what the view shows
     * @return the open view
     * @throws BackendUnavailableException if the selected backend cannot serve: the message gives
     *     its reason and how to ask for another on purpose (e.g. {@code -Dfsview.backend=fake})
     * @throws IOException if opening the view failed
     */
    public static FsView open(ViewSpec spec) throws IOException {
        java.util.Objects.requireNonNull(spec, "spec");
        return provider().open(spec);
    }

    /**
     * Returns the backend to use: the one named by {@value #BACKEND_PROPERTY} if set, else the one
     * with the highest priority, if it is available (never a lower one in its place).
     *
     * @return an available backend
     * @throws BackendUnavailableException if the named backend is missing or unavailable, or the
     *     highest-priority backend is unavailable; the message gives its reason, how to ask for
     *     another one on purpose, and lists every backend
     */
    public static FsViewBackend provider() throws BackendUnavailableException {
        return select(Discovery.PROVIDERS, System.getProperty(BACKEND_PROPERTY, ""));
    }

    /**
     * Returns the backend with the given name, if it is on the class path and available.
     *
     * @param name the backend's name, e.g. {@code "linux"}
     * @return the backend
     * @throws BackendUnavailableException if there is no such backend or it is unavailable
     */
    public static FsViewBackend provider(String name) throws BackendUnavailableException {
        java.util.Objects.requireNonNull(name, "name");
        return byName(Discovery.PROVIDERS, name);
    }

    /**
     * The selection rule, over an explicit list (highest priority first) so it can be tested. With
     * no name, the highest-priority backend on the class path is the only candidate: a lower one
     * (the in-memory {@code fake}) is never taken silently in its place, since writes would then go
     * to memory while the caller believes they reach the disk. So {@code fake} is picked by itself
     * only when it is the only backend on the class path.
     */
    static FsViewProvider select(List<FsViewProvider> all, String chosen)
            throws BackendUnavailableException {
        if (!chosen.isBlank()) {
            return byName(all, chosen.trim());
        }
        if (all.isEmpty()) {
            throw new BackendUnavailableException(
                    "no fsview backend can open views here" + listing(all));
        }
        FsViewProvider best = all.get(0);
        Availability a = best.availability();
        if (a.isAvailable()) {
            LOG.debug("fsview backend selected: {} ({})", best.name(), a);
            return best;
        }
        StringBuilder m = new StringBuilder("fsview backend '")
                .append(best.name())
                .append("' is unavailable: ")
                .append(a.reason());
        for (FsViewProvider other : all.subList(1, all.size())) {
            if (other.availability().isAvailable()) {
                m.append("; '")
                        .append(other.name())
                        .append("' is on the class path but is not used"
                                + " in its place unless asked for: set -D")
                        .append(BACKEND_PROPERTY)
                        .append('=')
                        .append(other.name())
                        .append(" or call FsViews.provider(\"")
                        .append(other.name())
                        .append("\")");
                break;
            }
        }
        throw new BackendUnavailableException(m.append(listing(all)).toString());
    }

    private static FsViewProvider byName(List<FsViewProvider> all, String name)
            throws BackendUnavailableException {
        for (FsViewProvider p : all) {
            if (p.name().equals(name)) {
                Availability a = p.availability();
                if (!a.isAvailable()) {
                    throw new BackendUnavailableException(
                            "fsview backend '" + name + "' is unavailable: " + a.reason());
                }
                return p;
            }
        }
        throw new BackendUnavailableException(
                "no fsview backend named '" + name + "' is on the class path" + listing(all));
    }

    /**
     * Returns every backend on the class path, highest priority first, whether available or not.
     *
     * @return the backends, one per name
     */
    public static List<FsViewBackend> providers() {
        return Discovery.BACKENDS;
    }

    /**
     * Describes every backend and its availability, one line each, for diagnostics.
     *
     * @return e.g. {@code "linux: available [openat2]\nfake: available"}
     */
    public static String describe() {
        StringBuilder b = new StringBuilder();
        for (FsViewBackend p : providers()) {
            b.append(p.name()).append(": ").append(p.availability()).append('\n');
        }
        return b.length() == 0 ? "no fsview backend on the class path\n" : b.toString();
    }

    private static String listing(List<FsViewProvider> all) {
        if (all.isEmpty()) {
            return "; no backend is on the class path (add fsview-linux or fsview-fake)";
        }
        StringBuilder b = new StringBuilder("; backends:");
        for (FsViewProvider p : all) {
            b.append(" ").append(p.name()).append(" (").append(p.availability()).append(");");
        }
        b.setLength(b.length() - 1);
        return b.toString();
    }

    /** Loads the providers once, with the context class loader and with fsview's own. */
    private static final class Discovery {
        static final List<FsViewProvider> PROVIDERS = load();
        static final List<FsViewBackend> BACKENDS = List.copyOf(PROVIDERS);

        private static List<FsViewProvider> load() {
            Map<String, FsViewProvider> byName = new LinkedHashMap<>();
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                ServiceLoader.load(FsViewProvider.class, context)
                        .forEach(p -> byName.putIfAbsent(p.name(), p));
            }
            ServiceLoader.load(FsViewProvider.class, FsViews.class.getClassLoader())
                    .forEach(p -> byName.putIfAbsent(p.name(), p));
            return ranked(byName.values());
        }
    }

    /** Highest priority first, then by name, so the choice never depends on class path order. */
    static List<FsViewProvider> ranked(java.util.Collection<FsViewProvider> providers) {
        List<FsViewProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparingInt(FsViewProvider::priority)
                .reversed()
                .thenComparing(FsViewProvider::name));
        return List.copyOf(sorted);
    }
}
