package dev.fsview.spi;

import dev.fsview.MountEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one parser of the kernel's {@code /proc/<pid>/mountinfo} (proc(5)) in fsview: the Linux
 * backend's mount checks, {@link MountEntry#parseMountinfo}, and the kit's host fixtures and the
 * benchmarks (through the kit's {@code ProcSelf}) all read it here.
 */
public final class Mountinfo {
    private Mountinfo() {}

    /**
     * One line of mountinfo: {@code 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root
     * rw,errors=continue}. Paths are unescaped ({@code \040} is a space).
     *
     * @param id the mount id
     * @param parentId the parent mount's id (its own id for the namespace's root)
     * @param root the directory of the source file system that is mounted
     * @param mountPoint where it is mounted, relative to the reader's root
     * @param options the per-mount options ({@code ro}, {@code nodev}, ...)
     * @param fsType the file system type
     * @param source the mount source, as the kernel names it
     */
    public record Line(
            long id,
            long parentId,
            String root,
            String mountPoint,
            List<String> options,
            String fsType,
            String source) {
        /**
         * Checks and copies the parts.
         *
         * @param id the mount id
         * @param parentId the parent's id
         * @param root the mounted directory of the source
         * @param mountPoint where it is mounted
         * @param options the per-mount options
         * @param fsType the type
         * @param source the source
         */
        public Line {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(mountPoint, "mountPoint");
            options = List.copyOf(options);
            Objects.requireNonNull(fsType, "fsType");
            Objects.requireNonNull(source, "source");
        }

        /**
         * Returns whether the mount (not its file system) is read-only.
         *
         * @return {@code true} if the per-mount options hold {@code ro}
         */
        public boolean readOnly() {
            return options.contains("ro");
        }

        /**
         * Returns whether the mount refuses to open device nodes.
         *
         * @return {@code true} if the per-mount options hold {@code nodev}
         */
        public boolean nodev() {
            return options.contains("nodev");
        }

        /**
         * Returns the line as the API's mount entry.
         *
         * @return the entry, with this line's mount point, type, source, root and options
         */
        public MountEntry entry() {
            return new MountEntry(mountPoint, fsType, source, root, options);
        }
    }

    /**
     * Parses one line. The optional fields (shared, master, ...) run up to the lone {@code -}.
     *
     * @param line the line
     * @return the parsed line
     * @throws IllegalArgumentException if the line is not in mountinfo's format
     */
    public static Line parse(String line) {
        String[] f = line.trim().split(" ");
        int dash = List.of(f).indexOf("-");
        if (f.length < 10 || dash < 6 || f.length < dash + 3) {
            throw new IllegalArgumentException("not a mountinfo line: " + line);
        }
        try {
            return new Line(
                    Long.parseLong(f[0]),
                    Long.parseLong(f[1]),
                    unescape(f[3]),
                    unescape(f[4]),
                    List.of(f[5].split(",")),
                    unescape(f[dash + 1]),
                    unescape(f[dash + 2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a mountinfo line: " + line, e);
        }
    }

    /**
     * Reads and parses a mountinfo file, such as {@code /proc/thread-self/mountinfo}.
     *
     * @param file the file
     * @return its lines, in the kernel's order (parents before their children)
     * @throws IOException if it cannot be read
     */
    public static List<Line> read(Path file) throws IOException {
        List<Line> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(parse(line));
        }
        return out;
    }

    /**
     * Undoes the kernel's octal escapes of space, tab, newline and backslash in a path field.
     *
     * @param field a field of a mountinfo line
     * @return the field unescaped
     */
    public static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder b = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                b.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
