package dev.fsview.cli.container;

import dev.fsview.HandOverStrategy;
import dev.fsview.InvalidSpecException;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.cli.json.JsonException;
import dev.fsview.cli.json.JsonParser;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads an OCI runtime bundle (a directory with {@code config.json}) into a {@link ContainerSpec},
 * following the OCI runtime spec (config.md, "Root" and "Mounts") and runc's reading of it:
 * <ul>
 *   <li>{@code root.path} is relative to the bundle or absolute; {@code root.readonly} marks the
 *       rootfs read-only;
 *   <li>a mount is a bind mount if its options hold {@code bind} or {@code rbind} (or its type is
 *       {@code bind}); {@code rbind} is recursive, {@code bind} is not (the last one given wins);
 *       "path values for bind mounts are either absolute or relative to the bundle", so a relative
 *       {@code source} is resolved against the bundle directory;
 *   <li>{@code rw} (the default) makes it writable; {@code ro} makes the bind mount read-only the
 *       way runc does, remounting only the top mount ({@code readOnlyNonRecursive}); {@code rro}
 *       makes it recursively read-only, failing if the kernel cannot
 *       ({@code readOnlyForceRecursive}), as runc does;
 *   <li>{@code tmpfs} mounts take {@code size=} and {@code mode=};
 *   <li>other options (nosuid, nodev, propagation, ...) are accepted and ignored with a debug
 *       message, and mounts of other types (proc, sysfs, devpts, mqueue, cgroup, ...) are skipped
 *       with one: a view shows files, not kernel interfaces.
 * </ul>
 * A relative {@code destination} is taken relative to {@code /}, as the spec allows for old
 * configs.
 */
public final class OciBundle {
    /** A config.json larger than this is refused: real ones are a few kilobytes. */
    static final long MAX_CONFIG_BYTES = 16L << 20;

    private static final Set<String> PROPAGATION = Set.of(
            "private",
            "rprivate",
            "shared",
            "rshared",
            "slave",
            "rslave",
            "unbindable",
            "runbindable");

    private final Path bundle;
    private final Consumer<String> debug;

    private OciBundle(Path bundle, Consumer<String> debug) {
        this.bundle = bundle;
        this.debug = debug;
    }

    /**
     * Reads a bundle.
     *
     * @param bundleDir the bundle directory
     * @param debug receives one line for each option or mount that is ignored
     * @return the container
     * @throws BundleException if config.json is missing, malformed or invalid
     * @throws IOException if it cannot be read
     */
    public static ContainerSpec load(Path bundleDir, Consumer<String> debug) throws IOException {
        Path dir = bundleDir.toAbsolutePath();
        return new OciBundle(dir, debug).read();
    }

    private ContainerSpec read() throws IOException {
        Map<String, Object> config = asObject(parse(), "the config");
        Map<String, Object> root = asObject(require(config, "root", ""), "root");
        String rootPath = asString(require(root, "path", "root."), "root.path");
        if (rootPath.isEmpty()) {
            throw invalid("root.path is empty");
        }
        boolean readOnly =
                root.containsKey("readonly") && asBoolean(root.get("readonly"), "root.readonly");
        ViewSpec.Builder spec = ViewSpec.builder(bundle.resolve(rootPath).toString());
        Object mounts = config.get("mounts");
        if (mounts != null) {
            List<?> list = asArray(mounts, "mounts");
            for (int i = 0; i < list.size(); i++) {
                String where = "mounts[" + i + "]";
                MountSpec m = mount(asObject(list.get(i), where), where);
                if (m != null) {
                    spec.mount(m);
                }
            }
        }
        spec.handOver(HandOverStrategy.ADAPTIVE); // as FsviewCommand's --root
        if (readOnly) {
            spec.readOnlyRoot(); // the kernel keeps the root read-only, not only fsview's checks
        }
        try {
            return new ContainerSpec(spec.build(), readOnly);
        } catch (InvalidSpecException e) {
            throw invalid(e.getMessage());
        }
    }

    private Object parse() throws IOException {
        Path file = bundle.resolve("config.json");
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw invalid("config.json is larger than " + (MAX_CONFIG_BYTES >> 20) + " MiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BundleException("not an OCI bundle: " + file + " does not exist");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("config.json is not UTF-8");
        }
        try {
            return JsonParser.parse(text);
        } catch (JsonException e) {
            throw invalid("config.json: " + e.getMessage());
        }
    }

