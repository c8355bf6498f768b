package dev.fsview.spi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A re-using carrier hands a thread to the next view only when the backend's check says, on that
 * thread, that it is back; it keeps at most its number of spares, and resets what a view changed.
 */
class ReusingCarrierTest {
    private final BlockingQueue<Boolean> ended = new ArrayBlockingQueue<>(16);

    private Thread carry(ViewThread.Carrier c, String name, Runnable body) {
        return c.carry(name, body, ended::add);
    }

    @Test
    void aThreadThatIsBackServesTheNextViewUnderItsName() throws Exception {
        ReusingCarrier c = new ReusingCarrier("spare-", 1, () -> true, () -> {});
        Thread first = carry(c, "view-1", () -> {});
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isTrue();
        assertThat(first.getName()).startsWith("spare-");

        String[] seen = new String[1];
        Thread second =
                carry(c, "view-2", () -> seen[0] = Thread.currentThread().getName());
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isTrue();
        assertThat(second).isSameAs(first);
        assertThat(seen[0]).isEqualTo("view-2");
        assertThat(c.counts()).containsExactly(1, 1, 0);
    }

    @Test
    void anIdleSpareWatchesBrieflyForTheNextViewThenSleeps() throws Exception {
        ReusingCarrier c = new ReusingCarrier("spare-", 1, () -> true, () -> {});
        Thread spare = carry(c, "view-1", () -> {});
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isTrue();
        // Parked (WAITING) soon after its spin: an idle spare burns no CPU.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (spare.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(spare.getState()).isEqualTo(Thread.State.WAITING);
        // And a parked spare still serves the next view.
        assertThat(carry(c, "view-2", () -> {})).isSameAs(spare);
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aThreadThatIsNotBackEndsAndIsNeverHandedAnotherView() throws Exception {
        ReusingCarrier c = new ReusingCarrier("spare-", 2, () -> false, () -> {});
        Thread first = carry(c, "view-1", () -> {});
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isFalse();
        first.join(5000);
        assertThat(first.isAlive()).isFalse();
        Thread second = carry(c, "view-2", () -> {});
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isFalse();
        assertThat(second).isNotSameAs(first);
        assertThat(c.counts()).containsExactly(0, 0, 2);
    }

    @Test
    void aBodyThatThrowsRetiresItsThreadAndStillSaysSo() throws Exception {
        ReusingCarrier c = new ReusingCarrier("spare-", 2, () -> true, () -> {});
        Thread t = carry(c, "view-1", () -> {
            throw new IllegalStateException("a backend's bug");
        });
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isFalse();
        t.join(5000);
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void noMoreThanMaxSparesWaitAndTheRestEnd() throws Exception {
        ReusingCarrier c = new ReusingCarrier("spare-", 1, () -> true, () -> {});
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Runnable body = () -> {
            bothRunning.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread a = carry(c, "view-a", body);
        Thread b = carry(c, "view-b", body);
        assertThat(bothRunning.await(5, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        List<Boolean> lives = new ArrayList<>(
                List.of(ended.poll(5, TimeUnit.SECONDS), ended.poll(5, TimeUnit.SECONDS)));
        assertThat(lives).containsExactlyInAnyOrder(true, false);
        // Done is told just before the retired thread returns: give it the moment to end.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (a.isAlive() && b.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(a.isAlive() && b.isAlive()).as("one of them ended").isFalse();
        assertThat(c.counts()[0]).isEqualTo(1);
    }

    @Test
    void aReusedThreadIsResetAndTheBackendsResetRuns() throws Exception {
        AtomicBoolean reset = new AtomicBoolean();
        ReusingCarrier c = new ReusingCarrier("spare-", 1, () -> true, () -> reset.set(true));
        ClassLoader custom = new ClassLoader() {};
        Thread t = carry(c, "view-1", () -> {
            Thread me = Thread.currentThread();
            me.setPriority(Thread.MIN_PRIORITY);
            me.setContextClassLoader(custom);
            me.setUncaughtExceptionHandler((th, e) -> {});
            me.interrupt();
        });
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isTrue();
        assertThat(reset).isTrue();
        Object[] seen = new Object[4];
        carry(c, "view-2", () -> {
            Thread me = Thread.currentThread();
            seen[0] = me.getPriority();
            seen[1] = me.isInterrupted();
            seen[2] = me.getContextClassLoader();
            seen[3] = me.getUncaughtExceptionHandler() == me.getThreadGroup();
        });
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen)
                .containsExactly(
                        Thread.NORM_PRIORITY,
                        false,
                        Thread.currentThread().getContextClassLoader(),
                        true);
        assertThat(t.isAlive()).isTrue();
    }

    @Test
    void zeroSparesKeepsNoThreadAndANegativeCountIsRefused() throws Exception {
        ReusingCarrier c = new ReusingCarrier("spare-", 0, () -> true, () -> {});
        Thread t = carry(c, "view-1", () -> {});
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isFalse();
        t.join(5000);
        assertThat(t.isAlive()).isFalse();
        assertThatThrownBy(() -> new ReusingCarrier("spare-", -1, () -> true, () -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxSpares");
    }

    /** A check whose release is told at once, and whose slow part waits for the test. */
    private static final class SlowCheck implements ReusingCarrier.ReturnCheck {
        final CountDownLatch checking = new CountDownLatch(1);
        final CountDownLatch finish = new CountDownLatch(1);
        final boolean back;

        SlowCheck(boolean back) {
            this.back = back;
        }

        @Override
        public boolean hasReleasedView() {
            return true;
        }

        @Override
        public boolean isThisThreadBack() {
            checking.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return back;
        }
    }

    @Test
    void aReleasedViewIsToldEndedBeforeTheReturnCheckAndTheNextViewWaitsForThatThread()
            throws Exception {
        SlowCheck check = new SlowCheck(true);
        ReusingCarrier c = new ReusingCarrier("spare-", 1, check, () -> {}, 60_000);
        Thread first = carry(c, "view-1", () -> {});
        assertThat(ended.poll(5, TimeUnit.SECONDS))
                .as("told before the check ends")
                .isTrue();
        assertThat(check.checking.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(first.getName()).as("no longer named as the view's").startsWith("spare-");
        Thread[] second = new Thread[1];
        Thread opener = new Thread(() -> second[0] = carry(c, "view-2", () -> {}));
        opener.start();
        opener.join(200);
        assertThat(opener.isAlive())
                .as("the only spare's place is taken: it waits")
                .isTrue();
        check.finish.countDown();
        opener.join(5000);
        assertThat(second[0]).as("the thread back from its check").isSameAs(first);
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isTrue();
        // Told ended before its check, the thread becomes idle a moment after.
        assertThat(countsOnceIdle(c, 1)).containsExactly(1, 1, 0);
    }

    /** The counts once {@code idle} spares wait, or as they are after 5 s. */
    private static long[] countsOnceIdle(ReusingCarrier c, long idle) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (c.counts()[0] != idle && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return c.counts();
    }

    @Test
    void aReleasedThreadThatFailsItsCheckEndsAndTheWaitingViewGetsANewOne() throws Exception {
        SlowCheck check = new SlowCheck(false);
        ReusingCarrier c = new ReusingCarrier("spare-", 1, check, () -> {});
        Thread first = carry(c, "view-1", () -> {});
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isTrue();
        assertThat(check.checking.await(5, TimeUnit.SECONDS)).isTrue();
        check.finish.countDown();
        first.join(5000);
        assertThat(first.isAlive()).as("never handed another view").isFalse();
        Thread second = carry(c, "view-2", () -> {});
        assertThat(second).isNotSameAs(first);
        assertThat(c.counts()[2]).isGreaterThanOrEqualTo(1);
    }

    @Test
    void withASpareStillCheckingAndRoomForAnotherANewThreadServes() throws Exception {
        SlowCheck check = new SlowCheck(true);
        ReusingCarrier c = new ReusingCarrier("spare-", 2, check, () -> {});
        Thread first = carry(c, "view-1", () -> {});
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isTrue();
        assertThat(check.checking.await(5, TimeUnit.SECONDS)).isTrue();
        CountDownLatch release = new CountDownLatch(1);
        Thread second = carry(c, "view-2", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(second).as("not waiting for the checking one").isNotSameAs(first);
        check.finish.countDown();
        release.countDown();
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aReturnCheckThatHangsNeverStallsTheNextOpen() throws Exception {
        SlowCheck check = new SlowCheck(true);
        ReusingCarrier c = new ReusingCarrier("spare-", 1, check, () -> {}, 20);
        Thread first = carry(c, "view-1", () -> {});
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isTrue();
        assertThat(check.checking.await(5, TimeUnit.SECONDS)).isTrue();
        Thread second = carry(c, "view-2", () -> {});
        assertThat(second).as("a new thread, after a bounded wait").isNotSameAs(first);
        check.finish.countDown();
        assertThat(ended.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(c.counts()[0]).as("never more spares than allowed").isLessThanOrEqualTo(1);
    }
}
