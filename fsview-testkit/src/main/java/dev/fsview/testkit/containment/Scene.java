package dev.fsview.testkit.containment;

import dev.fsview.testkit.HostFixture;
import dev.fsview.testkit.HostFixture.Attributes;
import dev.fsview.testkit.HostFixture.Kind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The host layout every attack runs in, and its canaries.
 *
 * <pre>
 * base/                       the host fixture's directory: root's parent (canary: no entry
 *                             appears or disappears, nobody lists it)
 * base/outside/               canary directory, outside the root and every volume
 *            secret           canary file: CANARY:&lt;uuid&gt;..., 4099 bytes, dated 2001
 *            dir/secret       canary file
 *            canary-&lt;uuid&gt;   a name that exists nowhere else: listing it is an escape
 * base/root/                  the container root
 *          .fsview-testkit-root               marker: tells the root from the host's /
 *          secret, dir/secret                 decoys ("inside:...")
 *          &lt;base&gt;/outside/secret, dir/secret   decoys at the canaries' own host paths, so
 *                                             absolute links to them resolve inside the view
 *          decoy-file, decoy-move             for copy and move
 * base/vol/                   a volume, mounted writable at /data in every view ("volume:...")
 * base/vol2/, base/vol2file   sources the attacks try to mount ("volume:...")
 * </pre>
 *
 * Every file a view may legitimately read starts with {@code inside:} or {@code volume:}; the
 * canaries start with {@code CANARY:}, are dated {@link #CANARY_TIME} and are 4099 bytes long, so
 * whatever a view reports about them gives them away. Canaries are only ever inspected with
 * {@code lstat} (no read, no listing), and their access times are dated back, so a read or a
 * listing by the view shows as a new access time.
 */
public final class Scene {
    /** When every canary was last modified and accessed. */
    public static final Instant CANARY_TIME = Instant.parse("2001-02-03T04:05:06.789Z");
    /** The size of every canary file. */
    public static final int CANARY_SIZE = 4099;
    /** A file only the container root has, to tell it from the host's {@code /}. */
    public static final String ROOT_MARKER = "/.fsview-testkit-root";
    /** How many {@code ../} reach the host's {@code /} from anywhere under the base directory. */
    private static final int CLIMB = 40;

    private final HostFixture host;
    private final String base;
    private final String root;
    private final String outside;
    private final String vol;
    private final String vol2;
    private final String vol2file;
    private final String secret;
    private final String uniqueName;
    private Map<String, Attributes> canaryState;

    private Scene(
            HostFixture host,
            String root,
            String outside,
            String vol,
            String vol2,
            String vol2file) {
        this.host = host;
        this.root = root;
        this.base = parentOf(root);
        this.outside = outside;
        this.vol = vol;
        this.vol2 = vol2;
        this.vol2file = vol2file;
        String id = UUID.randomUUID().toString();
        this.secret = "CANARY:" + id;
        this.uniqueName = "canary-" + id;
    }

    /**
     * Builds the layout on a host.
     *
     * @param host the host
     * @return the scene; plant the attack, then call {@link #armCanaries()}
     * @throws IOException if the host cannot be written
     */
    public static Scene build(HostFixture host) throws IOException {
        String root = host.newDirectory("root");
        String outside = host.newDirectory("outside");
        String vol = host.newDirectory("vol");
        String vol2 = host.newDirectory("vol2");
        String files = host.newDirectory("files");
        Scene s = new Scene(host, root, outside, vol, vol2, files + "/vol2file");
        if (!parentOf(outside).equals(s.base)) {
            throw new IllegalStateException("the host fixture must create directories side by side:"
                    + " " + root + " and " + outside);
        }
        s.plantDecoys();
        return s;
    }

    private void plantDecoys() throws IOException {
        for (String at : new String[] {root, root + outside}) {
            host.mkdirs(at + "/dir");
            host.write(at + "/secret", text("inside:decoy secret at " + at));
            host.write(at + "/dir/secret", text("inside:decoy dir/secret at " + at));
        }
        host.write(root + ROOT_MARKER, text(rootMarkerContent()));
        host.write(root + "/decoy-file", text("inside:decoy file"));
        host.write(root + "/decoy-move", text("inside:decoy to move"));
        host.write(vol + "/volfile", text("volume:the /data volume"));
        host.write(vol2 + "/volfile", text("volume:a mounted directory"));
        host.write(vol2file, text("volume:a mounted file"));
        host.mkdirs(outside + "/dir");
        StringBuilder content = new StringBuilder(secret);
        while (content.length() < CANARY_SIZE) {
            content.append('#');
        }
        for (String canary : new String[] {"/secret", "/dir/secret", "/" + uniqueName}) {
            host.write(outside + canary, text(content.toString()));
        }
    }

    /**
     * Dates the canaries back and records their state: call after planting the attack, before any
     * view opens.
     *
     * @throws IOException if the host cannot be written
     */
    public void armCanaries() throws IOException {
        for (String p : new String[] {"/secret", "/dir/secret", "/" + uniqueName, "/dir", ""}) {
            host.setTimes(outside + p, CANARY_TIME, CANARY_TIME);
        }
        canaryState = canaries();
    }

    private Map<String, Attributes> canaries() throws IOException {
        Map<String, Attributes> state = new LinkedHashMap<>();
        for (String p : List.of(
                base,
                outside,
                outside + "/secret",
                outside + "/dir",
                outside + "/dir/secret",
                outside + "/" + uniqueName)) {
            state.put(p, host.kind(p) == Kind.MISSING ? null : host.attributes(p));
        }
        return state;
    }

    /**
     * Fails if any canary was read, listed, written, created in, deleted, renamed or re-moded
     * since {@link #armCanaries()}.
     *
     * @param what what was done, for the message
     * @throws IOException if the host cannot be inspected
     */
    public void assertCanariesUntouched(String what) throws IOException {
        Map<String, Attributes> now = canaries();
        StringBuilder diff = new StringBuilder();
        for (Map.Entry<String, Attributes> e : canaryState.entrySet()) {
            Attributes after = now.get(e.getKey());
            if (!java.util.Objects.equals(e.getValue(), after)) {
                diff.append("\n  ")
                        .append(e.getKey())
                        .append(": ")
                        .append(e.getValue())
                        .append("\n    => ")
                        .append(after);
            }
        }
        if (diff.length() > 0) {
            throw new AssertionError(what + " touched host paths outside the root:" + diff);
        }
    }

    // ---- what attack layouts use

    /**
     * Plants a symlink in the container root.
     *
     * @param containerPath where, e.g. {@code /esc} or {@code /a/b/up}; parents are created
     * @param target what it holds, verbatim
     * @throws IOException if it cannot be created
     */
    public void link(String containerPath, String target) throws IOException {
        host.mkdirs(parentOf(root + containerPath));
        host.symlink(root + containerPath, target);
    }

    /**
     * Plants a symlink in the {@code /data} volume's source.
     *
     * @param pathInVolume where, e.g. {@code /esc}
     * @param target what it holds, verbatim
     * @throws IOException if it cannot be created
     */
    public void volumeLink(String pathInVolume, String target) throws IOException {
        host.mkdirs(parentOf(vol + pathInVolume));
        host.symlink(vol + pathInVolume, target);
    }

    /**
     * Plants a decoy file in the container root: content a view may read.
     *
     * @param containerPath where; parents are created
     * @throws IOException if it cannot be written
     */
    public void decoy(String containerPath) throws IOException {
        host.mkdirs(parentOf(root + containerPath));
        host.write(root + containerPath, text("inside:decoy at " + containerPath));
    }

    /**
     * Creates a directory in the container root.
     *
     * @param containerPath the directory
     * @throws IOException if it cannot be created
     */
    public void dir(String containerPath) throws IOException {
        host.mkdirs(root + containerPath);
    }

    /**
     * Returns enough {@code ../} to climb from anywhere under the base directory to the host's
     * {@code /} (and, inside a view, to its root).
     *
     * @return e.g. {@code ../../../../}
     */
    public String climb() {
        return "../".repeat(CLIMB);
    }

    /**
     * Returns the canary directory's host path.
     *
     * @return an absolute host path
     */
    public String outside() {
        return outside;
    }

    /**
     * Returns the canary directory's host path without its leading {@code /}, to follow a climb.
     *
     * @return e.g. {@code tmp/fsview-testkit-1/outside}
     */
    public String outsideRelative() {
        return outside.substring(1);
    }

    /**
     * Returns the canary directory's name in the base directory.
     *
     * @return e.g. {@code outside}
     */
    public String outsideName() {
        return outside.substring(base.length() + 1);
    }

    /**
     * Returns the base directory's host path (the root's parent).
     *
     * @return an absolute host path
     */
    public String base() {
        return base;
    }

    /**
     * Returns the container root's host path.
     *
     * @return an absolute host path
     */
    public String root() {
        return root;
    }

    /**
     * Returns the host path of the volume mounted writable at {@code /data}.
     *
     * @return an absolute host path
     */
    public String volume() {
        return vol;
    }

    /**
     * Returns the host path of the directory the mount attacks try to mount.
     *
     * @return an absolute host path
     */
    public String mountableDirectory() {
        return vol2;
    }

    /**
     * Returns the host path of the file the mount attacks try to mount.
     *
     * @return an absolute host path
     */
    public String mountableFile() {
        return vol2file;
    }

    /**
     * Returns the canary files' secret, which no view may ever read.
     *
     * @return {@code CANARY:<uuid>}
     */
    public String secret() {
        return secret;
    }

    /**
     * Returns the name only the canary directory has.
     *
     * @return {@code canary-<uuid>}
     */
    public String uniqueName() {
        return uniqueName;
    }

    /**
     * Returns what the root's marker file ({@link #ROOT_MARKER}) holds.
     *
     * @return text unique to this scene
     */
    public String rootMarkerContent() {
        return "inside:the container root of " + uniqueName;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
