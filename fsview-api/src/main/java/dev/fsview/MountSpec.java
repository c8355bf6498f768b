package dev.fsview;

import dev.fsview.spi.Filepath;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One mount of a view: a host directory or file bind-mounted at a container path, or a fresh tmpfs.
 *
 * <p>A bind mount is <b>read-only unless {@link BindBuilder#writable() writable}</b>, as in the
 * seed (moby's {@code container.Mount}, whose zero value is a read-only mount). Its four options:
 * <ul>
 *   <li>{@code writable} — the mount is read-write;
 *   <li>{@code nonRecursive} — a plain bind: the source's submounts are not carried over
 *       (default: recursive, {@code rbind});
 *   <li>{@code readOnlyNonRecursive} — only the top mount is read-only; submounts of the source
 *       keep their own flags (default: read-only is applied recursively, best effort);
 *   <li>{@code readOnlyForceRecursive} — recursive read-only is required: if the kernel cannot make
 *       every submount read-only, opening the view fails.
 * </ul>
 * {@code writable} conflicts with both read-only options, and the two read-only options conflict
 * with each other; {@link BindBuilder#build()} refuses a conflict with the seed's message.
 *
 * <p>Destinations are absolute container paths, cleaned lexically ({@code /a//b/../c} is
 * {@code /a/c}); symlinks in them are resolved later, inside the container root, dangling ones
 * included (as moby's {@code FollowSymlinkInScope}: with {@code /var/run -> /run} and no
 * {@code /run}, {@code /var/run/app.sock} is {@code /run/app.sock} in the root). A destination that
 * resolves to the root itself is refused.
 *
 * <p><b>A missing destination is created on disk, in the container root</b>, and stays there after
 * the view closes: its missing directories, and for a file source an empty file (as Docker does).
 * Each created path is logged at INFO with its container path; an open that fails removes what it
 * created. {@link ViewSpec.Builder#createMissingTargets(boolean) createMissingTargets(false)}
 * refuses a missing destination instead, before anything changes in the root.
 *
 * <p>Every mount is {@code nodev} (device nodes in it open nothing) unless the view
 * {@link ViewSpec.Builder#allowDevices() allows devices}.
 */
public final class MountSpec {

    /** The kind of a mount. */
    public enum Type {
        /** A host path bind-mounted into the container. */
        BIND,
        /** A fresh, empty tmpfs, private to the view that mounts it. */
        TMPFS
    }

    /** Mode of a tmpfs when none is given: world-writable and sticky, like {@code /tmp}. */
    public static final int DEFAULT_TMPFS_MODE = 01777;

    private final Type type;
    private final String source;
    private final String destination;
    private final boolean writable;
    private final boolean nonRecursive;
    private final boolean readOnlyNonRecursive;
    private final boolean readOnlyForceRecursive;
    private final long tmpfsSizeBytes;
    private final int tmpfsMode;

    private MountSpec(
            Type type,
            String source,
            String destination,
            boolean writable,
            boolean nonRecursive,
            boolean readOnlyNonRecursive,
            boolean readOnlyForceRecursive,
            long tmpfsSizeBytes,
            int tmpfsMode) {
        this.type = type;
        this.source = source;
        this.destination = destination;
        this.writable = writable;
        this.nonRecursive = nonRecursive;
        this.readOnlyNonRecursive = readOnlyNonRecursive;
        this.readOnlyForceRecursive = readOnlyForceRecursive;
        this.tmpfsSizeBytes = tmpfsSizeBytes;
        this.tmpfsMode = tmpfsMode;
    }

    /**
     * Starts a bind mount of a host path at a container path.
     *
     * @param source the host path to mount (absolute); a directory or a file
     * @param destination where it appears in the container (absolute)
     * @return a builder; nothing is validated until {@link BindBuilder#build()}
     */
    public static BindBuilder bind(String source, String destination) {
        return new BindBuilder(
                Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(destination, "destination"));
    }

    /**
     * Starts a bind mount of a host path at a container path.
     *
     * @param source the host path to mount; must be absolute
     * @param destination where it appears in the container (absolute)
     * @return a builder; nothing is validated until {@link BindBuilder#build()}
     */
    public static BindBuilder bind(Path source, String destination) {
        return new BindBuilder(
                Objects.requireNonNull(source, "source").toString(),
                Objects.requireNonNull(destination, "destination"));
    }

    /**
     * Starts a tmpfs mount at a container path.
     *
     * @param destination where the tmpfs appears in the container (absolute)
     * @return a builder; nothing is validated until {@link TmpfsBuilder#build()}
     */
    public static TmpfsBuilder tmpfs(String destination) {
        return new TmpfsBuilder(Objects.requireNonNull(destination, "destination"));
    }

    /**
     * Returns the kind of this mount.
     *
     * @return {@link Type#BIND} or {@link Type#TMPFS}
     */
    public Type type() {
        return type;
    }

    /**
     * Returns the host path of a bind mount.
     *
     * @return the source, or empty for a tmpfs
     */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /**
     * Returns the container path this mount appears at, cleaned lexically.
     *
     * @return an absolute container path, never {@code /}
     */
    public String destination() {
        return destination;
    }

    /**
     * Returns whether the mount is read-write. A tmpfs is always writable.
     *
     * @return {@code true} for a read-write mount
     */
    public boolean writable() {
        return writable;
    }

    /**
     * Returns whether the bind is non-recursive (the source's submounts are not carried over).
     *
     * @return {@code true} for a plain {@code bind}, {@code false} for {@code rbind}
     */
    public boolean nonRecursive() {
        return nonRecursive;
    }

    /**
     * Returns whether only the top mount is made read-only, leaving submounts as they are.
     *
     * @return the {@code readOnlyNonRecursive} option
     */
    public boolean readOnlyNonRecursive() {
        return readOnlyNonRecursive;
    }

    /**
     * Returns whether recursive read-only is required (opening fails if it cannot be applied).
     *
     * @return the {@code readOnlyForceRecursive} option
     */
    public boolean readOnlyForceRecursive() {
        return readOnlyForceRecursive;
    }

    /**
     * Returns whether read-only is to be applied to the source's submounts as well: true for a
     * read-only mount unless {@code readOnlyNonRecursive}.
     *
     * @return {@code true} when submounts must (or, without force, should) be read-only too
     */
    public boolean recursiveReadOnly() {
        return !writable && !readOnlyNonRecursive;
    }

    /**
     * Returns the size limit of a tmpfs.
     *
     * @return bytes, or {@code 0} for the kernel's default (half of RAM); {@code 0} for a bind
     */
    public long tmpfsSizeBytes() {
        return tmpfsSizeBytes;
    }

    /**
     * Returns the permission bits of a tmpfs's root directory.
     *
     * @return the mode, e.g. {@code 01777}; {@code 0} for a bind
     */
    public int tmpfsMode() {
        return tmpfsMode;
    }

    /**
     * Returns the number of components of the destination, the key of the parent-first order in
     * which mounts are applied ({@code /a} before {@code /a/b}).
     *
     * @return {@code 1} for {@code /a}, {@code 2} for {@code /a/b}
     */
    public int depth() {
        return SpecPaths.depth(destination);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MountSpec)) {
            return false;
        }
        MountSpec m = (MountSpec) o;
        return type == m.type
                && Objects.equals(source, m.source)
                && destination.equals(m.destination)
                && writable == m.writable
                && nonRecursive == m.nonRecursive
                && readOnlyNonRecursive == m.readOnlyNonRecursive
                && readOnlyForceRecursive == m.readOnlyForceRecursive
                && tmpfsSizeBytes == m.tmpfsSizeBytes
                && tmpfsMode == m.tmpfsMode;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                type,
                source,
                destination,
                writable,
                nonRecursive,
                readOnlyNonRecursive,
                readOnlyForceRecursive,
                tmpfsSizeBytes,
                tmpfsMode);
    }

    @Override
    public String toString() {
        if (type == Type.TMPFS) {
            return "tmpfs " + destination + " (size="
                    + (tmpfsSizeBytes == 0 ? "default" : tmpfsSizeBytes) + ", mode="
                    + Integer.toOctalString(tmpfsMode) + ")";
        }
        StringBuilder b = new StringBuilder(nonRecursive ? "bind " : "rbind ")
                .append(source)
                .append(" -> ")
                .append(destination)
                .append(writable ? " (rw" : " (ro");
        if (readOnlyNonRecursive) {
            b.append(", ReadOnlyNonRecursive");
        }
        if (readOnlyForceRecursive) {
            b.append(", ReadOnlyForceRecursive");
        }
        return b.append(')').toString();
    }

    /** Builds a bind {@link MountSpec}; {@link #build()} validates it. */
    public static final class BindBuilder {
        private final String source;
        private final String destination;
        private boolean writable;
        private boolean nonRecursive;
        private boolean readOnlyNonRecursive;
        private boolean readOnlyForceRecursive;

        private BindBuilder(String source, String destination) {
            this.source = source;
            this.destination = destination;
        }

        /**
         * Makes the mount read-write.
         *
         * @return this builder
         */
        public BindBuilder writable() {
            return writable(true);
        }

        /**
         * Sets whether the mount is read-write.
         *
         * @param value {@code true} for read-write
         * @return this builder
         */
        public BindBuilder writable(boolean value) {
            this.writable = value;
            return this;
        }

        /**
         * Makes the bind non-recursive: the source's submounts are not carried over.
         *
         * @return this builder
         */
        public BindBuilder nonRecursive() {
            return nonRecursive(true);
        }

        /**
         * Sets whether the bind is non-recursive.
         *
         * @param value {@code true} for a plain bind
         * @return this builder
         */
        public BindBuilder nonRecursive(boolean value) {
            this.nonRecursive = value;
            return this;
        }

        /**
         * Makes only the top mount read-only; submounts keep their own flags.
         *
         * @return this builder
         */
        public BindBuilder readOnlyNonRecursive() {
            return readOnlyNonRecursive(true);
        }

        /**
         * Sets the {@code readOnlyNonRecursive} option.
         *
         * @param value the option
         * @return this builder
         */
        public BindBuilder readOnlyNonRecursive(boolean value) {
            this.readOnlyNonRecursive = value;
            return this;
        }

        /**
         * Requires recursive read-only: opening fails if a submount cannot be made read-only.
         *
         * @return this builder
         */
        public BindBuilder readOnlyForceRecursive() {
            return readOnlyForceRecursive(true);
        }

        /**
         * Sets the {@code readOnlyForceRecursive} option.
         *
         * @param value the option
         * @return this builder
         */
        public BindBuilder readOnlyForceRecursive(boolean value) {
            this.readOnlyForceRecursive = value;
            return this;
        }

        /**
         * Validates and builds the mount.
         *
         * @return the immutable mount spec
         * @throws OptionsConflictException if options conflict (the seed's messages)
         * @throws InvalidSpecException if the source or destination is not an absolute path, is
         *     empty, contains a NUL byte, or the destination is {@code /}
         */
        public MountSpec build() throws InvalidSpecException {
            SpecPaths.requireAbsolute("source", source);
            String dst = cleanDestination(destination);
            if (writable && readOnlyNonRecursive) {
                throw new OptionsConflictException("Writable", "ReadOnlyNonRecursive");
            }
            if (writable && readOnlyForceRecursive) {
                throw new OptionsConflictException("Writable", "ReadOnlyForceRecursive");
            }
            if (readOnlyNonRecursive && readOnlyForceRecursive) {
                throw new OptionsConflictException(
                        "ReadOnlyNonRecursive", "ReadOnlyForceRecursive");
            }
            return new MountSpec(
                    Type.BIND,
                    source,
                    dst,
                    writable,
                    nonRecursive,
                    readOnlyNonRecursive,
                    readOnlyForceRecursive,
                    0,
                    0);
        }
    }

    /** Builds a tmpfs {@link MountSpec}; {@link #build()} validates it. */
    public static final class TmpfsBuilder {
        private final String destination;
        private long sizeBytes;
        private int mode = DEFAULT_TMPFS_MODE;

        private TmpfsBuilder(String destination) {
            this.destination = destination;
        }

        /**
         * Limits the size of the tmpfs.
         *
         * @param bytes the limit in bytes; {@code 0} for the kernel's default
         * @return this builder
         */
        public TmpfsBuilder sizeBytes(long bytes) {
            this.sizeBytes = bytes;
            return this;
        }

        /**
         * Sets the permission bits of the tmpfs's root directory.
         *
         * @param mode octal permission bits, {@code 0} to {@code 07777}
         * @return this builder
         */
        public TmpfsBuilder mode(int mode) {
            this.mode = mode;
            return this;
        }

        /**
         * Validates and builds the mount.
         *
         * @return the immutable mount spec
         * @throws InvalidSpecException if the destination is not a valid absolute path other than
         *     {@code /}, the size is negative, or the mode is outside {@code 0..07777}
         */
        public MountSpec build() throws InvalidSpecException {
            String dst = cleanDestination(destination);
            if (sizeBytes < 0) {
                throw new InvalidSpecException("tmpfs-size", "negative size: " + sizeBytes);
            }
            if (mode < 0 || mode > 07777) {
                throw new InvalidSpecException(
                        "tmpfs-mode",
                        "not a permission mode (0 to 07777): 0" + Integer.toOctalString(mode));
            }
            return new MountSpec(Type.TMPFS, null, dst, true, false, false, false, sizeBytes, mode);
        }
    }

    private static String cleanDestination(String destination) throws InvalidSpecException {
        String dst = Filepath.clean(SpecPaths.requireAbsolute("destination", destination));
        if (dst.equals("/")) {
            // Mounting over the container root would hide the root the view is for.
            throw new InvalidSpecException("destination", "cannot be '/': " + destination);
        }
        return dst;
    }
}
