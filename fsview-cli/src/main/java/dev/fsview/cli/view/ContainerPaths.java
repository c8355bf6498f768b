package dev.fsview.cli.view;

import dev.fsview.FsView;
import dev.fsview.PathStat;
import dev.fsview.cli.paths.GoPaths;

import java.io.IOException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Container paths as the kernel reads them, through a view: a trailing {@code /} (or {@code /.})
 * follows a final symlink and requires a directory — which {@code java.nio} paths, dropping
 * trailing slashes, would otherwise lose.
 */
public final class ContainerPaths {
    private ContainerPaths() {}

    /**
     * Makes a container path absolute as docker does ({@code filepath.Join("/", path)}, keeping a
     * trailing {@code /} or {@code /.}): relative paths are relative to {@code /}, and {@code ..}
     * is resolved lexically and never climbs above {@code /}.
     *
     * @param path a container path as the user wrote it
     * @return the absolute path
     */
    public static String absolute(String path) {
        return GoPaths.preserveTrailingDotOrSeparator(GoPaths.join("/", path), path);
    }

    /**
     * {@code lstat}, or {@code stat} when the path ends with {@code /} or {@code /.}.
     *
     * @param view the view
     * @param path an absolute container path, trailing slash kept
     * @return the metadata, named after the path's last element
     * @throws NotDirectoryException if a trailing slash follows to something not a directory
     * @throws IOException if the path does not exist
     */
    public static PathStat stat(FsView view, String path) throws IOException {
        String clean = GoPaths.clean(path);
        if (clean.equals("/") || !GoPaths.assertsDirectory(path)) {
            return view.stat(clean);
        }
        Path real = view.path(clean).toRealPath();
        PathStat st = view.stat(real.toString());
        if (!st.isDirectory()) {
            throw new NotDirectoryException(path);
        }
        return new PathStat(GoPaths.base(clean), st.size(), st.mode(), st.mtime(), "");
    }

    /**
     * Whether a path's trailing slash makes the kernel follow a final symlink.
     *
     * @param path a path as the user wrote it
     * @return {@code true} if it ends with {@code /} or {@code /.}
     */
    public static boolean followsFinalLink(String path) {
        return GoPaths.assertsDirectory(path);
    }
}
