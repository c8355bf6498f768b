package dev.fsview.bench.lifecycle;

import dev.fsview.FsView;
import dev.fsview.FsViewBackend;
import dev.fsview.FsViews;
import dev.fsview.PathStat;
import dev.fsview.ViewSpec;
import dev.fsview.bench.fixture.HostDirs;
import dev.fsview.bench.fixture.Jvm;
import dev.fsview.bench.fixture.Trees;
import dev.fsview.fake.FakeHost;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A view on a real-sized container root, {@code fake} against {@code linux} (issue 13): opening it
 * and stating {@code /}, and opening it and walking the whole tree with {@code Files.walk}. Each
 * fake open is on a fresh {@link FakeHost} that imports the tree from the disk (lazily: what the
 * view walks into is read then), as a command line run of the fake's dry run does, so the import
 * is part of every figure; the linux backend opens the tree itself. The tree is the
 * benchmarks' synthetic distribution rootfs ({@code benchmarks/rootfs/make-rootfs.sh}, about
 * 7,000 entries) when the system property {@value #ROOTFS_PROPERTY} names it ({@code run.sh} does);
 * otherwise a generated tree of {@value #ENTRIES} entries.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.PRETOUCH})
@State(Scope.Benchmark)
public class OpenTree {
    /** The system property naming the rootfs to open. */
    public static final String ROOTFS_PROPERTY = "fsview.bench.rootfs";
    /** Entries of the generated tree when no rootfs is given: 70 directories of 99 files. */
    public static final int ENTRIES = 7_000;

    /** {@code fake} or {@code linux}. */
    @Param({"fake", "linux"})
    public String backend;

    private FsViewBackend provider;
    private Path generated;
    private ViewSpec spec;

    /**
     * Finds or makes the tree.
     *
     * @throws IOException if the tree cannot be made or the view opened
     */
    @Setup(Level.Trial)
    public void create() throws IOException {
        provider = backend.equals("fake") ? null : FsViews.provider(backend);
        String given = System.getProperty(ROOTFS_PROPERTY);
        Path root;
        if (given != null && !given.isEmpty()) {
            root = Path.of(given);
            if (!Files.isDirectory(root)) {
                throw new IOException(ROOTFS_PROPERTY + "=" + given + " is not a directory");
            }
        } else {
            generated = HostDirs.create("tree");
            root = Trees.twoLevel(generated.resolve("root"), ENTRIES, 70);
        }
        spec = ViewSpec.builder(root).build();
    }

    /** A fresh importing host for the fake (nothing imported yet); linux's own provider. */
    private FsViewBackend provider() {
        return provider != null ? provider : new FakeHost().importingProvider();
    }

    /**
     * Proves nothing was left mounted, removes a generated tree.
     *
     * @throws IOException if closing fails
     */
    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try {
            HostDirs.requireNoMountsUnder(Path.of(spec.root()));
        } finally {
            HostDirs.delete(generated);
        }
    }

    /**
     * Opens a view on the tree, stats {@code /} and closes it.
     *
     * @return the root's attributes
     * @throws IOException if opening, stating or closing fails
     */
    @Benchmark
    public PathStat openStatClose() throws IOException {
        try (FsView view = provider().open(spec)) {
            return view.stat("/");
        }
    }

    /**
     * Opens a view on the tree, walks the whole tree through its file system, closes it.
     *
     * @return how many paths the walk gave, the root included
     * @throws IOException if the walk fails
     */
    @Benchmark
    public long walk() throws IOException {
        try (FsView view = provider().open(spec);
                Stream<Path> paths = Files.walk(view.fileSystem().getPath("/"))) {
            return paths.count();
        }
    }
}
