package dev.fsview.testkit.differential;

import dev.fsview.FsView;
import dev.fsview.ViewSpec;
import dev.fsview.spi.Availability;
import dev.fsview.testkit.Backend;
import dev.fsview.testkit.HostFixture;
import dev.fsview.testkit.HostFixture.Leaks;
import dev.fsview.testkit.property.ForAll;
import dev.fsview.testkit.property.Knobs;
import dev.fsview.testkit.support.LeakCheck;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The differential check: generated sequences of {@code java.nio.file} operations (create, write,
 * read, append, truncate, mkdir, symlink, hard link, rename, copy, delete, set attributes, list,
 * walk, real paths) run on a plain directory through the JDK's own file system and on a view of
 * an identical tree, and every result and every exception (type, file, other file, reason) must be
 * the same. A failure prints the seed that reproduces it and the sequence, shrunk to the
 * operations that matter (see {@link ForAll}), with both sides' outcomes step by step. The test's
 * output shows how often each operation succeeded, failed or was skipped
 * ({@link OperationStatistics}).
 *
 * <p>One JUnit Jupiter test that runs every sequence: extend this class in the backend's test
 * sources, with the backend.
 *
 * <pre>{@code
 * class FakeDifferentialTest extends DifferentialNioContract {
 *     @Override
 *     protected Backend backend() {
 *         return new FakeBackend();
 *     }
 * }
 * }</pre>
 *
 * {@value #TRIES} sequences per run from a fresh random seed; {@code -Dfsview.testkit.tries=N}
 * and {@code -Dfsview.testkit.seed=S} change that ({@link Knobs}). Like every contract, it checks
 * that nothing (mount, file descriptor, view thread) is left behind, and it has a time limit
 * (generous, growing with the tries), so a backend that hangs fails the test, not the build.
 */
public abstract class DifferentialNioContract {
    /** Sequences per run unless {@code -Dfsview.testkit.tries} says otherwise. */
    public static final int TRIES = 2000;
    /** The time limit of a run is at least this long. */
    static final Duration MIN_TIME_LIMIT = Duration.ofMinutes(10);
    /** The time limit of a run grows by this much per sequence beyond what the minimum allows. */
    static final Duration TIME_PER_TRY = Duration.ofMillis(250);

    private HostFixture host;
    private Leaks before;

    /**
     * Returns the backend under test.
     *
     * @return the backend
     */
    protected abstract Backend backend();

    @BeforeEach
    final void openHost() throws IOException {
        host = backend().newHost();
        Availability availability = host.provider().availability();
        if (!availability.isAvailable()) {
            host.close();
            host = null;
            Assumptions.abort("backend '" + backend().name()
                    + "' cannot open views here: " + availability.reason());
        }
        runOnce(List.of(new NioOp.Read("a/f"))); // loads what the JVM loads once
        before = host.leaks();
    }

    @AfterEach
    final void checkNothingLeftAndCloseHost() throws IOException {
        if (host == null) {
            return;
        }
        try {
            LeakCheck.assertNothingLeft(host, before, "the differential sequences");
        } finally {
            host.close();
        }
    }

    @Test
    void nioOperationsOnAViewBehaveAsTheJdkOnAPlainDirectory() {
        int tries = Knobs.tries(TRIES);
        ForAll<List<NioOp>> run = ForAll.of(Sequences.sequences()).tries(tries)
                .seed(Knobs.seed()).describedBy(Sequences::describe);
        OperationStatistics statistics = new OperationStatistics();
        Duration limit = timeLimit(tries);
        Assertions.assertTimeoutPreemptively(limit, () -> run.check(ops -> {
            Differential d = runOnce(ops);
            statistics.count(d);
            if (!d.agrees()) {
                throw new AssertionError("the view and the JDK differ:\n" + d);
            }
        }), () -> "the differential run from seed " + run.seed() + " (-D" + Knobs.SEED
                + ") did not end within " + limit);
        System.out.println("differential check of " + backend().name() + " from seed "
                + run.seed() + ": " + statistics);
    }

    /** The time limit of a run of some tries: the minimum, or more for a long run. */
    static Duration timeLimit(int tries) {
        Duration scaled = TIME_PER_TRY.multipliedBy(tries);
        return scaled.compareTo(MIN_TIME_LIMIT) > 0 ? scaled : MIN_TIME_LIMIT;
    }

    private Differential runOnce(List<NioOp> ops) throws IOException {
        Path reference = Files.createTempDirectory("fsview-testkit-reference-");
        String root = host.newDirectory("tree");
        try {
            InitialTree.plant(reference);
            InitialTree.plant(host, root);
            ViewSpec spec = backend().configure(ViewSpec.builder(root)).build();
            try (FsView view = host.provider().open(spec)) {
                return Differential.run(ops, Side.reference(reference), Side.view(view),
                        new EscapeGuard(reference));
            }
        } finally {
            deleteTree(reference);
            host.deleteRecursively(root);
        }
    }

    /**
     * Deletes a directory of the JVM's default file system, never following links.
     *
     * @param top the directory
     * @throws IOException if it cannot be deleted
     */
    public static void deleteTree(Path top) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                    throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
