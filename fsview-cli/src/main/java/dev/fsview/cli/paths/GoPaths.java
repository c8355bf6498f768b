package dev.fsview.cli.paths;

import dev.fsview.spi.Filepath;
import dev.fsview.spi.PathStats;

/**
 * Go's {@code path/filepath} functions on Unix, which docker cp's rules are written in terms of:
 * reproducing them exactly keeps the corner cases (trailing slashes, {@code /.}, the root) exactly
 * docker's. {@code clean} is the SPI's one copy ({@link Filepath}). The copy rules, the archive
 * extractor and the container's paths all use these, so they live in a package of their own below
 * all three.
 */
public final class GoPaths {
    private GoPaths() {}

    /**
     * {@code filepath.Clean}: one slash between elements, no {@code .}, {@code ..} removing the
     * element before it (and dropped at the root), {@code "."} for an empty result.
     *
     * @param path any path
     * @return the cleaned path
     */
    public static String clean(String path) {
        return Filepath.clean(path);
    }

    /**
     * {@code filepath.Base}: the last element, trailing slashes ignored; {@code "/"} for the root,
     * {@code "."} for an empty path.
     *
     * @param path any path
     * @return its last element
     */
    public static String base(String path) {
        return PathStats.baseName(path);
    }

    /**
     * {@code filepath.Dir}: everything but the last element, cleaned.
     *
     * @param path any path
     * @return its directory ({@code "."} when it has no slash)
     */
    public static String dir(String path) {
        int slash = path.lastIndexOf('/');
        return clean(path.substring(0, slash + 1));
    }

    /**
     * {@code filepath.Join}: the non-empty elements joined with slashes, then cleaned.
     *
     * @param elements path elements
     * @return the joined path, or {@code ""} if every element is empty
     */
    public static String join(String... elements) {
        StringBuilder b = new StringBuilder();
        for (String e : elements) {
            if (!e.isEmpty()) {
                if (b.length() > 0) {
                    b.append('/');
                }
                b.append(e);
            }
        }
        return b.length() == 0 ? "" : clean(b.toString());
    }

    /**
     * docker's {@code hasTrailingPathSeparator}.
     *
     * @param path any path
     * @return whether it ends with a slash
     */
    public static boolean hasTrailingSeparator(String path) {
        return !path.isEmpty() && path.charAt(path.length() - 1) == '/';
    }

    /**
     * docker's {@code specifiesCurrentDir}: the last element is {@code .}.
     *
     * @param path any path
     * @return whether {@code base(path)} is {@code "."}
     */
    public static boolean specifiesCurrentDir(String path) {
        return base(path).equals(".");
    }

    /**
     * docker's {@code assertsDirectory}: a trailing slash or a final {@code .} says "this must be a
     * directory".
     *
     * @param path any path
     * @return whether the path asserts a directory
     */
    public static boolean assertsDirectory(String path) {
        return hasTrailingSeparator(path) || specifiesCurrentDir(path);
    }

    /**
     * docker's {@code PreserveTrailingDotOrSeparator}: gives a cleaned path back the trailing
     * {@code /.} or {@code /} the original had, which clean() removes but which change the meaning
     * of a copy.
     *
     * @param cleaned the cleaned path
     * @param original the path as the user wrote it
     * @return the cleaned path with the original's trailing {@code /.} or {@code /}
     */
    public static String preserveTrailingDotOrSeparator(String cleaned, String original) {
        String result = cleaned;
        if (!specifiesCurrentDir(result) && specifiesCurrentDir(original)) {
            if (!hasTrailingSeparator(result)) {
                result += "/";
            }
            result += ".";
        }
        if (!hasTrailingSeparator(result) && hasTrailingSeparator(original)) {
            result += "/";
        }
        return result;
    }

    /**
     * docker's {@code SplitPathDirEntry}: the directory and the entry in it, keeping a final
     * {@code .} as the entry ({@code "a/b/."} is {@code {"a/b", "."}}).
     *
     * @param path any path
     * @return {dir, base}
     */
    public static String[] splitDirEntry(String path) {
        String cleaned = clean(path);
        if (specifiesCurrentDir(path)) {
            cleaned += "/.";
        }
        return new String[] {dir(cleaned), base(cleaned)};
    }
}
