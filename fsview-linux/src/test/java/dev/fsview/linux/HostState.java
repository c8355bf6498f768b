package dev.fsview.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a view could leave behind on the host, as a test sees it: the host's mount table, the
 * process's open fds and the live view threads.
 *
 * @param mountinfo the lines of /proc/self/mountinfo, except mounts under the temporary directory
 *     that are not the test's own: the machine is shared, and other test runs mount there
 * @param viewThreads names of live threads starting with {@code fsview-view-}
 */
record HostState(List<String> mountinfo, List<String> viewThreads) {
    private static final String TMP =
            Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().toString() + "/";

    /**
     * Takes a snapshot.
     *
     * @param mine the test's own temporary directory, whose mounts count
     * @return the snapshot
     */
    static HostState now(Path mine) {
        try {
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .filter(line -> relevant(line.split(" ")[4], mine.toString()))
                    .collect(Collectors.toList());
            return new HostState(mounts, liveViewThreads());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean relevant(String mountPoint, String mine) {
        return !mountPoint.startsWith(TMP)
                || mountPoint.equals(mine)
                || mountPoint.startsWith(mine + "/");
    }

    static List<String> liveViewThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(n -> n.startsWith("fsview-view-"))
                .sorted()
                .collect(Collectors.toList());
    }

    /** Each open fd of the process with what it refers to, e.g. {@code "7 -> /tmp/x"}. */
    static Set<String> openFds() {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.matches("/proc/[0-9]+/fd")) {
                        continue; // this listing's own directory fd
                    }
                    out.add(fd.getFileName() + " -> " + target);
                } catch (IOException closedMeanwhile) {
                    // the listing's own fd, or one closed while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The threads of this process that are not in the process's mount namespace: a view thread
     * still alive, or a thread a view thread started (it would keep the view's namespace alive).
     */
    static List<String> threadsInOtherMountNamespaces() {
        List<String> out = new java.util.ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            Path hostNs = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt"));
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    // The kit's PrivateMountNamespace (the differential's third opinion) is one
                    // thread per JVM by design, kept until the JVM ends: not a view's.
                    if (!Files.readSymbolicLink(task.resolve("ns/mnt")).equals(hostNs)
                            && !comm.startsWith("fsview-testkit-")) {
                        out.add(comm + " (" + task.getFileName() + ")");
                    }
                } catch (IOException exited) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The fds open now that were not open (to the same file) in {@code before}. The JVM's own
     * threads open files now and then for a moment (cgroup statistics, jars), so a difference is
     * looked at again a few times before it counts.
     */
    static Set<String> fdsOpenedSince(Set<String> before) {
        Set<String> now = Set.of();
        for (int attempt = 0; attempt < 20; attempt++) {
            now = openFds();
            now.removeAll(before);
            if (now.isEmpty()) {
                return now;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return now;
    }
}
