package dev.fsview.spi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Lexical path cleaning with the semantics of Go's {@code path/filepath.Clean} on Unix, the one
 * copy every fsview module uses. Go's rules apply because container runtimes (Docker, runc) clean
 * mount destinations and symlink targets with it, and a spec must mean what it means to them.
 *
 * <p>Cleaning is purely lexical: symlinks are not consulted, so {@code a/link/..} becomes
 * {@code a} whatever {@code link} points at. Resolve links afterwards, inside the root.
 */
public final class Filepath {
    private Filepath() {}

    /**
     * Returns the shortest path equivalent to {@code path} by lexical processing, as Go's
     * {@code filepath.Clean}: repeated slashes become one, {@code .} elements go, each {@code ..}
     * removes the element before it, {@code ..} at the start of an absolute path is dropped (the
     * parent of {@code /} is {@code /}), and a trailing slash goes unless the result is
     * {@code /}. An empty result is {@code "."}.
     *
     * @param path any path, absolute or relative
     * @return the cleaned path; never empty
     * @throws NullPointerException if {@code path} is null
     */
    public static String clean(String path) {
        Objects.requireNonNull(path, "path");
        boolean absolute = path.startsWith("/");
        Deque<String> out = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!out.isEmpty() && !out.peekLast().equals("..")) {
                    out.pollLast();
                } else if (!absolute) {
                    out.addLast("..");
                }
                // ".." at an absolute root stays at the root: no lexical escape above "/"
            } else {
                out.addLast(p);
            }
        }
        String joined = String.join("/", out);
        if (absolute) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /**
     * Cleans {@code path} as if it were rooted at {@code /}: Go's idiom
     * {@code filepath.Clean("/" + path)}, which runc and Docker use to turn any destination into one
     * under the container root. No sequence of {@code ..} leaves {@code /}.
     *
     * @param path any path, absolute or relative
     * @return an absolute, cleaned path
     * @throws NullPointerException if {@code path} is null
     */
    public static String cleanAbsolute(String path) {
        Objects.requireNonNull(path, "path");
        return clean("/" + path);
    }

    /**
     * Cleans an absolute path as {@link #clean(String)} does, refusing a relative one: for a path
     * that must already name a place from the root (a fault rule's, a process's lookup), where a
     * relative path is a caller's mistake rather than something to anchor.
     *
     * @param path an absolute path
     * @return the cleaned path, absolute
     * @throws NullPointerException if {@code path} is null
     * @throws IllegalArgumentException if {@code path} does not start with {@code /}
     */
    public static String cleanRequiringAbsolute(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
        return clean(path);
    }
}
