package dev.fsview.testkit.host;

import dev.fsview.spi.Mountinfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kernel says about this process: its mount table and its open file descriptors. What the
 * project's tests and benchmarks read the mount table with; the parsing is the SPI's
 * {@link Mountinfo}, which the Linux backend uses too.
 */
public final class ProcSelf {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private static final Path FDS = Path.of("/proc/self/fd");

    private ProcSelf() {}

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

    /** Parses one line, with the SPI's {@link Mountinfo}, fsview's one mountinfo parser. */
    static Mount parse(String line) {
        Mountinfo.Line l = Mountinfo.parse(line);
        return new Mount(l.mountPoint(), l.fsType(), l.source(), l.root());
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
