package dev.fsview.testkit.differential;

import dev.fsview.FsView;
import dev.fsview.ViewSpec;
import dev.fsview.spi.Availability;
import dev.fsview.testkit.Backend;
import dev.fsview.testkit.HostFixture;
import dev.fsview.testkit.HostFixture.Leaks;
import dev.fsview.testkit.support.LeakCheck;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.opentest4j.TestAbortedException;

/**
 * The differential check: generated sequences of {@code java.nio.file} operations (create, write,
 * read, append, truncate, mkdir, symlink, hard link, rename, copy, delete, set attributes, list,
 * walk, real paths) run on a plain directory through the JDK's own file system and on a view of
 * an identical tree, and every result and every exception (type, file, other file, reason) must be
 * the same. A failure prints the sequence, shrunk to the operations that matter, with both sides'
 * outcomes step by step. The report shows how often each operation succeeded, failed or was
 * skipped (jqwik statistics, label {@code operations}).
 *
 * <p>A jqwik property, run by the jqwik engine (on the test class path through the kit's
 * dependency on jqwik): extend this class in the backend's test sources, with the backend.
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
 * {@value #TRIES} sequences per run; {@code -Dfsview.testkit.tries=N} changes that. Like every
 * contract, it checks that nothing (mount, file descriptor, view thread) is left behind.
 */
@AddLifecycleHook(TriesKnob.class)
public abstract class DifferentialNioContract {
    /** Sequences per run unless {@code -Dfsview.testkit.tries} says otherwise. */
    public static final int TRIES = 2000;

    private HostFixture host;
    private Leaks before;

    /**
     * Returns the backend under test.
     *
     * @return the backend
     */
    protected abstract Backend backend();

    @BeforeProperty
    final void openHost() throws IOException {
        host = backend().newHost();
        Availability availability = host.provider().availability();
        if (!availability.isAvailable()) {
            host.close();
            host = null;
            throw new TestAbortedException("backend '" + backend().name()
                    + "' cannot open views here: " + availability.reason());
        }
        runOnce(List.of(new NioOp.Read("a/f"))); // loads what the JVM loads once
        before = host.leaks();
    }

    @AfterProperty
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

    @Property(tries = TRIES)
    void nioOperationsOnAViewBehaveAsTheJdkOnAPlainDirectory(
            @ForAll("sequences") List<NioOp> ops) throws IOException {
        Differential d = runOnce(ops);
        for (Differential.Step step : d.steps()) {
            Statistics.label("operations").collect(step.op().getClass().getSimpleName(),
                    step.reference().kind());
        }
        if (!d.agrees()) {
            throw new AssertionError("the view and the JDK differ:\n" + d);
        }
    }

    /**
     * The sequences.
     *
     * @return the arbitrary
     */
    @Provide
    Arbitrary<List<NioOp>> sequences() {
        return Sequences.sequences();
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
    static void deleteTree(Path top) throws IOException {
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
