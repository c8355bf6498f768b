package dev.fsview.bench.io;

import dev.fsview.bench.fixture.FsUnderTest;
import dev.fsview.bench.fixture.Jvm;
import dev.fsview.bench.fixture.Trees;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

/**
 * Common NIO operations, called from an ordinary thread, on a view's file system ({@code linux},
 * {@code fake}), on Jimfs and on the host's own file system. Through a view each operation is one
 * or more hand-overs to the view thread; the others run on the calling thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.PRETOUCH})
public class NioOps {
    /** Entries in the listed directory. */
    public static final int LIST_ENTRIES = 1_000;
    /** Entries below the root of the walked tree: 100 directories of 99 files. */
    public static final int WALK_ENTRIES = 10_000;
    /** Size of the small file. */
    public static final int SMALL_FILE_BYTES = 1_024;

    /** The file system under test. */
    @State(Scope.Benchmark)
    public static class Fs {
        /** {@code linux}, {@code fake}, {@code jimfs} or {@code host}. */
        @Param({"linux", "fake", "jimfs", "host"})
        public String fs;

        FsUnderTest under;
        final byte[] payload = new byte[SMALL_FILE_BYTES];

        /**
         * Opens it.
         *
         * @throws IOException if it cannot be opened
         */
        @Setup(Level.Trial)
        public void open() throws IOException {
            Arrays.fill(payload, (byte) 'x');
            under = FsUnderTest.open(fs);
        }

        /**
         * Closes it, removing what the benchmarks made.
         *
         * @throws IOException if closing fails
         */
        @TearDown(Level.Trial)
        public void close() throws IOException {
            under.close();
        }
    }

    /** One existing small file. */
    @State(Scope.Benchmark)
    public static class OneFile {
        Path file;

        /**
         * Creates it.
         *
         * @param fs the file system
         * @throws IOException if it cannot be created
         */
        @Setup(Level.Trial)
        public void create(Fs fs) throws IOException {
            file = Files.write(fs.under.base().resolve("existing"), fs.payload);
        }
    }

    /** A directory of {@value #LIST_ENTRIES} empty files. */
    @State(Scope.Benchmark)
    public static class Dir {
        Path dir;

        /**
         * Creates it.
         *
         * @param fs the file system
         * @throws IOException if it cannot be created
         */
        @Setup(Level.Trial)
        public void create(Fs fs) throws IOException {
            dir = Trees.flat(fs.under.base().resolve("list"), LIST_ENTRIES);
        }
    }

    /** A tree of {@value #WALK_ENTRIES} entries. */
    @State(Scope.Benchmark)
    public static class Tree {
        Path root;

        /**
         * Creates it.
         *
         * @param fs the file system
         * @throws IOException if it cannot be created
         */
        @Setup(Level.Trial)
        public void create(Fs fs) throws IOException {
            root = Trees.twoLevel(fs.under.base().resolve("tree"), WALK_ENTRIES, 100);
        }
    }

    /**
     * Creates a 1 KiB file, writes it, reads it back, and deletes it so the next call creates it
     * again.
     *
     * @param fs the file system
     * @return what was read
     * @throws IOException if an operation fails
     */
    @Benchmark
    public byte[] smallFileCreateWriteRead(Fs fs) throws IOException {
        Path file = fs.under.base().resolve("small");
        Files.write(file, fs.payload, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        byte[] read = Files.readAllBytes(file);
        Files.delete(file);
        return read;
    }

    /**
     * Reads the basic attributes of a file.
     *
     * @param f the file
     * @return its attributes
     * @throws IOException if it fails
     */
    @Benchmark
    public BasicFileAttributes readAttributes(OneFile f) throws IOException {
        return Files.readAttributes(f.file, BasicFileAttributes.class);
    }

    /**
     * Lists a directory of {@value #LIST_ENTRIES} entries.
     *
     * @param d the directory
     * @return how many entries were listed
     * @throws IOException if it fails
     */
    @Benchmark
    public int list1000(Dir d) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(d.dir)) {
            for (Path ignored : entries) {
                n++;
            }
        }
        return n;
    }

    /**
     * Walks a tree of {@value #WALK_ENTRIES} entries.
     *
     * @param t the tree
     * @return how many paths the walk gave, the root included
     * @throws IOException if it fails
     */
    @Benchmark
    public long walk10000(Tree t) throws IOException {
        try (Stream<Path> paths = Files.walk(t.root)) {
            return paths.count();
        }
    }

    /** Two threads that walk halves of a tree together. */
    @State(Scope.Benchmark)
    public static class TwoWalkers {
        java.util.concurrent.ExecutorService pool;
        List<Path> tops;

        /**
         * Starts the threads and lists the tree's top directories.
         *
         * @param t the tree
         * @throws IOException if listing fails
         */
        @Setup(Level.Trial)
        public void start(Tree t) throws IOException {
            pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try (Stream<Path> top = Files.list(t.root)) {
                tops = top.sorted().toList();
            }
        }

        /** Stops the threads. */
        @TearDown(Level.Trial)
        public void stop() {
            pool.shutdownNow();
        }
    }

    /**
     * The same walk as {@link #walk10000}, split in two halves walked at once by two threads:
     * faster than one thread only if operations on one view run in parallel.
     *
     * @param t the tree
     * @param w the two threads
     * @return how many paths the walks gave, the root included
     * @throws Exception if a walk fails
     */
    @Benchmark
    public long walk10000TwoThreads(Tree t, TwoWalkers w) throws Exception {
        int half = w.tops.size() / 2;
        List<java.util.concurrent.Future<Long>> parts = List.of(
                w.pool.submit(() -> walkAll(w.tops.subList(0, half))),
                w.pool.submit(() -> walkAll(w.tops.subList(half, w.tops.size()))));
        long n = 1;
        for (java.util.concurrent.Future<Long> f : parts) {
            n += f.get();
        }
        return n;
    }

    private static long walkAll(List<Path> tops) throws IOException {
        long n = 0;
        for (Path top : tops) {
            try (Stream<Path> paths = Files.walk(top)) {
                n += paths.count();
            }
        }
        return n;
    }
}
