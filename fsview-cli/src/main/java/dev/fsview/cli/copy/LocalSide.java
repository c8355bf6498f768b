package dev.fsview.cli.copy;

import dev.fsview.cli.archive.TreeArchiver;
import dev.fsview.cli.paths.GoPaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Consumer;

/**
 * The host side of a copy, as docker's client resolves it (pkg/archive {@code CopyInfoSourcePath},
 * {@code ResolveHostSourcePath}, {@code CopyInfoDestinationPath}). The host is the user's: its
 * symlinks are followed where docker follows them.
 */
final class LocalSide {
    /** docker gives up following a destination's symlinks after this many. */
    static final int MAX_DESTINATION_LINKS = 10;

    private final Path cwd;

    /**
     * Creates the host side.
     *
     * @param cwd the directory relative host paths are relative to
     */
    public LocalSide(Path cwd) {
        this.cwd = cwd;
    }

    /** docker's resolveLocalPath: absolute, cleaned, keeping a trailing {@code /} or {@code /.}. */
    String absolute(String arg) {
        String abs = arg.startsWith("/") ? arg : cwd.toAbsolutePath() + "/" + arg;
        return GoPaths.preserveTrailingDotOrSeparator(GoPaths.clean(abs), arg);
    }

    /**
     * Resolves and archives a host source.
     *
     * @param arg the path as given
     * @param followLink {@code -L}: follow a symlink at the path
     * @param warnings receives skipped entries
     * @return the source
     * @throws IOException if it does not exist or cannot be read
     */
    public SourceArchive source(String arg, boolean followLink, Consumer<String> warnings)
            throws IOException {
        String path = absolute(arg);
        String resolved;
        String rebase = "";
        if (followLink) {
            String real = Path.of(GoPaths.clean(path)).toRealPath().toString();
            String[] r = rebaseName(path, real);
            resolved = r[0];
            rebase = r[1];
        } else {
            int slash = path.lastIndexOf('/');
            String dir = Path.of(path.substring(0, slash + 1)).toRealPath().toString();
            resolved = (dir.endsWith("/") ? dir : dir + "/") + path.substring(slash + 1);
            if (GoPaths.hasTrailingSeparator(path)
                    && !GoPaths.base(path).equals(GoPaths.base(resolved))) {
                rebase = GoPaths.base(path);
            }
        }
        boolean follow = GoPaths.assertsDirectory(resolved);
        BasicFileAttributes attrs = attributes(Path.of(GoPaths.clean(resolved)), follow);
        if (follow && !attrs.isDirectory()) {
            throw new NotDirectoryException(arg);
        }
        String topName = rebase.isEmpty() ? GoPaths.splitDirEntry(resolved)[1] : rebase;
        Path top = Path.of(GoPaths.clean(resolved));
        return new SourceArchive(
                TreeArchiver.archive(top, follow, topName, warnings),
                new CopyRules.Source(attrs.isDirectory(), topName));
    }

    /**
     * docker's GetRebaseName: gives the resolved path the original's trailing {@code /} or
     * {@code /.}, and names the original's last element if following changed it.
     */
    static String[] rebaseName(String path, String resolved) {
        String r = resolved;
        if (GoPaths.specifiesCurrentDir(path) && !GoPaths.specifiesCurrentDir(r)) {
            r += "/.";
        }
        if (GoPaths.hasTrailingSeparator(path) && !GoPaths.hasTrailingSeparator(r)) {
            r += "/";
        }
        String rebase = GoPaths.base(path).equals(GoPaths.base(r)) ? "" : GoPaths.base(path);
        return new String[] {r, rebase};
    }

    /**
     * Where a copy to the host goes (docker's CopyInfoDestinationPath): a final symlink is
     * followed; a missing destination needs an existing parent directory.
     *
     * @param arg the path as given
     * @return the destination
     * @throws IOException if the parent does not exist or is not a directory, or links loop
     */
    public CopyRules.Destination destination(String arg) throws IOException {
        String path = absolute(arg);
        if (GoPaths.assertsDirectory(path)) {
            // A trailing slash makes the kernel follow the final symlink and require a directory.
            Path p = Path.of(GoPaths.clean(path));
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new NotDirectoryException(arg);
                }
                return new CopyRules.Destination(path, true, true);
            }
            return missing(path, arg);
        }
        for (int n = 0; ; n++) {
            Path p = Path.of(path);
            BasicFileAttributes attrs;
            try {
                attrs = attributes(p, false);
            } catch (NoSuchFileException e) {
                return missing(path, arg);
            }
            if (!attrs.isSymbolicLink()) {
                return new CopyRules.Destination(path, true, attrs.isDirectory());
            }
            if (n >= MAX_DESTINATION_LINKS) {
                throw new IOException("too many symlinks in " + arg);
            }
            String target = Files.readSymbolicLink(p).toString();
            path = target.startsWith("/")
                    ? GoPaths.clean(target)
                    : GoPaths.join(GoPaths.splitDirEntry(path)[0], target);
        }
    }

    private static CopyRules.Destination missing(String path, String arg) throws IOException {
        Path parent = Path.of(GoPaths.splitDirEntry(path)[0]);
        if (!Files.exists(parent)) {
            throw new NoSuchFileException(parent.toString());
        }
        if (!Files.isDirectory(parent)) {
            throw new NotDirectoryException(parent.toString());
        }
        return new CopyRules.Destination(path, false, false);
    }

    private static BasicFileAttributes attributes(Path p, boolean follow) throws IOException {
        return follow
                ? Files.readAttributes(p, BasicFileAttributes.class)
                : Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }
}
