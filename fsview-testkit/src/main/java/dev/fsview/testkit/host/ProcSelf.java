package dev.fsview.testkit.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kernel says about this process: its mount table and its open file descriptors. The one
 * mountinfo parser of the project's tests and benchmarks.
 */
public final class ProcSelf {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private static final Path FDS = Path.of("/proc/self/fd");

    private ProcSelf() {
    }

    /**
     * One line of /proc/self/mountinfo, the fields a leak report needs.
     *
     * @param mountPoint where it is mounted, unescaped
     * @param fsType the file system type
     * @param source the mount source, unescaped
     * @param root the mounted directory within its file system, unescaped
     */
    public record Mount(String mountPoint, String fsType, String source, String root) {
        @Override
        public String toString() {
            return mountPoint + " (" + fsType + " " + source + ":" + root + ")";
        }
    }

    /**
     * Reads the process's mount table.
     *
     * @return the mounts, in mount order
     * @throws UncheckedIOException if /proc/self/mountinfo cannot be read
     */
    public static List<Mount> mounts() {
        try {
            List<Mount> out = new ArrayList<>();
            for (String line : Files.readAllLines(MOUNTINFO)) {
                out.add(parse(line));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue":
     * the optional fields run up to the lone "-".
     */
    static Mount parse(String line) {
        String[] f = line.split(" ");
        int dash = 6;
        while (dash < f.length && !f[dash].equals("-")) {
            dash++;
        }
        String fsType = dash + 1 < f.length ? f[dash + 1] : "?";
        String source = dash + 2 < f.length ? unescape(f[dash + 2]) : "?";
        return new Mount(unescape(f[4]), fsType, source, unescape(f[3]));
    }

    /** The kernel writes space, tab, newline and backslash in paths as octal escapes (\040). */
    static String unescape(String field) {
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

    /**
     * What each open file descriptor refers to ({@code readlink /proc/self/fd/N}), skipping the
     * descriptor this listing itself uses and those closed while we looked.
     */
    static List<String> openFileTargets() {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
            for (Path fd : fds) {
                try {
                    out.add(Files.readSymbolicLink(fd).toString());
                } catch (NoSuchFileException closedMeanwhile) {
                    // closed between the listing and the readlink
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The directory stream's own descriptor points at /proc/<pid>/fd.
        out.removeIf(t -> t.startsWith("/proc/") && t.endsWith("/fd"));
        return out;
    }
}
