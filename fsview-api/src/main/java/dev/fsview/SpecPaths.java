package dev.fsview;

/** Validation and lexical cleaning of the paths a spec holds. */
final class SpecPaths {
    private SpecPaths() {}

    /** Refuses null, empty, NUL-carrying and relative paths, naming the field. */
    static String requireAbsolute(String field, String path) throws InvalidSpecException {
        if (path == null) {
            throw new InvalidSpecException(field, "missing (null)");
        }
        if (path.isEmpty()) {
            throw new InvalidSpecException(field, "empty path");
        }
        // A NUL byte would silently truncate the path at the syscall boundary: "/data\0/../etc"
        // must never reach the kernel as "/data".
        if (path.indexOf('\0') >= 0) {
            throw new InvalidSpecException(field, "path contains a NUL byte: " + printable(path));
        }
        if (path.charAt(0) != '/') {
            throw new InvalidSpecException(field, "not an absolute path: " + path);
        }
        return path;
    }

    /** The number of components of a cleaned absolute path: "/" is 0, "/a/b" is 2. */
    static int depth(String cleaned) {
        if (cleaned.equals("/")) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < cleaned.length(); i++) {
            if (cleaned.charAt(i) == '/') {
                n++;
            }
        }
        return n;
    }

    static String printable(String s) {
        return s.replace("\0", "\\0");
    }
}
