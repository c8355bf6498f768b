package dev.fsview.spi;

import dev.fsview.PathStat;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;

/**
 * The seed's {@code Stat}, written once over a view's {@link FileSystem} so every backend reports
 * the same thing: {@code lstat} of the path, and for a symlink its target resolved with
 * {@link ScopedSymlinkResolver} inside the container root. Run it on the view thread (inside a task)
 * so the whole answer comes from one hand-over.
 */
public final class PathStats {
    private PathStats() {}

    /**
     * Stats a path of a view.
     *
     * @param fs the view's file system (must support the {@code unix} attribute view)
     * @param path absolute, or relative to the view's working directory
     * @return the metadata
     * @throws IOException what {@code lstat} or the link resolution throws
     */
    public static PathStat stat(FileSystem fs, String path) throws IOException {
        Path p = fs.getPath(path);
        Map<String, Object> a = Files.readAttributes(
                p, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        long size = (Long) a.get("size");
        FileTime mtime = (FileTime) a.get("lastModifiedTime");
        String target = "";
        if ((mode & PathStat.S_IFMT) == PathStat.S_IFLNK) {
            target = ScopedSymlinkResolver.resolve(p.toAbsolutePath().toString(), "/", lookup(fs));
        }
        return new PathStat(baseName(path), size, mode, mtime.toInstant(), target);
    }

    /**
     * A {@link ScopeLookup} over a view's file system.
     *
     * @param fs the view's file system
     * @return a lookup that lstats and readlinks paths of that file system
     */
    public static ScopeLookup lookup(FileSystem fs) {
        Objects.requireNonNull(fs, "fs");
        return path -> {
            Path q = fs.getPath(path);
            BasicFileAttributes attrs =
                    Files.readAttributes(q, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attrs.isSymbolicLink() ? Files.readSymbolicLink(q).toString() : null;
        };
    }

    /**
     * The last component of a path as Go's {@code filepath.Base} gives it: trailing slashes
     * dropped, {@code /} for the root, {@code .} for an empty path.
     *
     * @param path any path
     * @return its base name
     */
    public static String baseName(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        if (end == 0) {
            return "/";
        }
        int start = path.lastIndexOf('/', end - 1) + 1;
        return path.substring(start, end);
    }
}
