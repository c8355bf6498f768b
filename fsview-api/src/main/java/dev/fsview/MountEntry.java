package dev.fsview;

import dev.fsview.spi.Mountinfo;

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
public record MountEntry(
        String mountPoint, String fsType, String source, String root, List<String> options) {
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
     * unescaped ({@code \040} is a space). The parser is {@link Mountinfo}, fsview's one.
     *
     * @param line the line
     * @return the entry
     * @throws IllegalArgumentException if the line is not in mountinfo's format
     */
    public static MountEntry parseMountinfo(String line) {
        return Mountinfo.parse(line).entry();
    }

    @Override
    public String toString() {
        return mountPoint + " " + fsType + " " + source + " " + String.join(",", options);
    }
}
