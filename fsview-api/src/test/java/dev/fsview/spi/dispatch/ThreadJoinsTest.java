package dev.fsview.spi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

class ThreadJoinsTest {
    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void returnsOnlyOnceTheThreadHasEndedThoughTheCallerIsInterrupted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread worker = new Thread(() -> awaitQuietly(release), "joined");
        worker.start();
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            caller.interrupt(); // a close() interrupted while it waits must go on waiting
            release.countDown();
        });
        interrupter.start();

        ThreadJoins.joinUninterruptibly(worker);

        assertThat(worker.isAlive()).isFalse();
        assertThat(Thread.interrupted()) // read and cleared: the join below must not see it
                .as("the caller's interrupt is kept for it")
                .isTrue();
        interrupter.join();
    }

    @Test
    void aCallerNotInterruptedStaysSo() throws Exception {
        Thread worker = new Thread(() -> {}, "short");
        worker.start();

        ThreadJoins.joinUninterruptibly(worker);

        assertThat(worker.isAlive()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void anUnstartedThreadReturnsAtOnce() {
        ThreadJoins.joinUninterruptibly(new Thread(() -> {}));

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
