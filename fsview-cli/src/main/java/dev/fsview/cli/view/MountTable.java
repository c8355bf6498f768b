package dev.fsview.cli.view;

import dev.fsview.FsView;
import dev.fsview.MountSpec;

import java.io.IOException;
import java.nio.file.AccessMode;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The view's mount table as the view sees it: the container root, then each mount in the order
 * it was applied, at its mount point resolved inside the view (a destination under
 * {@code /var/run} appears under {@code /run} when {@code /var/run -> /run}), with whether the
 * kernel (or the fake) lets the view write there. It answers "which mount is this container path
 * on", which decides whether a copy may write there.
 */
public final class MountTable {

    /**
     * One mount as the view sees it.
     *
     * @param mountPoint the resolved container path, {@code /} for the root
     * @param type {@code rootfs}, {@code bind} or {@code tmpfs}
     * @param source the host path, or {@code tmpfs}
     * @param spec the mount's spec, or {@code null} for the root
     * @param writable whether the view may write at the mount point (the kernel's answer)
     * @param rootReadOnly for the root: whether fsview refuses writes to it (the container's
     *     rootfs is marked read-only)
     */
    public record Mount(
            String mountPoint,
            String type,
            String source,
            MountSpec spec,
            boolean writable,
            boolean rootReadOnly) {

        /**
         * Returns whether a copy may write on this mount.
         *
         * @return {@code false} for a read-only volume or a read-only rootfs
         */
        public boolean acceptsWrites() {
            return writable && !rootReadOnly;
        }

        /**
         * Renders the options column of {@code fsview mounts}.
         *
         * @return e.g. {@code ro,rbind,rro=best-effort}
         */
        public String options() {
            List<String> o = new ArrayList<>();
            o.add(acceptsWrites() ? "rw" : "ro");
            if (spec == null) {
                return String.join(",", o);
            }
            if (spec.type() == MountSpec.Type.TMPFS) {
                if (spec.tmpfsSizeBytes() > 0) {
                    o.add("size=" + spec.tmpfsSizeBytes());
                }
                o.add("mode=" + Integer.toOctalString(spec.tmpfsMode()));
                return String.join(",", o);
            }
            o.add(spec.nonRecursive() ? "bind" : "rbind");
            if (!spec.writable()) {
                o.add(
                        spec.readOnlyForceRecursive()
                                ? "rro=required"
                                : spec.readOnlyNonRecursive() ? "rro=no" : "rro=best-effort");
            }
            return String.join(",", o);
        }
    }

    private final List<Mount> mounts;

    private MountTable(List<Mount> mounts) {
        this.mounts = List.copyOf(mounts);
    }

    /**
     * Reads the table of an open view.
     *
     * @param view the view
     * @param rootReadOnly whether the container's rootfs is marked read-only
     * @return the table, root first, then the mounts in apply order
     * @throws IOException if a mount point cannot be resolved in the view
     */
    public static MountTable of(FsView view, boolean rootReadOnly) throws IOException {
        if (view.spec().process().isPresent()) {
            return ofProcess(view);
        }
        List<Mount> list = new ArrayList<>();
        list.add(new Mount(
                "/", "rootfs", view.spec().root(), null, writable(view.path("/")), rootReadOnly));
        for (MountSpec m : view.spec().mountsInApplyOrder()) {
            Path point = view.path(m.destination()).toRealPath();
            String type = m.type().name().toLowerCase(Locale.ROOT);
            list.add(new Mount(
                    point.toString(), type, m.source().orElse("tmpfs"), m, writable(point), false));
        }
        return new MountTable(list);
    }

    /**
     * The table of a view of a running process: what its mount namespace holds under its root,
     * as the kernel lists it, the root first (the process's root is not always a mount point).
     */
    private static MountTable ofProcess(FsView view) throws IOException {
        List<Mount> list = new ArrayList<>();
        list.add(new Mount(
                "/", "rootfs", view.spec().root(), null, writable(view.path("/")), false));
        for (dev.fsview.MountEntry m : view.mounts()) {
            Mount row = new Mount(
                    m.mountPoint(),
                    m.fsType(),
                    m.source(),
                    null,
                    !m.readOnly() && writable(view.path(m.mountPoint())),
                    false);
            if (m.mountPoint().equals("/")) {
                list.set(0, row);
            } else {
                list.add(row);
            }
        }
        return new MountTable(list);
    }

    /** access(W_OK): EROFS on a read-only mount, whatever the spec says. */
    private static boolean writable(Path p) throws IOException {
        try {
            p.getFileSystem().provider().checkAccess(p, AccessMode.WRITE);
            return true;
        } catch (FileSystemException e) {
            return false;
        }
    }

    /**
     * Returns the mounts, root first, in the order they were applied.
     *
     * @return the table
     */
    public List<Mount> mounts() {
        return mounts;
    }

    /**
     * Returns the mount a resolved container path is on: the last-applied mount whose mount point
     * is the path or one of its ancestors.
     *
     * @param realPath an absolute container path with no symlinks in it
     * @return the mount
     */
    public Mount mountOf(String realPath) {
        Mount best = mounts.get(0);
        for (Mount m : mounts) {
            String mp = m.mountPoint();
            boolean under = realPath.equals(mp) || mp.equals("/") || realPath.startsWith(mp + "/");
            if (under && mp.length() >= best.mountPoint().length()) {
                best = m;
            }
        }
        return best;
    }
}
