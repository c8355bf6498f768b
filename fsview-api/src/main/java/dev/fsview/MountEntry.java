package dev.fsview;

import java.util.List;
import java.util.Objects;

/**
 * One mount of a view's mount table, as {@link FsView#mounts()} lists it (one line of
 * {@code /proc/<pid>/mountinfo} on Linux).
 *
 * @param mountPoint where it is mounted, as a container path
 * @param fsType the file system type, e.g. {@code "tmpfs"}, {@code "overlay"}, {@code "ext4"}
 * @param source what is mounted, as the kernel names it (a device, {@code "tmpfs"}, ...)
 * @param root the directory of the source file system that is mounted ({@code "/"} unless it is
 *     a bind of a subdirectory)
 * @param options the per-mount options, e.g. {@code ["ro", "nosuid", "nodev"]}
 */
public record MountEntry(String mountPoint, String fsType, String source, String root,
        List<String> options) {
    /**
     * Checks and copies the parts.
     *
     * @param mountPoint where it is mounted
     * @param fsType the type
     * @param source the source
     * @param root the mounted directory of the source
     * @param options the per-mount options
     */
    public MountEntry {
        Objects.requireNonNull(mountPoint, "mountPoint");
        Objects.requireNonNull(fsType, "fsType");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(root, "root");
        options = List.copyOf(options);
    }

    /**
     * Returns whether the mount is read-only.
     *
     * @return {@code true} if its options hold {@code ro}
     */
    public boolean readOnly() {
        return options.contains("ro");
    }

    /**
     * Parses one line of {@code /proc/<pid>/mountinfo} (proc(5)): mount point, root and source
     * unescaped ({@code \040} is a space).
     *
     * @param line the line
     * @return the entry
     * @throws IllegalArgumentException if the line is not in mountinfo's format
     */
    public static MountEntry parseMountinfo(String line) {
        String[] f = line.trim().split(" ");
        int dash = List.of(f).indexOf("-");
        if (f.length < 10 || dash < 6 || f.length < dash + 3) {
            throw new IllegalArgumentException("not a mountinfo line: " + line);
        }
        return new MountEntry(unescape(f[4]), unescape(f[dash + 1]), unescape(f[dash + 2]),
                unescape(f[3]), List.of(f[5].split(",")));
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return mountPoint + " " + fsType + " " + source + " " + String.join(",", options);
    }
}