    private MountSpec mount(Map<String, Object> m, String where) throws BundleException {
        String destination =
                asString(require(m, "destination", where + "."), where + ".destination");
        if (!destination.startsWith("/")) {
            destination = "/" + destination;
        }
        String type = m.containsKey("type") ? asString(m.get("type"), where + ".type") : "";
        String source = m.containsKey("source") ? asString(m.get("source"), where + ".source") : "";
        List<String> options = options(m, where);
        for (String key : m.keySet()) {
            if (!Set.of("destination", "type", "source", "options").contains(key)) {
                debug.accept(where + ": ignoring \"" + key + "\"");
            }
        }
        try {
            if (type.equals("bind") || options.contains("bind") || options.contains("rbind")) {
                return bind(source, destination, options, where);
            }
            if (type.equals("tmpfs")) {
                return tmpfs(destination, options, where);
            }
        } catch (InvalidSpecException | IllegalArgumentException e) {
            throw invalid(where + ": " + e.getMessage());
        }
        debug.accept("skipping the " + (type.isEmpty() ? "untyped" : type) + " mount at "
                + destination + ": fsview mounts only bind and tmpfs");
        return null;
    }

    private MountSpec bind(String source, String destination, List<String> options, String where)
            throws InvalidSpecException, BundleException {
        if (source.isEmpty()) {
            throw invalid(where + ": a bind mount needs a source");
        }
        boolean recursive = false;
        boolean readOnly = false;
        boolean rro = false;
        for (String o : options) {
            switch (o) {
                case "bind":
                    recursive = false;
                    break;
                case "rbind":
                    recursive = true;
                    break;
                case "ro":
                    readOnly = true;
                    break;
                case "rw":
                    readOnly = false;
                    break;
                case "rro":
                    rro = true;
                    break;
                default:
                    ignored(o, destination);
            }
        }
        String host = source.startsWith("/") ? source : bundle.resolve(source).toString();
        return MountSpec.bind(host, destination)
                .writable(!readOnly && !rro)
                .nonRecursive(!recursive)
                .readOnlyNonRecursive(readOnly && !rro)
                .readOnlyForceRecursive(rro)
                .build();
    }

    private MountSpec tmpfs(String destination, List<String> options, String where)
            throws InvalidSpecException, BundleException {
        MountSpec.TmpfsBuilder b = MountSpec.tmpfs(destination);
        for (String o : options) {
            if (o.startsWith("size=")) {
                b.sizeBytes(Sizes.tmpfsOption(o.substring(5)));
            } else if (o.startsWith("mode=")) {
                try {
                    b.mode(Integer.parseInt(o.substring(5), 8));
                } catch (NumberFormatException e) {
                    throw invalid(where + ": invalid tmpfs mode: " + o);
                }
            } else if (o.equals("ro") || o.equals("rro")) {
                throw invalid(where + ": a read-only tmpfs is not supported by fsview");
            } else {
                ignored(o, destination);
            }
        }
        return b.build();
    }

    private void ignored(String option, String destination) {
        debug.accept("ignoring mount option \"" + option + "\" of " + destination
                + (PROPAGATION.contains(option) ? " (a view's mounts are always private)" : ""));
    }

    private List<String> options(Map<String, Object> m, String where) throws BundleException {
        if (!m.containsKey("options")) {
            return List.of();
        }
        List<?> raw = asArray(m.get("options"), where + ".options");
        for (int i = 0; i < raw.size(); i++) {
            asString(raw.get(i), where + ".options[" + i + "]");
        }
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) raw;
        return strings;
    }

    private Object require(Map<String, Object> object, String key, String prefix)
            throws BundleException {
        if (!object.containsKey(key)) {
            throw invalid(prefix + key + " is missing");
        }
        return object.get(key);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asObject(Object value, String what) throws BundleException {
        if (!(value instanceof Map)) {
            throw invalid(what + " must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private List<?> asArray(Object value, String what) throws BundleException {
        if (!(value instanceof List)) {
            throw invalid(what + " must be a JSON array");
        }
        return (List<?>) value;
    }

    private String asString(Object value, String what) throws BundleException {
        if (!(value instanceof String)) {
            throw invalid(what + " must be a string");
        }
        return (String) value;
    }

    private boolean asBoolean(Object value, String what) throws BundleException {
        if (!(value instanceof Boolean)) {
            throw invalid(what + " must be true or false");
        }
        return (Boolean) value;
    }

    private BundleException invalid(String problem) {
        return new BundleException("invalid OCI bundle " + bundle + ": " + problem);
    }
}
