package dev.fsview.fake.walk;

import java.util.ArrayDeque;
import java.util.Deque;

/** Lexical path cleaning, for matching and comparing paths without a file system. */
public final class LexicalPaths {
    private LexicalPaths() {
    }

    /**
     * Cleans an absolute path lexically: repeated slashes and {@code .} go, {@code ..} removes the
     * previous component and stops at {@code /}.
     *
     * @param path an absolute path
     * @return the clean path
     * @throws IllegalArgumentException if the path is not absolute
     */
    public static String clean(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }
}
