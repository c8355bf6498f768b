package dev.fsview.bench.io;

import dev.fsview.PathStat;
import dev.fsview.bench.fixture.HostDirs;
import dev.fsview.bench.fixture.Jvm;
import dev.fsview.bench.fixture.OpenView;
import dev.fsview.bench.fixture.Strategies;

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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code stat} through a view (hand-over, lstat and the mode, size and mtime it reports) against
 * the same question asked of the host directly: {@code Files.readAttributes} of the same three
 * attributes, without following links, on the host's default file system.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.PRETOUCH})
public class StatVsHost {
    /** What {@link PathStat} holds, as the host's {@code unix} attribute view names it. */
    static final String STAT_ATTRIBUTES = "unix:mode,size,lastModifiedTime";

    /** A view with the default hand-over strategy. */
    @State(Scope.Benchmark)
    public static class View {
        /** {@code linux} or {@code fake}. */
        @Param({"linux", "fake"})
        public String backend;

        OpenView open;

        /**
         * Opens the view.
         *
         * @throws IOException if the backend cannot open it
         */
        @Setup(Level.Trial)
        public void open() throws IOException {
            open = OpenView.open(backend, Strategies.DEFAULT);
        }

        /**
         * Closes the view.
         *
         * @throws IOException if closing fails
         */
        @TearDown(Level.Trial)
        public void close() throws IOException {
            open.close();
        }
    }

    /** A file on the host. */
    @State(Scope.Benchmark)
    public static class Host {
        Path root;
        Path file;

        /**
         * Creates the file, as the views' roots have it.
         *
         * @throws IOException if it cannot be created
         */
        @Setup(Level.Trial)
        public void create() throws IOException {
            root = HostDirs.containerRoot();
            file = root.resolve("etc/hostname");
        }

        /** Removes it. */
        @TearDown(Level.Trial)
        public void delete() {
            HostDirs.delete(root);
        }
    }

    /**
     * {@code stat} of a file through a view.
     *
     * @param v the view
     * @return the stat
     * @throws IOException if it fails
     */
    @Benchmark
    public PathStat viewStat(View v) throws IOException {
        return v.open.view().stat("/etc/hostname");
    }

    /**
     * The same attributes of the same kind of file, read on the host.
     *
     * @param h the file
     * @return the attributes
     * @throws IOException if it fails
     */
    @Benchmark
    public Map<String, Object> hostReadAttributes(Host h) throws IOException {
        return Files.readAttributes(h.file, STAT_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    }
}
