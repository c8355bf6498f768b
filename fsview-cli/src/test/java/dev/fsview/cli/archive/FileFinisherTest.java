package dev.fsview.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

class FileFinisherTest {
    final AtomicInteger ran = new AtomicInteger();
    final AtomicInteger abandoned = new AtomicInteger();

    @AfterEach
    void noThreadIsLeft() {
        assertThat(finishers()).as("fsview-cp-files threads still alive").isEmpty();
    }

    static List<String> finishers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("fsview-cp-files") && t.isAlive())
                .map(Thread::getName)
                .collect(Collectors.toList());
    }

    FileFinisher.Task task(IOException failure) {
        return new FileFinisher.Task() {
            @Override
            public void run() throws IOException {
                if (failure != null) {
                    throw failure;
                }
                ran.incrementAndGet();
            }

            @Override
            public void abandon() {
                abandoned.incrementAndGet();
            }
        };
    }

    @Test
    void runsEveryTaskBeforeFinishReturns() throws IOException {
        try (FileFinisher files = new FileFinisher()) {
            for (int i = 0; i < 10 * FileFinisher.AHEAD; i++) {
                files.submit(task(null));
            }
            files.finish();
            assertThat(ran.get()).isEqualTo(10 * FileFinisher.AHEAD);
        }
        assertThat(abandoned.get()).isZero();
    }

    @Test
    void awaitIdleWaitsForTheTasksAlreadyTaken() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
        try (FileFinisher files = new FileFinisher()) {
            files.submit(blockedUntil(release, () -> order.add("task")));
            Thread releaser = new Thread(() -> {
                order.add("release");
                release.countDown();
            });
            releaser.start();
            files.awaitIdle();
            order.add("idle");
            releaser.join();
        }
        assertThat(order).containsExactly("release", "task", "idle");
    }

    @Test
    void theFirstFailureIsThrownAndWhatIsQueuedAfterItIsAbandoned() {
        IOException boom = new IOException("boom");
        try (FileFinisher files = new FileFinisher()) {
            assertThatThrownBy(() -> {
                        files.submit(task(boom));
                        for (int i = 0; i < 10 * FileFinisher.AHEAD; i++) {
                            files.submit(task(null));
                        }
                        files.finish();
                    })
                    .isSameAs(boom);
            assertThatThrownBy(() -> files.submit(task(null))).isSameAs(boom);
        }
        // every task was either run (before the failure was seen) or abandoned: none is lost
        assertThat(ran.get() + abandoned.get()).isGreaterThan(0);
        assertThat(abandoned.get()).isPositive();
    }

    @Test
    void aBatchNotYetFullIsMadeBeforeAwaitIdleAndFinishReturn() throws IOException {
        try (FileFinisher files = new FileFinisher()) {
            files.submit(task(null));
            files.awaitIdle();
            assertThat(ran.get()).isEqualTo(1);
            for (int i = 0; i < FileFinisher.BATCH + 1; i++) {
                files.submit(task(null));
            }
            files.finish();
            assertThat(ran.get()).isEqualTo(FileFinisher.BATCH + 2);
        }
        assertThat(abandoned.get()).isZero();
    }

    @Test
    void closeWithoutFinishEndsTheThreadsAndLosesNoTask() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        int counted = 3 * FileFinisher.BATCH + 5; // batches queued and taken, and part of one
        FileFinisher files = new FileFinisher();
        try {
            files.submit(blockedUntil(release, () -> {}));
            for (int i = 0; i < counted; i++) {
                files.submit(task(null));
            }
        } finally {
            release.countDown();
            files.close();
        }
        assertThat(ran.get() + abandoned.get())
                .as("every task run or abandoned, once")
                .isEqualTo(counted);
    }

    /** A task that waits for {@code release}, then runs {@code then}. */
    private static FileFinisher.Task blockedUntil(CountDownLatch release, Runnable then) {
        return new FileFinisher.Task() {
            @Override
            public void run() throws IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                then.run();
            }

            @Override
            public void abandon() {}
        };
    }
}
