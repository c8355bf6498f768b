package dev.fsview.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A process inside the container, racing: a thread that swaps a directory for one symlink after
 * another and back, with atomic renames, until closed. It repairs what a view did in the meantime
 * (a target it created while the directory was away) and leaves the directory in place.
 */
final class DirectorySwapper implements AutoCloseable {
    private final Path dir;
    private final Path away;
    private final List<Path> links;
    private final AtomicInteger swaps = new AtomicInteger();
    private final Thread thread;
    private volatile boolean stop;
    private volatile Path current;

    private DirectorySwapper(Path dir, List<Path> links) {
        this.dir = dir;
        this.away = dir.resolveSibling(dir.getFileName() + ".away");
        this.links = links;
        this.thread = new Thread(this::loop, "attacker");
    }

    /** Starts swapping {@code dir} with the given symlinks (which must exist), in turn. */
    static DirectorySwapper start(Path dir, Path... links) {
        DirectorySwapper s = new DirectorySwapper(dir, List.of(links));
        s.thread.start();
        return s;
    }

    int swaps() {
        return swaps.get();
    }

    private void loop() {
        while (!stop) {
            current = links.get(swaps.get() % links.size());
            try {
                Files.move(dir, away, StandardCopyOption.ATOMIC_MOVE);
                Files.move(current, dir, StandardCopyOption.ATOMIC_MOVE);
                Files.move(dir, current, StandardCopyOption.ATOMIC_MOVE);
                Files.move(away, dir, StandardCopyOption.ATOMIC_MOVE);
                swaps.incrementAndGet();
            } catch (IOException raced) {
                repair();
            }
        }
        repair();
    }

    /** Puts the directory back after a move failed half way. */
    private void repair() {
        try {
            if (Files.isSymbolicLink(dir)) {
                Files.move(dir, current, StandardCopyOption.ATOMIC_MOVE);
            }
            if (Files.isDirectory(away)) {
                if (Files.isDirectory(dir)) {
                    deleteTree(dir); // a view created it as a mount target while ours was away
                }
                Files.move(away, dir, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException stillRacing) {
            // the next round repairs it
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(q);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join();
    }
}
