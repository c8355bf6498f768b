package dev.fsview.fake.walk;

import dev.fsview.spi.Filepath;

/**
 * Lexical path cleaning, for matching and comparing paths without a file system: the SPI's one
 * copy of Go's {@code filepath.Clean} ({@link Filepath}), for absolute paths only.
 */
public final class LexicalPaths {
    private LexicalPaths() {}

    /**
     * Cleans an absolute path lexically: repeated slashes and {@code .} go, {@code ..} removes the
     * previous component and stops at {@code /}.
     *
     * @param path an absolute path
     * @return the clean path
     * @throws IllegalArgumentException if the path is not absolute
     */
    public static String clean(String path) {
        if (path == null) {
            throw new IllegalArgumentException("not an absolute path: null");
        }
        return Filepath.cleanRequiringAbsolute(path);
    }
}
