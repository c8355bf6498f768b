package dev.fsview.cli.container;

import dev.fsview.InvalidSpecException;
import dev.fsview.MountSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Parses a {@code --mount} value in Docker's syntax (docker/cli {@code opts/mount.go}, Docker 25+)
 * into a {@link MountSpec}:
 * {@code type=bind,source=/host/path,target=/container/path[,readonly][,bind-recursive=...]} or
 * {@code type=tmpfs,target=/path[,tmpfs-size=BYTES][,tmpfs-mode=OCTAL]}, with Docker's spellings
 * ({@code src}, {@code dst}, {@code destination}, {@code ro}, {@code readonly=true|false|1|0}),
 * Docker's whitespace and key=value checks and Docker's messages.
 *
 * <p>The read-only options map onto the four {@link MountSpec} options exactly as Docker maps
 * {@code bind-recursive} onto its {@code mount.BindOptions} (docker/cli opts/mount.go) and the
 * daemon applies them (moby daemon: a read-only mount is made recursively read-only when the kernel
 * can, and must be when ReadOnlyForceRecursive):
 * <ul>
 *   <li>{@code readonly} alone, or with {@code bind-recursive=enabled}: read-only, recursively
 *       where the kernel can (best effort) — no option set, not writable;
 *   <li>{@code bind-recursive=disabled}: {@code nonRecursive} (a plain bind, no submounts);
 *   <li>{@code bind-recursive=writable} (requires {@code readonly}): {@code readOnlyNonRecursive},
 *       Docker 24's read-only bind whose submounts stay writable;
 *   <li>{@code bind-recursive=readonly} (requires {@code readonly}): {@code
 * readOnlyForceRecursive},       recursively read-only or the view does not open.
 * </ul>
 * Docker also demands {@code bind-propagation=rprivate} with {@code bind-recursive=readonly};
 * fsview accepts it but does not require it, since a view's mounts are always private.
 * fsview mounts host paths and tmpfs only: {@code type=volume} (Docker's default), {@code image},
 * {@code npipe} and {@code cluster} are refused, as are shared or slave propagation, which a view
 * never has, and {@code bind-create-src}, since fsview never creates host paths.
 */
public final class DockerMount {
    private static final List<String> BOOLEAN_KEYS =
            List.of("readonly", "ro", "volume-nocopy", "bind-nonrecursive", "bind-create-src");

    private String type = "volume";
    private String source = "";
    private String target = "";
    private boolean readOnly;
    private boolean bindOptions;
    private boolean volumeOptions;
    private boolean imageOptions;
    private boolean tmpfsOptions;
    private boolean nonRecursive;
    private boolean readOnlyNonRecursive;
    private boolean readOnlyForceRecursive;
    private String propagation = "";
    private long tmpfsSize;
    private int tmpfsMode = MountSpec.DEFAULT_TMPFS_MODE;

    private DockerMount() {}

    /**
     * Parses one {@code --mount} value.
     *
     * @param value the value, e.g. {@code type=bind,src=./data,dst=/data,readonly}
     * @param cwd the directory a relative source starting with {@code .} is resolved against
     * @return the mount spec
     * @throws IllegalArgumentException with Docker's message when the value is invalid
     */
    public static MountSpec parse(String value, Path cwd) {
        DockerMount m = new DockerMount();
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("value is empty");
        }
        for (String field : GoCsv.fields(trimmed)) {
            m.field(field, cwd);
        }
        m.validate();
        return m.build();
    }

    private void field(String field, Path cwd) {
        int eq = field.indexOf('=');
        boolean hasValue = eq >= 0;
        String key = hasValue ? field.substring(0, eq) : field;
        String val = hasValue ? field.substring(eq + 1) : "";
        if (!key.strip().equals(key)) {
            throw new IllegalArgumentException("invalid option '" + key.strip() + "' in '" + field
                    + "': option should not have whitespace");
        }
        if (hasValue) {
            if (val.strip().isEmpty()) {
                throw new IllegalArgumentException(
                        "invalid value for '" + key + "': value is empty");
            }
            if (!val.strip().equals(val)) {
                throw new IllegalArgumentException("invalid value for '" + key + "' in '" + field
                        + "': value should not have whitespace");
            }
        }
        key = key.toLowerCase(Locale.ROOT);
        if (!hasValue && !BOOLEAN_KEYS.contains(key)) {
            throw new IllegalArgumentException(
                    "invalid field '" + field + "' must be a key=value pair");
        }
        option(key, val, hasValue, field, cwd);
    }

    private void option(String key, String val, boolean hasValue, String field, Path cwd) {
        switch (key) {
            case "type":
                type = val.toLowerCase(Locale.ROOT);
                break;
            case "source":
            case "src":
                // docker/cli makes "./x" and "../x" absolute against the working directory.
                source = !val.startsWith("/") && val.startsWith(".")
                        ? cwd.resolve(val).toAbsolutePath().normalize().toString()
                        : val;
                break;
            case "target":
            case "dst":
            case "destination":
                target = val;
                break;
            case "readonly":
            case "ro":
                readOnly = parseBool(key, val, hasValue);
                break;
            case "consistency":
                break; // Docker Desktop's file sharing hint; meaningless here, as on Linux Docker
            case "bind-propagation":
                bindOptions = true;
                propagation = val.toLowerCase(Locale.ROOT);
                break;
            case "bind-nonrecursive":
                throw new IllegalArgumentException(
                        "bind-nonrecursive is deprecated, use bind-recursive=disabled instead");
            case "bind-recursive":
                bindOptions = true;
                bindRecursive(key, val);
                break;
            case "bind-create-src":
                throw new IllegalArgumentException(
                        "bind-create-src is not supported: fsview never creates host paths");
            case "volume-subpath":
            case "volume-nocopy":
            case "volume-label":
            case "volume-driver":
            case "volume-opt":
                volumeOptions = true;
                break;
            case "image-subpath":
                imageOptions = true;
                break;
            case "tmpfs-size":
                tmpfsOptions = true;
                tmpfsSize = tmpfsSize(key, val);
                break;
            case "tmpfs-mode":
                tmpfsOptions = true;
                tmpfsMode = tmpfsMode(key, val);
                break;
            default:
                throw new IllegalArgumentException(
                        "unknown option '" + key + "' in '" + field + "'");
        }
    }

    private void bindRecursive(String key, String val) {
        switch (val) {
            case "enabled":
                break; // read-only mounts are recursively read-only where the kernel can
            case "disabled":
                nonRecursive = true;
                break;
            case "writable":
                readOnlyNonRecursive = true;
                break;
            case "readonly":
                readOnlyForceRecursive = true;
                break;
            default:
                throw new IllegalArgumentException("invalid value for " + key + ": " + val
                        + " (must be \"enabled\", \"disabled\", \"writable\", or \"readonly\")");
        }
    }

    /** Go's strconv.ParseBool, as docker reads readonly=. */
    private static boolean parseBool(String key, String val, boolean hasValue) {
        if (!hasValue) {
            return true;
        }
        switch (val) {
            case "1":
            case "t":
            case "T":
            case "TRUE":
            case "true":
            case "True":
                return true;
            case "0":
            case "f":
            case "F":
            case "FALSE":
            case "false":
            case "False":
                return false;
            default:
                throw new IllegalArgumentException("invalid value for " + key + ": " + val);
        }
    }

    private static long tmpfsSize(String key, String val) {
        try {
            return Sizes.ramInBytes(val);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value for " + key + ": " + val);
        }
    }

    private static int tmpfsMode(String key, String val) {
        try {
            long mode = Long.parseLong(val, 8);
            if (mode < 0 || mode > 0xffffffffL || val.startsWith("+") || val.startsWith("-")) {
                throw new NumberFormatException();
            }
            return (int) mode;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for " + key + ": " + val);
        }
    }

    private void validate() {
        if (target.isEmpty()) {
            throw new IllegalArgumentException("target is required");
        }
        mix(bindOptions, "bind", "bind");
        mix(volumeOptions, "volume", "volume");
        mix(imageOptions, "image", "image");
        mix(tmpfsOptions, "tmpfs", "tmpfs");
        if (readOnlyNonRecursive && !readOnly) {
            throw new IllegalArgumentException(
                    "option 'bind-recursive=writable' requires 'readonly' to be specified"
                            + " in conjunction");
        }
        if (readOnlyForceRecursive && !readOnly) {
            throw new IllegalArgumentException(
                    "option 'bind-recursive=readonly' requires 'readonly' to be specified"
                            + " in conjunction");
        }
        if (!type.equals("bind") && !type.equals("tmpfs")) {
            throw new IllegalArgumentException("mount type '" + type + "' is not supported: fsview"
                    + " mounts host paths (type=bind) and tmpfs (type=tmpfs)");
        }
        validatePropagation();
        if (!target.startsWith("/")) {
            throw new IllegalArgumentException("invalid mount config for type \"" + type
                    + "\": invalid mount path: '" + target + "' mount path must be absolute");
        }
    }

    private void mix(boolean present, String optionFamily, String requiredType) {
        if (present && !type.equals(requiredType)) {
            throw new IllegalArgumentException(
                    "cannot mix '" + optionFamily + "-*' options with mount type '" + type + "'");
        }
    }

    private void validatePropagation() {
        switch (propagation) {
            case "":
            case "private":
            case "rprivate":
                return;
            case "shared":
            case "rshared":
            case "slave":
            case "rslave":
                throw new IllegalArgumentException("bind-propagation=" + propagation
                        + " is not supported: a view's mounts are always private");
            default:
                throw new IllegalArgumentException("invalid propagation mode: " + propagation);
        }
    }

    private MountSpec build() {
        try {
            if (type.equals("tmpfs")) {
                if (!source.isEmpty()) {
                    throw new IllegalArgumentException("invalid mount config for type \"tmpfs\": "
                            + "field Source must not be specified");
                }
                if (readOnly) {
                    throw new IllegalArgumentException(
                            "a read-only tmpfs is not supported by fsview");
                }
                return MountSpec.tmpfs(target)
                        .sizeBytes(tmpfsSize)
                        .mode(tmpfsMode)
                        .build();
            }
            if (source.isEmpty()) {
                throw new IllegalArgumentException(
                        "invalid mount config for type \"bind\": field Source must not be empty");
            }
            if (!source.startsWith("/")) {
                throw new IllegalArgumentException("invalid mount config for type \"bind\": invalid"
                        + " mount path: '" + source + "' mount path must be absolute");
            }
            return MountSpec.bind(source, target)
                    .writable(!readOnly)
                    .nonRecursive(nonRecursive)
                    .readOnlyNonRecursive(readOnlyNonRecursive)
                    .readOnlyForceRecursive(readOnlyForceRecursive)
                    .build();
        } catch (InvalidSpecException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
