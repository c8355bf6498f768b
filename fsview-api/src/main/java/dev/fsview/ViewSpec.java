package dev.fsview;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a view shows: a container root (a directory on the host) and the mounts to place in it.
 * Immutable; built with {@link #builder(String)} and validated by {@link Builder#build()}, so a
 * spec that exists is well-formed. Whether the paths exist is checked when a view is opened.
 *
 * <pre>{@code
 * ViewSpec spec = ViewSpec.builder("/var/lib/containers/c1/rootfs")
 *         .mount(MountSpec.bind("/srv/data", "/data").writable().build())
 *         .mount(MountSpec.bind("/etc/ssl/certs", "/etc/ssl/certs").build())   // read-only
 *         .mount(MountSpec.tmpfs("/tmp").sizeBytes(64 << 20).build())
 *         .build();
 * }</pre>
 */
public final class ViewSpec {
    private final String root;
    private final List<MountSpec> mounts;
    private final List<MountSpec> applyOrder;
    private final HandOverStrategy handOver;
    private final List<String> preloadClasses;
    private final Map<String, String> options;

    private ViewSpec(Builder b) {
        this.root = b.root;
        this.mounts = List.copyOf(b.mounts);
        List<MountSpec> sorted = new ArrayList<>(b.mounts);
        sorted.sort(Comparator.comparingInt(MountSpec::depth)); // List.sort is stable
        this.applyOrder = List.copyOf(sorted);
        this.handOver = b.handOver;
        this.preloadClasses = List.copyOf(b.preloadClasses);
        this.options = Map.copyOf(b.options);
    }

    /**
     * Starts a spec for the container root at a host path.
     *
     * @param root the host path of the container's root directory (absolute)
     * @return a builder; nothing is validated until {@link Builder#build()}
     */
    public static Builder builder(String root) {
        return new Builder(root);
    }

    /**
     * Starts a spec for the container root at a host path.
     *
     * @param root the host path of the container's root directory; must be absolute
     * @return a builder; nothing is validated until {@link Builder#build()}
     */
    public static Builder builder(Path root) {
        return new Builder(root == null ? null : root.toString());
    }

    /**
     * Returns the host path of the container root, as given.
     *
     * @return an absolute host path
     */
    public String root() {
        return root;
    }

    /**
     * Returns the mounts in the order they were added.
     *
     * @return an immutable list
     */
    public List<MountSpec> mounts() {
        return mounts;
    }

    /**
     * Returns the mounts in the order a backend applies them: parent first, by the depth of the
     * destination, keeping the order they were added among mounts of the same depth (moby sorts
     * the same way, so {@code /a} is mounted before {@code /a/b} and the latter lands inside the
     * former).
     *
     * @return an immutable list
     */
    public List<MountSpec> mountsInApplyOrder() {
        return applyOrder;
    }

    /**
     * Returns how callers and the view thread hand tasks to each other.
     *
     * @return the strategy; {@link HandOverStrategy#SPIN_THEN_PARK} unless set
     */
    public HandOverStrategy handOver() {
        return handOver;
    }

    /**
     * Returns the binary names of classes to load and initialise before the view switches root.
     * See {@link Builder#preloadClasses(String...)}.
     *
     * @return an immutable list of class names
     */
    public List<String> preloadClasses() {
        return preloadClasses;
    }

    /**
     * Returns backend-specific options, e.g. {@code linux.mount-api=classic}. A backend reads the
     * keys that start with its own name and its documentation lists them; it ignores the others.
     *
     * @return an immutable map
     */
    public Map<String, String> options() {
        return options;
    }

    /**
     * Returns one backend-specific option.
     *
     * @param key the option's key
     * @param defaultValue what to return when the option is not set
     * @return the value, or {@code defaultValue}
     */
    public String option(String key, String defaultValue) {
        return options.getOrDefault(key, defaultValue);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ViewSpec)) {
            return false;
        }
        ViewSpec s = (ViewSpec) o;
        return root.equals(s.root) && mounts.equals(s.mounts) && handOver == s.handOver
                && preloadClasses.equals(s.preloadClasses) && options.equals(s.options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(root, mounts, handOver, preloadClasses, options);
    }

    @Override
    public String toString() {
        return "ViewSpec{root=" + root + ", mounts=" + mounts + "}";
    }

    /** Builds a {@link ViewSpec}; {@link #build()} validates it. */
    public static final class Builder {
        private final String root;
        private final List<MountSpec> mounts = new ArrayList<>();
        private HandOverStrategy handOver = HandOverStrategy.SPIN_THEN_PARK;
        private final List<String> preloadClasses = new ArrayList<>();
        private final Map<String, String> options = new LinkedHashMap<>();

        private Builder(String root) {
            this.root = root;
        }

        /**
         * Adds a mount.
         *
         * @param mount a built mount spec
         * @return this builder
         */
        public Builder mount(MountSpec mount) {
            mounts.add(Objects.requireNonNull(mount, "mount"));
            return this;
        }

        /**
         * Adds mounts, in the collection's order.
         *
         * @param more built mount specs
         * @return this builder
         */
        public Builder mounts(Collection<MountSpec> more) {
            more.forEach(this::mount);
            return this;
        }

        /**
         * Chooses how tasks are handed to the view thread.
         *
         * @param strategy the strategy
         * @return this builder
         */
        public Builder handOver(HandOverStrategy strategy) {
            this.handOver = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /**
         * Names classes to load and initialise before the view switches root.
         *
         * <p>On the Linux backend the view thread's root is the container root once the view is
         * open, so a class that the JVM first loads <em>on that thread</em> is looked up inside the
         * container, and is not found there when it comes from a classes directory or from a jar
         * the JVM has not opened yet. Tasks that use classes of your own which nothing has loaded
         * yet should name them here (or load them before handing the task over).
         *
         * @param binaryNames class names as {@link Class#forName(String)} takes them
         * @return this builder
         */
        public Builder preloadClasses(String... binaryNames) {
            for (String name : binaryNames) {
                preloadClasses.add(Objects.requireNonNull(name, "class name"));
            }
            return this;
        }

        /**
         * Sets a backend-specific option.
         *
         * @param key the key, prefixed with the backend's name, e.g. {@code linux.mount-api}
         * @param value the value
         * @return this builder
         */
        public Builder option(String key, String value) {
            options.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Validates and builds the spec.
         *
         * @return the immutable spec
         * @throws InvalidSpecException if the root is not an absolute path, is empty or contains
         *     a NUL byte; if two mounts share a destination; if a preload class name is blank
         */
        public ViewSpec build() throws InvalidSpecException {
            SpecPaths.requireAbsolute("root", root);
            Set<String> seen = new HashSet<>();
            for (MountSpec m : mounts) {
                if (!seen.add(m.destination())) {
                    // Docker refuses this too ("Duplicate mount point"): the second mount would
                    // silently hide the first.
                    throw new InvalidSpecException("destination",
                            "duplicate mount destination: " + m.destination());
                }
            }
            for (String name : preloadClasses) {
                if (name.isBlank()) {
                    throw new InvalidSpecException("preloadClasses", "blank class name");
                }
            }
            return new ViewSpec(this);
        }
    }
}
