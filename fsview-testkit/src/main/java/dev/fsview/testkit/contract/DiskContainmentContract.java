package dev.fsview.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.FsViewBackend;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Containment against the real disk while a view reads it (issue 13), for a provider that takes
 * the container from the JVM's default file system: the Linux backend, or the fake's provider
 * that imports from the disk (the command line's dry run). A racing process swaps a directory, or
 * a file, of the container for a symlink to a host directory holding a canary, while views open
 * and read the whole tree; a bind source is spelled through a link to {@code /} in the container
 * root. No view may ever show the canary.
 *
 * <p>Counts are small for CI; {@code -Dfsview.soak=true} runs ten times as many views.
 */
public abstract class DiskContainmentContract {
    private static final String CANARY = "host secret, never in a view";

    @TempDir
    Path base;

    /**
     * A provider that opens views of the real disk; called once per view.
     *
     * @return a fresh provider
     * @throws IOException if it cannot be made
     */
    protected abstract FsViewBackend diskProvider() throws IOException;

    /**
     * The spec of a view of {@code root}, with no mount; a backend adds its own options here.
     *
     * @param root the container root on the disk
     * @return a builder of that spec
     */
    protected ViewSpec.Builder spec(Path root) {
        return ViewSpec.builder(root.toString());
    }

    private static int views() {
        return Boolean.getBoolean(KernelLimitsContract.SOAK) ? 1_000 : 100;
    }

    private Path outside() throws IOException {
        Path o = Files.createDirectories(base.resolve("outside"));
        Files.writeString(o.resolve("secret"), CANARY);
        return o;
    }

    /** Whether any regular file the view reaches holds the canary; failures are not findings. */
    private static boolean showsCanary(FsView view) throws IOException {
        boolean[] found = {false};
        Files.walkFileTree(view.path("/"), new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    try {
                        if (new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                                .contains(CANARY)) {
                            found[0] = true;
                            return FileVisitResult.TERMINATE;
                        }
                    } catch (IOException swappedOrRefused) {
                        // not the canary
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return found[0];
    }

    /** Swaps {@code real} with {@code link} (a symlink to the outside) and back, until stopped. */
    private static Thread swapper(List<Path[]> pairs, AtomicBoolean stop, List<Throwable> failed) {
        Thread t = new Thread(
                () -> {
                    try {
                        while (!stop.get()) {
                            for (Path[] p : pairs) {
                                Files.move(p[0], p[2], StandardCopyOption.ATOMIC_MOVE);
                                Files.move(p[1], p[0], StandardCopyOption.ATOMIC_MOVE);
                            }
                            Thread.onSpinWait();
                            for (Path[] p : pairs) {
                                Files.move(p[0], p[1], StandardCopyOption.ATOMIC_MOVE);
                                Files.move(p[2], p[0], StandardCopyOption.ATOMIC_MOVE);
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        failed.add(e);
                    }
                },
                "fsview-testkit-swapper");
        t.start();
        return t;
    }

    private void raceViews(Path root, List<Path[]> pairs) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> failed = new ArrayList<>();
        Thread racer = swapper(pairs, stop, failed);
        try {
            for (int i = 0, n = views(); i < n; i++) {
                FsView view;
                try {
                    view = diskProvider().open(spec(root).build());
                } catch (IOException e) {
                    continue; // the race may fail an open, never widen it
                }
                try (view) {
                    assertThat(showsCanary(view))
                            .as("view %d showed a host file", i)
                            .isFalse();
                }
            }
        } finally {
            stop.set(true);
            racer.join();
        }
        assertThat(failed).isEmpty();
    }

    @Test
    void aDirectorySwappedForAHostLinkWhileViewsReadTheDiskIsNeverFollowed() throws Exception {
        Path outside = outside();
        Path root = Files.createDirectories(base.resolve("root"));
        Path d = Files.createDirectories(root.resolve("d"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(d.resolve("f" + i), "inside");
        }
        Path link = Files.createSymbolicLink(root.resolve("dlink"), outside);
        raceViews(root, List.<Path[]>of(new Path[] {d, link, root.resolve("dparked")}));
    }

    @Test
    void aFileSwappedForAHostLinkWhileViewsReadTheDiskIsNeverFollowed() throws Exception {
        Path outside = outside();
        Path root = Files.createDirectories(base.resolve("root"));
        Path f = Files.writeString(root.resolve("secret"), "inside");
        Path link = Files.createSymbolicLink(root.resolve("flink"), outside.resolve("secret"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(root.resolve("pad" + i), "pad");
        }
        raceViews(root, List.<Path[]>of(new Path[] {f, link, root.resolve("fparked")}));
    }

    @Test
    void anEntrySwappedForAHostLinkAfterTheViewListedItIsNeverFollowed() throws Exception {
        Path outside = outside();
        Path root = Files.createDirectories(base.resolve("root"));
        Files.writeString(root.resolve("secret"), "inside");
        Files.createDirectories(root.resolve("d"));
        Files.writeString(root.resolve("d/secret"), "inside");
        try (FsView view = diskProvider().open(spec(root).build())) {
            assertThat(view.stat("/secret").isRegularFile()).isTrue();
            assertThat(view.stat("/d").isDirectory()).isTrue();
            Files.move(root.resolve("secret"), base.resolve("parked-file"));
            Files.createSymbolicLink(root.resolve("secret"), outside.resolve("secret"));
            Files.move(root.resolve("d"), base.resolve("parked-dir"));
            Files.createSymbolicLink(root.resolve("d"), outside);
            assertThat(showsCanary(view)).isFalse();
        }
    }

    @Test
    void aBindSourceSpelledThroughALinkInTheRootNeverReachesTheHost() throws Exception {
        Path outside = outside();
        Path root = Files.createDirectories(base.resolve("root"));
        Files.createSymbolicLink(root.resolve("evil"), Path.of("/"));
        String source = root + "/evil" + outside;
        FsView view;
        try {
            view = diskProvider()
                    .open(spec(root)
                            .mount(MountSpec.bind(source, "/vol").build())
                            .build());
        } catch (IOException refused) {
            return; // refused (the source does not exist inside the root): nothing reached
        }
        try (view) {
            assertThat(showsCanary(view)).isFalse();
        }
    }
}
