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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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

        ByteArrayOutputStream before = new ByteArrayOutputStream();
        Copier.writeTar(
                TreeArchiver.archive(top, false, "top", warnings::add),
                before,
                Channels.newChannel(before),
                warnings::add);
        ByteArrayOutputStream after = new ByteArrayOutputStream();
        TarOutput tar = new TarOutput(after, Channels.newChannel(after), warnings::add);
        WalkAhead.drain(TreeArchiver.start(top, false, "top", warnings::add)::run, tar::write);
        tar.finish();

        assertThat(after.size()).isGreaterThan(WalkAhead.AHEAD * 512);
        assertThat(after.toByteArray()).isEqualTo(before.toByteArray());
        assertThat(warnings).isEmpty();
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
