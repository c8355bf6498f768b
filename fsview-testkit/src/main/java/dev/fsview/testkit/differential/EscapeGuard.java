package dev.fsview.testkit.differential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Tells whether resolving a tree path on the reference side would climb above its top directory:
 * there the reference and a view must differ ({@code ..} at a view's root stays at the root, in a
 * plain directory it reaches the parent), so such operations are run on neither side. The walk is
 * the kernel's: component by component, following every symlink (an absolute target, stored by the
 * reference below its top, restarts at the top), {@code ..} going to the physical parent.
 */
final class EscapeGuard {
    private static final int MAX_LINKS = 40;

    private final Path top;
    private final String topString;
    private final Cwd cwd;

    /** The reference's working directory, as {@code getcwd} reports it (or "errno N"). */
    @FunctionalInterface
    interface Cwd {
        String get() throws IOException;
    }

    EscapeGuard(Path top) {
        this(top, () -> top.toString());
    }

    /**
     * A guard for a reference whose working directory moves: paths starting with {@code ./}
     * resolve from it.
     */
    EscapeGuard(Path top, Cwd cwd) {
        this.top = top;
        this.topString = top.toString();
        this.cwd = cwd;
    }

    /** Whether any of an operation's paths would leave the reference tree. */
    boolean escapes(NioOp op) throws IOException {
        for (String p : op.paths()) {
            if (escapes(p)) {
                return true;
            }
        }
        return false;
    }

    boolean escapes(String rel) throws IOException {
        Deque<String> pending = components(rel);
        Deque<String> resolved = new ArrayDeque<>();
        if (rel.startsWith(".")) {
            String at = cwd.get();
            if (at.startsWith("errno ")) {
                return false; // no working directory: ENOENT on both sides
            }
            if (!at.equals(topString) && !at.startsWith(topString + "/")) {
                return true;
            }
            resolved.addAll(components(at.substring(topString.length())));
        }
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.pollFirst();
            if (name.equals("..")) {
                if (resolved.isEmpty()) {
                    return true; // the top's parent: outside the reference tree
                }
                resolved.pollLast();
                continue;
            }
            resolved.addLast(name);
            Path at = top.resolve(String.join("/", resolved));
            if (Files.isSymbolicLink(at)) {
                if (++links > MAX_LINKS) {
                    return false; // ELOOP on both sides
                }
                String target = Files.readSymbolicLink(at).toString();
                resolved.pollLast();
                if (target.startsWith("/")) {
                    if (!target.equals(topString) && !target.startsWith(topString + "/")) {
                        return true;
                    }
                    resolved.clear();
                    target = target.substring(topString.length());
                }
                Deque<String> spliced = components(target);
                while (!spliced.isEmpty()) {
                    pending.addFirst(spliced.pollLast());
                }
            } else if (!Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS) && !pending.isEmpty()) {
                return false; // missing or not a directory: ENOENT or ENOTDIR on both sides
            }
        }
        return false;
    }

    private static Deque<String> components(String path) {
        Deque<String> out = new ArrayDeque<>();
        for (String c : path.split("/")) {
            if (!c.isEmpty() && !c.equals(".")) {
                out.addLast(c);
            }
        }
        return out;
    }
}
