package dev.fsview.linux.mount;

import dev.fsview.linux.sys.Fd;
import dev.fsview.spi.Mountinfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The calling thread's mount table ({@code /proc/thread-self/mountinfo}, parsed by the SPI's
 * {@link Mountinfo}, fsview's one parser of it): which mounts hang below which, and whether each
 * is read-only. Only the view thread mounts in its namespace, so the mounts
 * that appear under a parent across one step are the ones that step made.
 */
final class MountTable {
    /**
     * One line of mountinfo.
     *
     * @param id the mount id
     * @param parent the parent's mount id
     * @param mountPoint where it is mounted, as the kernel names it now
     * @param readOnly whether the mount (not the file system) is read-only
     * @param nodev whether the mount refuses to open device nodes
     */
    record Mount(long id, long parent, String mountPoint, boolean readOnly, boolean nodev) {}

    private final List<Mount> mounts;

    private MountTable(List<Mount> mounts) {
        this.mounts = mounts;
    }

    /** Reads the calling thread's table. */
    static MountTable read() throws IOException {
        List<Mount> out = new ArrayList<>();
        for (Mountinfo.Line line : Mountinfo.read(Path.of("/proc/thread-self/mountinfo"))) {
            out.add(new Mount(
                    line.id(), line.parentId(), line.mountPoint(), line.readOnly(), line.nodev()));
        }
        return new MountTable(out);
    }

    /** The id of the mount an fd is on, from {@code /proc/thread-self/fdinfo}. */
    static long mountIdOf(Fd fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/thread-self/fdinfo/" + fd.get()))) {
            if (line.startsWith("mnt_id:")) {
                return Long.parseLong(line.substring("mnt_id:".length()).trim());
            }
        }
        throw new IOException("no mnt_id in the fdinfo of " + fd.what());
    }

    /** The mount with an id, or null if it is not in the table. */
    Mount byId(long id) {
        for (Mount m : mounts) {
            if (m.id() == id) {
                return m;
            }
        }
        return null;
    }

    /** The ids of the mounts directly below a mount. */
    Set<Long> childIds(long parent) {
        Set<Long> ids = new HashSet<>();
        for (Mount m : mounts) {
            if (m.parent() == parent && m.id() != parent) {
                ids.add(m.id());
            }
        }
        return ids;
    }

    /** The mounts directly below a mount that are not among {@code known}. */
    List<Mount> newChildren(long parent, Set<Long> known) {
        List<Mount> out = new ArrayList<>();
        for (Mount m : mounts) {
            if (m.parent() == parent && m.id() != parent && !known.contains(m.id())) {
                out.add(m);
            }
        }
        return out;
    }

    /** Every mount below a mount, at any depth. */
    List<Mount> descendants(long top) {
        List<Mount> out = new ArrayList<>();
        Set<Long> frontier = Set.of(top);
        while (!frontier.isEmpty()) {
            Set<Long> next = new HashSet<>();
            for (Mount m : mounts) {
                if (frontier.contains(m.parent()) && m.id() != m.parent()) {
                    out.add(m);
                    next.add(m.id());
                }
            }
            frontier = next;
        }
        return out;
    }
}
