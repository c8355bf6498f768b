package dev.fsview.cli.copy;

import dev.fsview.FsView;
import dev.fsview.PathStat;
import dev.fsview.cli.archive.TreeArchiver;
import dev.fsview.cli.paths.GoPaths;
import dev.fsview.cli.view.ContainerPaths;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The container side of a copy, as docker's daemon resolves it (moby {@code containerArchivePath},
 * {@code containerExtractToDir}) and its client stats it — but every path goes through the view,
 * so the container's symlinks resolve inside the container.
 */
final class ContainerSide {
    private final FsView view;

    /**
     * Creates the container side.
     *
     * @param view the open view
     */
    public ContainerSide(FsView view) {
        this.view = view;
    }

    /**
     * Resolves and archives a container source.
     *
     * @param arg the container path
     * @param followLink {@code -L}: follow a symlink at the path (inside the container)
     * @param warnings receives skipped entries
     * @return the source
     * @throws IOException if it does not exist or cannot be read
     */
    public SourceArchive source(String arg, boolean followLink, Consumer<String> warnings)
            throws IOException {
        Top top = top(arg, followLink);
        return new SourceArchive(
                TreeArchiver.archive(top.path(), top.followTop(), top.name(), warnings),
                new CopyRules.Source(top.isDirectory(), top.name()));
    }

    /**
     * Resolves a container source as {@link #source} does, and checks its top, for a walk that
     * is run entry by entry afterwards (a tar stream, written as it is walked).
     *
     * @param arg the container path
     * @param followLink {@code -L}
     * @param warnings receives skipped entries, from the thread that runs the walk
     * @return the walk
     * @throws IOException if the source does not exist or cannot be read
     */
    public TreeArchiver.Walk walk(String arg, boolean followLink, Consumer<String> warnings)
            throws IOException {
        Top top = top(arg, followLink);
        return TreeArchiver.start(top.path(), top.followTop(), top.name(), warnings);
    }

    /** A source's top: where the walk starts, whether it follows a link there, its name. */
    private record Top(Path path, boolean followTop, String name, boolean isDirectory) {}

    private Top top(String arg, boolean followLink) throws IOException {
        String path = ContainerPaths.absolute(arg);
        String rebase = "";
        if (followLink) {
            PathStat link = ContainerPaths.stat(view, path);
            if (link.isSymbolicLink()) {
                // linkTarget is already resolved inside the container root (FollowSymlinkInScope).
                String[] r = LocalSide.rebaseName(path, link.linkTarget());
                path = r[0];
                rebase = r[1];
            }
        }
        PathStat st = ContainerPaths.stat(view, path);
        String topName = !rebase.isEmpty() ? rebase : path.equals("/") ? "." : GoPaths.base(path);
        return new Top(
                view.path(GoPaths.clean(path)),
                ContainerPaths.followsFinalLink(path),
                topName,
                st.isDirectory());
    }

    /**
     * Where a copy into the container goes, as docker's client stats it: a final symlink is
     * followed once (to its target resolved in the container); failures to stat mean "does not
     * exist", and the extraction decides.
     *
     * @param arg the container path
     * @return the destination
     * @throws IOException if the destination exists but is neither a directory nor a regular file
     */
    public CopyRules.Destination destination(String arg) throws IOException {
        String path = ContainerPaths.absolute(arg);
        PathStat st = statOrNull(path);
        if (st != null && st.isSymbolicLink()) {
            path = st.linkTarget();
            st = statOrNull(path);
        }
        if (st != null && !st.isDirectory() && !st.isRegularFile()) {
            throw new IOException("destination :" + arg + " must be a directory or a regular file");
        }
        return new CopyRules.Destination(path, st != null, st != null && st.isDirectory());
    }

    private PathStat statOrNull(String path) {
        try {
            return ContainerPaths.stat(view, path);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The directory to extract into (moby's containerExtractToDir): every symlink on the way
     * followed inside the container, and it must be a directory.
     *
     * @param dir the directory the rules chose
     * @return the real path of the extraction point in the view
     * @throws IOException if it does not exist or is not a directory
     */
    public Path extractionPoint(String dir) throws IOException {
        Path real = view.path(GoPaths.join("/", dir)).toRealPath();
        if (!view.stat(real.toString()).isDirectory()) {
            throw new IOException("extraction point is not a directory: :" + dir);
        }
        return real;
    }
}
