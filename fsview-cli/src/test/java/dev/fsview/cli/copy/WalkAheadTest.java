package dev.fsview.cli.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.cli.archive.Archive;
import dev.fsview.cli.archive.TreeArchiver;
import dev.fsview.cli.tar.TarEntry;
import dev.fsview.cli.tar.TarType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code cp :/ -} walks the tree on its own thread while the tar is written: the stream is the one
 * a walk first, write after would give, byte for byte; the walk's failure reaches the writer as it
 * was thrown, after the entries before it; and whichever side stops, no walker thread is left.
 */
class WalkAheadTest {
    @TempDir
    Path dir;

    @AfterEach
    void noWalkerLeft() {
        assertThat(walkers()).as("fsview-cp-walk threads still alive").isEmpty();
    }

    static List<Thread> walkers() {
        List<Thread> found = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("fsview-cp-walk") && t.isAlive()) {
                found.add(t);
            }
        }
        return found;
    }

    static Archive.Item item(int i) {
        return new Archive.Item(
                new TarEntry("e" + i, TarType.DIRECTORY, 0755, 0, 0, 0, Instant.EPOCH, "", 0, 0),
                null);
    }

    /** A walk of {@code n} entries, then {@code failure} if it is not null. */
    static WalkAhead.Walk entries(int n, IOException failure) {
        return sink -> {
            for (int i = 0; i < n; i++) {
                sink.add(item(i));
            }
            if (failure != null) {
                throw failure;
            }
        };
    }

    @Test
    void aTreeLargerThanTheLookAheadStreamsByteForByteAsAWalkThenWrite() throws IOException {
        // More entries than the queue holds, hard links, a large file sent by the kernel.
        for (int d = 0; d < 30; d++) {
            Path sub = Files.createDirectories(dir.resolve("top/d" + d));
            for (int f = 0; f < 60; f++) {
                Files.writeString(sub.resolve("f" + f), "content " + d + "/" + f + "\n");
            }
        }
        Files.createLink(dir.resolve("top/d7/link"), dir.resolve("top/d3/f9"));
        Files.write(dir.resolve("top/big"), new byte[300 * 1024 + 5]);
        Files.createSymbolicLink(dir.resolve("top/abs"), Path.of("/etc/passwd"));
        Path top = dir.resolve("top");
        List<String> warnings = new ArrayList<>();

        byte[] before = walkThenWrite(top, warnings);
        ByteArrayOutputStream after = new ByteArrayOutputStream();
        TarOutput tar = new TarOutput(after, Channels.newChannel(after), warnings::add);
        WalkAhead.drain(TreeArchiver.start(top, false, "top", warnings::add)::run, tar::write);
        tar.finish();

        assertThat(after.size()).isGreaterThan(WalkAhead.AHEAD * 512);
        assertThat(after.toByteArray()).isEqualTo(before);
        assertThat(warnings).isEmpty();
    }

    /** The stream of a whole walk first, then the writing: what the walk ahead must give. */
    private static byte[] walkThenWrite(Path top, List<String> warnings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Copier.writeTar(
                TreeArchiver.archive(top, false, "top", warnings::add),
                out,
                Channels.newChannel(out),
                warnings::add);
        return out.toByteArray();
    }

    /** A tree of {@code n} small files, each with its own content, under dir/top. */
    private Path filesTree(int n) throws IOException {
        Path top = Files.createDirectories(dir.resolve("top"));
        for (int f = 0; f < n; f++) {
            Files.writeString(top.resolve(String.format("f%05d", f)), "file " + f + "\n");
        }
        return top;
    }

    /**
     * This process's fds open on {@code top} or under it: not those other threads of the test
     * JVM open and close meanwhile (a class's jar, a cleaner's close).
     */
    private static long openUnder(Path top) throws IOException {
        String prefix = top.toRealPath().toString();
        long n = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.equals(prefix) || target.startsWith(prefix + "/")) {
                        n++;
                    }
                } catch (IOException closedMeanwhile) {
                    // the listing's own fd, or one closed since it was listed
                }
            }
        }
        return n;
    }

    @Test
    void filesOpenedAheadOfASlowWriterStreamByteForByteAndNoMoreThanTheBoundAreOpen()
            throws IOException {
        Path top = filesTree(3 * WalkAhead.OPEN_AHEAD + 7);
        List<String> warnings = new ArrayList<>();
        byte[] before = walkThenWrite(top, warnings);

        long[] mostOpen = {0};
        int[] openedAhead = {0};
        ByteArrayOutputStream after = new ByteArrayOutputStream();
        TarOutput tar = new TarOutput(after, Channels.newChannel(after), warnings::add);
        WalkAhead.drain(TreeArchiver.start(top, false, "top", warnings::add)::run, item -> {
            if (item.content() instanceof WalkAhead.OpenedAhead) {
                openedAhead[0]++;
            }
            mostOpen[0] = Math.max(mostOpen[0], openUnder(top));
            slowly(); // the walk gets ahead, with a whole batch waiting: it opens files itself
            tar.write(item);
        });
        tar.finish();

        assertThat(after.toByteArray()).isEqualTo(before);
        assertThat(warnings).isEmpty();
        assertThat(openedAhead[0]).as("files opened by the walk").isPositive();
        // The bound, the walk's directory, and the file being written.
        assertThat(mostOpen[0]).isLessThanOrEqualTo(WalkAhead.OPEN_AHEAD + 2);
        assertThat(openUnder(top)).isZero();
    }

    private static void slowly() {
        try {
            Thread.sleep(0, 200_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aWriterThatFailsLeavesNoFileTheWalkOpenedAheadOpen() throws Exception {
        Path top = filesTree(WalkAhead.AHEAD + 100);
        IOException brokenPipe = new IOException("Broken pipe");
        int[] written = {0};
        int[] openedAhead = {0};
        assertThatThrownBy(() -> WalkAhead.drain(
                        TreeArchiver.start(top, false, "top", w -> {})::run, item -> {
                            if (item.content() instanceof WalkAhead.OpenedAhead) {
                                openedAhead[0]++;
                            }
                            // Never opens the content: what the walk opened must still be closed.
                            if (written[0]++ == 0) {
                                // The walk fills the queue, opening files, while this waits.
                                pause(500);
                            }
                            if (written[0] == 2 * WalkAhead.BATCH + 10) {
                                throw brokenPipe; // in the middle of a batch of open files
                            }
                        }))
                .isSameAs(brokenPipe);
        assertThat(openedAhead[0]).as("files opened by the walk").isPositive();
        assertThat(openUnder(top)).isZero();
    }

    @Test
    void aFileOpenedAheadIsTakenOnceAndOtherwiseClosedAndItsPermitReturned() throws Exception {
        Semaphore permits = new Semaphore(2);
        boolean[] closed = {false};
        InputStream stream = new ByteArrayInputStream(new byte[1]) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertThat(permits.tryAcquire()).isTrue();
        WalkAhead.OpenedAhead taken = new WalkAhead.OpenedAhead(() -> stream, permits);
        assertThat(permits.availablePermits()).as("held while it waits open").isEqualTo(1);
        assertThat(taken.open()).isSameAs(stream);
        assertThat(permits.availablePermits()).as("the writer closes it now").isEqualTo(2);
        taken.discard();
        assertThat(closed[0]).as("taken: the writer's to close").isFalse();
        assertThatThrownBy(taken::open).isInstanceOf(IllegalStateException.class);

        assertThat(permits.tryAcquire()).isTrue();
        WalkAhead.OpenedAhead left = new WalkAhead.OpenedAhead(() -> stream, permits);
        left.discard();
        left.discard();
        assertThat(closed[0]).isTrue();
        assertThat(permits.availablePermits()).isEqualTo(2);
        assertThatThrownBy(left::open).isInstanceOf(IllegalStateException.class);

        // A refusal found ahead is thrown where the file is written, as if opened there.
        FileSystemException refused = new FileSystemException("/top/fifo", null, "not a file");
        assertThat(permits.tryAcquire()).isTrue();
        WalkAhead.OpenedAhead failed = new WalkAhead.OpenedAhead(
                () -> {
                    throw refused;
                },
                permits);
        assertThat(permits.availablePermits()).as("nothing held open").isEqualTo(2);
        assertThatThrownBy(failed::open).isSameAs(refused);
    }

    @Test
    void theWalksFailureReachesTheWriterAsThrownAfterTheEntriesBeforeIt() {
        AccessDeniedException denied = new AccessDeniedException("/top/secret");
        List<Archive.Item> written = new ArrayList<>();
        assertThatThrownBy(
                        () -> WalkAhead.drain(entries(3 * WalkAhead.AHEAD, denied), written::add))
                .isSameAs(denied);
        assertThat(written).hasSize(3 * WalkAhead.AHEAD);
        assertThat(written.get(17).entry().name()).isEqualTo("e17");
    }

    @Test
    void entriesOfABatchNotYetFullAreWrittenBeforeTheEndAndBeforeAFailure() throws IOException {
        // Handed over WalkAhead.BATCH at a time: what is left at the end must still come, in order.
        List<Archive.Item> written = new ArrayList<>();
        WalkAhead.drain(entries(WalkAhead.BATCH + 5, null), written::add);
        assertThat(written)
                .extracting(i -> i.entry().name())
                .hasSize(WalkAhead.BATCH + 5)
                .startsWith("e0", "e1")
                .endsWith("e" + (WalkAhead.BATCH + 4));

        AccessDeniedException denied = new AccessDeniedException("/top/secret");
        List<Archive.Item> beforeFailure = new ArrayList<>();
        assertThatThrownBy(() -> WalkAhead.drain(entries(3, denied), beforeFailure::add))
                .isSameAs(denied);
        assertThat(beforeFailure)
                .extracting(i -> i.entry().name())
                .containsExactly("e0", "e1", "e2");
    }

    @Test
    void aRuntimeFailureOfTheWalkIsRethrownUnchanged() {
        IllegalStateException bug = new IllegalStateException("a bug in the walk");
        assertThatThrownBy(() -> WalkAhead.drain(
                        sink -> {
                            sink.add(item(0));
                            throw bug;
                        },
                        i -> {}))
                .isSameAs(bug);
    }

    @Test
    void aWriterThatFailsStopsAWalkerBlockedOnAFullQueue() throws Exception {
        CountDownLatch full = new CountDownLatch(1);
        IOException brokenPipe = new IOException("Broken pipe");
        assertThatThrownBy(() -> WalkAhead.drain(
                        sink -> {
                            for (int i = 0; ; i++) { // endless: only the stop ends it
                                sink.add(item(i));
                                if (i == WalkAhead.AHEAD) { // the queue full, one taken
                                    full.countDown();
                                }
                            }
                        },
                        i -> {
                            try {
                                assertThat(full.await(30, TimeUnit.SECONDS)).isTrue();
                            } catch (InterruptedException e) {
                                throw new AssertionError(e);
                            }
                            throw brokenPipe;
                        }))
                .isSameAs(brokenPipe);
        // noWalkerLeft: drain joined the walker before it threw
    }

    @Test
    void anInterruptedWriterStopsTheWalkAndKeepsItsInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> WalkAhead.drain(
                            sink -> {
                                for (int i = 0; ; i++) { // endless: only the stop ends it
                                    sink.add(item(i));
                                }
                            },
                            i -> {}))
                    .isInstanceOf(java.io.InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
