package dev.fsview;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
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
 *
 * <p>A spec of a <em>running process</em> ({@link #ofProcess(long)}) instead shows what that
 * process sees as {@code /}: its root with every mount of its mount namespace, live; such a view
 * mounts nothing and creates nothing.
 *
 * <p>What the kernel enforces for every view unless the spec says otherwise: device nodes in the
 * container do not open devices ({@code nodev}, see {@link Builder#allowDevices()}); a missing mount
 * target is created in the container root (see {@link Builder#createMissingTargets(boolean)}); the
 * root is writable unless {@link Builder#readOnlyRoot()}.
 */
public final class ViewSpec {
    /** The host path a process's root is reached by, with the pid in place of {@code %d}. */
    private static final String PROCESS_ROOT = "/proc/%d/root";

    private final String root;
    private final List<MountSpec> mounts;
    private final List<MountSpec> applyOrder;
    private final HandOverStrategy handOver;
    private final List<String> preloadClasses;
    private final Map<String, String> options;
    private final long processId;
    private final boolean readOnlyRoot;
    private final boolean allowDevices;
    private final boolean createMissingTargets;
    private final boolean allowHostMountNamespace;

    private ViewSpec(Builder b) {
        this.processId = b.processId;
        this.readOnlyRoot = b.readOnlyRoot;
        this.allowDevices = b.allowDevices;
        this.createMissingTargets = b.createMissingTargets;
        this.allowHostMountNamespace = b.allowHostMountNamespace;
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
        return new Builder(Objects.requireNonNull(root, "root"));
    }

    /**
     * Starts a spec for the container root at a host path.
     *
     * @param root the host path of the container's root directory; must be absolute
     * @return a builder; nothing is validated until {@link Builder#build()}
     */
    public static Builder builder(Path root) {
        return new Builder(Objects.requireNonNull(root, "root").toString());
    }

    /**
     * Starts a spec of a view of a running process: its root ({@code /proc/<pid>/root}) with every
     * mount of its mount namespace, as the process itself sees them, live. Such a view mounts
     * nothing and creates nothing; writes reach the process's file system at once. A process in
     * the caller's own mount namespace is refused unless {@link Builder#allowHostMountNamespace()}
     * is set: a view of it would be the host itself.
     *
     * @param pid the process id, as the caller's pid namespace numbers it; must be positive
     * @return a builder; mounts, {@link Builder#readOnlyRoot()} and
     *     {@link Builder#createMissingTargets(boolean)} are refused by {@link Builder#build()}
     */
    public static Builder ofProcess(long pid) {
        Builder b = new Builder(String.format(Locale.ROOT, PROCESS_ROOT, pid));
        b.processId = pid;
        b.ofProcess = true;
        return b;
    }

    /**
     * Returns the host path of the container root, as given; for a {@link #ofProcess(long) process
     * view}, {@code /proc/<pid>/root}.
     *
     * @return an absolute host path
     */
    public String root() {
        return root;
    }

    /**
     * Returns the process whose view this spec describes.
     *
     * @return the pid, or empty for a spec of a container root and its mounts
     */
    public OptionalLong process() {
        return processId > 0 ? OptionalLong.of(processId) : OptionalLong.empty();
    }

    /**
     * Returns whether the container root is mounted read-only in the view (its mounts keep their
     * own modes). See {@link Builder#readOnlyRoot()}.
     *
     * @return {@code true} if the root is read-only
     */
    public boolean readOnlyRoot() {
        return readOnlyRoot;
    }

    /**
     * Returns whether device nodes in the view open devices. See {@link Builder#allowDevices()}.
     *
     * @return {@code false} unless the spec asked for devices
     */
    public boolean allowDevices() {
        return allowDevices;
    }

    /**
     * Returns whether a missing mount target is created in the container root. See
     * {@link Builder#createMissingTargets(boolean)}.
     *
     * @return {@code true} unless the spec refused it
     */
    public boolean createMissingTargets() {
        return createMissingTargets;
    }

    /**
     * Returns whether a {@link #ofProcess(long) process view} may show a process of the caller's
     * own mount namespace. See {@link Builder#allowHostMountNamespace()}.
     *
     * @return {@code false} unless the spec asked for it
     */
    public boolean allowHostMountNamespace() {
        return allowHostMountNamespace;
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
        return options.getOrDefault(
                Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(defaultValue, "defaultValue"));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ViewSpec)) {
            return false;
        }
        ViewSpec s = (ViewSpec) o;
        return root.equals(s.root)
                && mounts.equals(s.mounts)
                && handOver == s.handOver
                && preloadClasses.equals(s.preloadClasses)
                && options.equals(s.options)
                && processId == s.processId
                && readOnlyRoot == s.readOnlyRoot
                && allowDevices == s.allowDevices
                && createMissingTargets == s.createMissingTargets
                && allowHostMountNamespace == s.allowHostMountNamespace;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                root,
                mounts,
                handOver,
                preloadClasses,
                options,
                processId,
                readOnlyRoot,
                allowDevices,
                createMissingTargets,
                allowHostMountNamespace);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ViewSpec{");
        if (processId > 0) {
            b.append("process=").append(processId);
        } else {
            b.append("root=").append(root).append(", mounts=").append(mounts);
        }
        if (readOnlyRoot) {
            b.append(", readOnlyRoot");
        }
        if (allowDevices) {
            b.append(", allowDevices");
        }
        if (!createMissingTargets) {
            b.append(", createMissingTargets=false");
        }
        if (allowHostMountNamespace) {
            b.append(", allowHostMountNamespace");
        }
        return b.append('}').toString();
    }

    /** Builds a {@link ViewSpec}; {@link #build()} validates it. */
    public static final class Builder {
        private final String root;
        private final List<MountSpec> mounts = new ArrayList<>();
        private HandOverStrategy handOver = HandOverStrategy.SPIN_THEN_PARK;
        private final List<String> preloadClasses = new ArrayList<>();
        private final Map<String, String> options = new LinkedHashMap<>();
        private long processId;
        private boolean ofProcess;
        private boolean readOnlyRoot;
        private boolean allowDevices;
        private boolean createMissingTargets = true;
        private boolean allowHostMountNamespace;

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
         * Makes the container root read-only in the view, enforced by the kernel: the root's own
         * bind mount is made read-only before the view switches to it, so no write through the
         * view, and no task, can change the root, whatever a racing process renames. Mounts in the
         * root keep their own modes (a writable volume stays writable). Writes to the root fail
         * with {@code "Read-only file system"} ({@code EROFS}).
         *
         * <p>Missing mount targets are still created before the root is made read-only; combine
         * with {@link #createMissingTargets(boolean) createMissingTargets(false)} to leave the root
         * untouched.
         *
         * @return this builder
         */
        public Builder readOnlyRoot() {
            this.readOnlyRoot = true;
            return this;
        }

        /**
         * Lets device nodes in the view open devices. By default every mount of a view, the root
         * included, is {@code nodev}: a character or block device node planted in the container,
         * say with the major and minor numbers of a host disk, cannot open the host's device, and
         * opening it fails with {@code AccessDeniedException} ({@code EACCES}). Ask for devices
         * only when the view must read or write device nodes <em>and</em> the container's content
         * is trusted: with this set, a hostile container can reach any device of the host.
         *
         * @return this builder
         */
        public Builder allowDevices() {
            this.allowDevices = true;
            return this;
        }

        /**
         * Chooses what happens when a mount's destination does not exist in the container root.
         * By default ({@code true}, as Docker does) the missing directories, and for a file source
         * an empty file, are created <em>on disk, in the container root</em>, where the
         * destination leads inside the root (following the container's own symlinks, inside the
         * root), and are left there when the view closes; each creation is logged at INFO with its
         * container path. With {@code false}, opening such a view fails at step
         * {@link SetupStep#CREATE_TARGET} and the root is left byte for byte unchanged.
         *
         * @param create whether to create missing mount targets
         * @return this builder
         */
        public Builder createMissingTargets(boolean create) {
            this.createMissingTargets = create;
            return this;
        }

        /**
         * Lets a {@link ViewSpec#ofProcess(long) process view} show a process that lives in the
         * caller's own mount namespace (its view is then the host's file system, seen from that
         * process's root). Refused by default, because that is rarely what a caller of
         * {@code ofProcess} means.
         *
         * @return this builder
         */
        public Builder allowHostMountNamespace() {
            this.allowHostMountNamespace = true;
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
         *     a NUL byte; if two mounts share a destination; if a preload class name is blank; for
         *     a process view, if the pid is not positive, or mounts, a read-only root or
         *     {@code createMissingTargets(false)} were asked for; for a root view, if
         *     {@code allowHostMountNamespace} was
         */
        public ViewSpec build() throws InvalidSpecException {
            if (ofProcess) {
                checkProcessView();
            } else if (allowHostMountNamespace) {
                throw new InvalidSpecException(
                        "allowHostMountNamespace",
                        "only a view of a process (ViewSpec.ofProcess) can be in a mount namespace");
            }
            SpecPaths.requireAbsolute("root", root);
            Set<String> seen = new HashSet<>();
            for (MountSpec m : mounts) {
                if (!seen.add(m.destination())) {
                    // Docker refuses this too ("Duplicate mount point"): the second mount would
                    // silently hide the first.
                    throw new InvalidSpecException(
                            "destination", "duplicate mount destination: " + m.destination());
                }
            }
            for (String name : preloadClasses) {
                if (name.isBlank()) {
                    throw new InvalidSpecException("preloadClasses", "blank class name");
                }
            }
            return new ViewSpec(this);
        }

        /** A process view shows what is there: it mounts nothing and creates nothing. */
        private void checkProcessView() throws InvalidSpecException {
            if (processId <= 0) {
                throw new InvalidSpecException("pid", "not a process id: " + processId);
            }
            if (!mounts.isEmpty()) {
                throw new InvalidSpecException(
                        "mounts",
                        "a view of process " + processId
                                + " shows the mounts that process sees; it cannot take mounts of its own");
            }
            if (readOnlyRoot) {
                throw new InvalidSpecException(
                        "readOnlyRoot",
                        "a view of process " + processId
                                + " mounts nothing, so it cannot make the process's root read-only");
            }
            if (!createMissingTargets) {
                throw new InvalidSpecException(
                        "createMissingTargets",
                        "a view of process " + processId + " has no mount targets");
            }
        }
    }
}
