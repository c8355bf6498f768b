package dev.fsview.testkit.support;

import dev.fsview.testkit.HostFixture;
import dev.fsview.testkit.HostFixture.Attributes;
import dev.fsview.testkit.HostFixture.Kind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A snapshot of a host directory tree: every entry with its kind, mode, size, modification and
 * status-change times, link target and content. Two snapshots are equal when nothing in the tree
 * was created, deleted, written, renamed or re-moded in between; reading (access times) does not
 * count. Symlinks are recorded, never followed.
 */
public final class HostTree {
    private final String[] dirs;
    private final Map<String, String> entries;

    private HostTree(String[] dirs, Map<String, String> entries) {
        this.dirs = dirs.clone();
        this.entries = entries;
    }

    /**
     * Takes a snapshot of the trees under some host directories.
     *
     * @param host the host
     * @param dirs absolute host paths of directories (or files)
     * @return the snapshot
     * @throws IOException if the host cannot be read
     */
    public static HostTree of(HostFixture host, String... dirs) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String dir : dirs) {
            record(host, dir, entries);
        }
        return new HostTree(dirs, entries);
    }

    private static void record(HostFixture host, String path, Map<String, String> out)
            throws IOException {
        if (host.kind(path) == Kind.MISSING) {
            out.put(path, "missing");
            return;
        }
        Attributes a = host.attributes(path);
        StringBuilder b = new StringBuilder()
                .append(a.kind())
                .append(" mode=0")
                .append(Integer.toOctalString(a.mode() & 07777))
                .append(" size=")
                .append(a.size())
                .append(" mtime=")
                .append(a.modified())
                .append(" ctime=")
                .append(a.changed());
        switch (a.kind()) {
            case SYMLINK:
                b.append(" -> ").append(host.readLink(path));
                break;
            case FILE:
                b.append(" content=").append(digest(host.read(path)));
                break;
            default:
                break;
        }
        out.put(path, b.toString());
        if (a.kind() == Kind.DIRECTORY) {
            for (String name : host.list(path)) {
                record(host, path + "/" + name, out);
            }
        }
    }

    private static String digest(byte[] content) {
        if (content.length <= 64) {
            return Base64.getEncoder().encodeToString(content);
        }
        return content.length + "b#" + Arrays.hashCode(content);
    }

    /**
     * Describes how another snapshot differs from this one.
     *
     * @param after a later snapshot of the same trees
     * @return one line per created, deleted or changed entry; empty if none
     */
    public List<String> differences(HostTree after) {
        TreeSet<String> paths = new TreeSet<>(entries.keySet());
        paths.addAll(after.entries.keySet());
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            String was = entries.get(p);
            String now = after.entries.get(p);
            if (!Objects.equals(was, now)) {
                out.add(p + ": " + (was == null ? "(absent)" : was) + " => "
                        + (now == null ? "(absent)" : now));
            }
        }
        return out;
    }

    /**
     * Fails if the tree changed since this snapshot.
     *
     * @param host the host to look at again
     * @param what what was done in between, for the message
     * @throws IOException if the host cannot be read
     */
    public void assertUnchanged(HostFixture host, String what) throws IOException {
        List<String> diff = differences(of(host, dirs));
        if (!diff.isEmpty()) {
            throw new AssertionError(what + " changed the host under " + String.join(", ", dirs)
                    + ":\n  "
                    + String.join("\n  ", diff));
        }
    }
}
