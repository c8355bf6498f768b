package dev.fsview.testkit.containment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an attack got out of a view — contents read, names listed, sizes and times, real paths and
 * working directories — judged as it is recorded. Anything that came from outside the root and
 * the volumes gives itself away: canary contents start with {@code CANARY:}, canary files are
 * {@link Scene#CANARY_SIZE} bytes and dated {@link Scene#CANARY_TIME}, the canary directory holds
 * a name nothing else has, and no container path starts with the root's own host path.
 *
 * <p>Used on view threads too, so it refers to JDK classes only, and is loaded before any view
 * opens (see {@link #load()}).
 */
public final class Evidence {
    private final String uniqueName;
    private final String rootHostPath;
    private final List<String> violations = new ArrayList<>();
    private int observations;

    /**
     * Creates an empty record for a scene.
     *
     * @param uniqueName the name only the canary directory holds
     * @param rootHostPath the container root's host path
     */
    public Evidence(String uniqueName, String rootHostPath) {
        this.uniqueName = uniqueName;
        this.rootHostPath = rootHostPath;
    }

    /** Loads this class and {@link Probe} on the calling thread, before a view switches root. */
    public static void load() {
        Probe.load();
    }

    /**
     * Records the content of a file the view let the attack read.
     *
     * @param where what was read, and how
     * @param content the bytes
     */
    public synchronized void read(String where, byte[] content) {
        observations++;
        String s = new String(content, StandardCharsets.UTF_8);
        // Inside the view every file is a decoy ("inside:"), a volume's ("volume:") or empty.
        if (!(s.isEmpty() || s.startsWith("inside:") || s.startsWith("volume:"))) {
            violations.add(where + " read " + excerpt(s));
        }
    }

    /**
     * Records the names a directory listing returned.
     *
     * @param where what was listed
     * @param names the names
     */
    public synchronized void listed(String where, List<String> names) {
        observations++;
        if (names.contains(uniqueName)) {
            violations.add(where + " listed the canary directory: " + names);
        }
    }

    /**
     * Records a size and modification time the view reported.
     *
     * @param where what was inspected
     * @param size its size
     * @param mtime its modification time
     */
    public synchronized void attributes(String where, long size, Instant mtime) {
        observations++;
        if (size == Scene.CANARY_SIZE || mtime.equals(Scene.CANARY_TIME)) {
            violations.add(
                    where + " reported a canary's attributes: size " + size + ", mtime " + mtime);
        }
    }

    /**
     * Records a container path the view reported (a real path, a working directory, a link
     * target): it must be a path inside the container, never the root's host path.
     *
     * @param where what reported it
     * @param path the path
     */
    public synchronized void path(String where, String path) {
        observations++;
        if (path.equals(rootHostPath) || path.startsWith(rootHostPath + "/")) {
            violations.add(where + " reported a host path: " + path);
        }
    }

    /**
     * Checks that a volume the view opened with is visible at its destination, inside the view.
     *
     * @param destination the file the volume shows there, as a container path
     * @param file the same, as a path of the view
     */
    public void mountedAt(String destination, Path file) {
        String content;
        try {
            content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            content = "unreadable: " + e;
        }
        synchronized (this) {
            observations++;
            if (!content.startsWith("volume:")) {
                violations.add("the view opened, but its volume is not at " + destination
                        + " inside it (" + excerpt(content) + "): mounted somewhere else");
            }
        }
    }

    /**
     * Returns how many things were recorded.
     *
     * @return the count
     */
    public synchronized int observations() {
        return observations;
    }

    /**
     * Fails if anything recorded came from outside the view.
     *
     * @param what the attack and entry point, for the message
     */
    public synchronized void assertContained(String what) {
        if (!violations.isEmpty()) {
            throw new AssertionError(
                    what + " escaped the view:\n  " + String.join("\n  ", violations));
        }
    }

    private static String excerpt(String s) {
        String oneLine = s.replace('\n', ' ');
        return '"' + (oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine) + '"';
    }
}
