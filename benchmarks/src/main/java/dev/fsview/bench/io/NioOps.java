package dev.fsview.bench.io;

import dev.fsview.bench.fixture.FsUnderTest;
import dev.fsview.bench.fixture.Jvm;
import dev.fsview.bench.fixture.Trees;

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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Common NIO operations, called from an ordinary thread, on a view's file system ({@code linux},
 * {@code fake}), on Jimfs and on the host's own file system. Through a view each operation is one
 * or more hand-overs to the view thread; the others run on the calling thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.PRETOUCH})
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

    /** A tree of {@value #WALK_ENTRIES} entries, and two threads to walk it with. */
    @State(Scope.Benchmark)
    public static class Tree {
        Path root;
        List<Path> firstHalf;
        List<Path> secondHalf;
        ExecutorService walkers;

        /**
         * Creates it.
         *
         * @param fs the file system
         * @throws IOException if it cannot be created
         */
        @Setup(Level.Trial)
        public void create(Fs fs) throws IOException {
            root = Trees.twoLevel(fs.under.base().resolve("tree"), WALK_ENTRIES, 100);
            List<Path> dirs;
            try (Stream<Path> children = Files.list(root)) {
                dirs = children.sorted().collect(Collectors.toList());
            }
            firstHalf = dirs.subList(0, dirs.size() / 2);
            secondHalf = dirs.subList(dirs.size() / 2, dirs.size());
            walkers = Executors.newFixedThreadPool(2);
        }

        /** Ends the walker threads. */
        @TearDown(Level.Trial)
        public void stop() {
            walkers.shutdownNow();
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

    /**
     * Walks the same tree with two threads, each walking half of its directories (issue 11: a
     * file system that serialises every call on one thread cannot do this faster than
     * {@link #walk10000}).
     *
     * @param t the tree
     * @return how many paths the walks gave, the root's children included, not the root
     * @throws Exception if a walk fails
     */
    @Benchmark
    public long walk10000TwoThreads(Tree t) throws Exception {
        Future<Long> first = t.walkers.submit(() -> walkAll(t.firstHalf));
        Future<Long> second = t.walkers.submit(() -> walkAll(t.secondHalf));
        return first.get() + second.get();
    }

    private static long walkAll(List<Path> dirs) throws IOException {
        long n = 0;
        for (Path dir : dirs) {
            try (Stream<Path> paths = Files.walk(dir)) {
                n += paths.count();
            }
        }
        return n;
    }
}
