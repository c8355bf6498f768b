package dev.fsview.linux.preload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The private temporary directories fsview makes on the host to exercise the JDK on real files
 * ({@link JdkWarmUp}; {@code nio.JdkNoFollow}'s measurement), and their removal. Only ever used on
 * host threads: on a contained thread the temporary directory would be the container's.
 */
public final class HostScratch {
    private HostScratch() {}

    /**
     * Removes a directory and everything in it, deepest first.
     *
     * @param dir the directory
     * @throws IOException if something could not be removed
     */
    public static void removeTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
