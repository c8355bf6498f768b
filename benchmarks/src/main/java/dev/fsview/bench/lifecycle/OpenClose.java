package dev.fsview.bench.lifecycle;

import dev.fsview.FsView;
import dev.fsview.FsViewBackend;
import dev.fsview.FsViews;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.bench.fixture.HostDirs;
import dev.fsview.bench.fixture.Jvm;

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

/**
 * Opening and closing a view with 0, 1, 10, 50 and 100 read-only bind mounts (the Go anchor opens one,
 * read-only, at {@code /data}): how the cost of a view grows with its mounts. Checks after the
 * trial that no mount was left on the host.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.PRETOUCH})
@State(Scope.Benchmark)
public class OpenClose {
    /** How many bind mounts the view has. */
    @Param({"0", "1", "10", "50", "100"})
    public int mounts;

    /** The backend; {@code linux} is the one whose cost grows with real mounts. */
    @Param({"linux"})
    public String backend;

    private Path root;
    private Path volumes;
    private ViewSpec spec;
    private FsViewBackend provider;

    /**
     * Creates the container root and one small volume per mount.
     *
     * @throws IOException if they cannot be created
     */
    @Setup(Level.Trial)
    public void create() throws IOException {
        provider = FsViews.provider(backend);
        root = HostDirs.containerRoot();
        volumes = HostDirs.create("volumes");
        ViewSpec.Builder b = ViewSpec.builder(root);
        for (int i = 0; i < mounts; i++) {
            Path volume = Files.createDirectory(volumes.resolve("v" + i));
            Files.writeString(volume.resolve("file"), "data\n");
            b.mount(MountSpec.bind(volume, "/data" + i).build());
        }
        spec = b.build();
    }

    /**
     * Proves nothing was left mounted, then removes the directories.
     *
     * @throws IOException if the mount table cannot be read
     */
    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try {
            HostDirs.requireNoMountsUnder(root);
            HostDirs.requireNoMountsUnder(volumes);
        } finally {
            HostDirs.delete(root);
            HostDirs.delete(volumes);
        }
    }

    /**
     * Opens a view and closes it.
     *
     * @return whether the view was open before closing
     * @throws IOException if opening or closing fails
     */
    @Benchmark
    public boolean openClose() throws IOException {
        try (FsView view = provider.open(spec)) {
            return view.isOpen();
        }
    }

    /**
     * Opens a view, runs one task that does nothing, and closes it: with the root switch, which a
     * linux view thread in the empty namespace makes before its first request (a view used
     * through its file system alone never makes it), and the Go anchor makes in its open.
     *
     * @return the task's result
     * @throws IOException if opening, the task or closing fails
     */
    @Benchmark
    public Object openTaskClose() throws IOException {
        try (FsView view = provider.open(spec)) {
            return view.call(ctx -> Boolean.TRUE);
        }
    }
}
