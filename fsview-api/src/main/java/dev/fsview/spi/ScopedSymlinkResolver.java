package dev.fsview.spi;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Resolves every symlink in a path as if {@code root} were {@code /}: the seed's
 * {@code FollowSymlinkInScope} (moby/sys/symlink), one algorithm shared by every backend's
 * {@code stat}.
 *
 * <ul>
 *   <li>The path is cleaned lexically first, then consumed one component at a time.
 *   <li>A symlink's target is put in front of the rest of the path; an absolute target restarts
 *       at the scope root, never at the real {@code /}.
 *   <li>{@code ..} is lexical and clamped at the root: no sequence of {@code ..} and links leaves
 *       the scope.
 *   <li>A component that does not exist is kept as it is, and resolution goes on (so a dangling link
 *       resolves to where its target would be).
 *   <li>At most {@value #MAX_LINKS} links are followed (the seed's budget); past that,
 *       "Too many levels of symbolic links".
 * </ul>
 * The result always starts with {@code root}. This is lexical resolution over a file system that
 * may change while it runs: use it to report where a link points, not to decide what to open
 * (kernel-side resolution such as {@code openat2(RESOLVE_IN_ROOT)} is for that).
 */
public final class ScopedSymlinkResolver {
    /** The largest number of symlinks followed in one resolution (moby's {@code maxIter}). */
    public static final int MAX_LINKS = 255;

    private ScopedSymlinkResolver() {}

    /**
     * Resolves {@code path} inside {@code root}.
     *
     * @param path an absolute path that lies under {@code root} (lexically)
     * @param root the scope root, absolute
     * @param lookup how to read the file system
     * @return the resolved absolute path, under {@code root}
     * @throws IllegalArgumentException if {@code path} is not under {@code root}
     * @throws FileSystemException with reason "Too many levels of symbolic links" past the budget
     * @throws IOException if the lookup fails other than by a missing component
     */
    public static String resolve(String path, String root, ScopeLookup lookup) throws IOException {
        Objects.requireNonNull(lookup, "lookup");
        String cleanRoot = Filepath.clean(root);
        String cleanPath = Filepath.clean(path);
        if (!cleanRoot.startsWith("/") || !cleanPath.startsWith("/")) {
            throw new IllegalArgumentException(
                    "resolve needs absolute paths: " + path + " in " + root);
        }
        String inScope = strip(cleanPath, cleanRoot);
        if (inScope == null) {
            throw new IllegalArgumentException(path + " is not in " + root);
        }
        Deque<String> resolved = new ArrayDeque<>();
        Deque<String> pending = components(inScope);
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.pollFirst();
            if (part.equals("..")) {
                resolved.pollLast(); // clamped: ".." at the scope root stays at the root
                continue;
            }
            resolved.addLast(part);
            String target;
            try {
                target = lookup.readLinkOrNull(join(cleanRoot, resolved));
            } catch (NoSuchFileException missing) {
                continue; // keep the missing component, as the seed does
            }
            if (target == null) {
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new FileSystemException(path, null, "Too many levels of symbolic links");
            }
            resolved.pollLast();
            if (target.startsWith("/")) {
                resolved.clear(); // an absolute target restarts at the scope root, not at "/"
            }
            Deque<String> expanded = components(target);
            for (java.util.Iterator<String> it = expanded.descendingIterator(); it.hasNext(); ) {
                pending.addFirst(it.next());
            }
        }
        return join(cleanRoot, resolved);
    }

    /** The components of a path, without empty and "." ones; ".." kept for the walk. */
    private static Deque<String> components(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty() && !p.equals(".")) {
                parts.addLast(p);
            }
        }
        return parts;
    }

    private static String join(String root, Deque<String> parts) {
        if (parts.isEmpty()) {
            return root;
        }
        String rel = String.join("/", parts);
        return root.equals("/") ? "/" + rel : root + "/" + rel;
    }

    /** The path below root, as "/x/y"; null if path is not under root. */
    private static String strip(String path, String root) {
        if (root.equals("/")) {
            return path;
        }
        if (path.equals(root)) {
            return "/";
        }
        return path.startsWith(root + "/") ? path.substring(root.length()) : null;
    }
}
