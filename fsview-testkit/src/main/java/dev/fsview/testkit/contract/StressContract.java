package dev.fsview.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.testkit.HostFixture.Leaks;
import dev.fsview.testkit.support.Await;
import dev.fsview.testkit.support.LeakCheck;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load: many callers on one view get every answer exactly once, without deadlock and without a
 * lost exception; many open/close cycles leave thread and descriptor counts where they were.
 */
public abstract class StressContract extends ViewContract {
    /** Caller threads sharing one view. */
    static final int CALLERS = 64;
    /** Calls each caller makes. */
    static final int CALLS = 10_000;
    /** Open/close cycles. */
    static final int CYCLES = 1_000;
    /** One call in this many throws, to see exceptions come back under load. */
    private static final int THROW_EVERY = 97;

    private static final Duration LIMIT = Duration.ofMinutes(8);

    /** The exception the stress tasks throw, carrying the call it belongs to. */
    static final class CallFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final long token;

        CallFailure(long token) {
            super("call " + token, null, false, false);
            this.token = token;
        }
    }

    @Test
    @Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void sixtyFourCallersMakingTenThousandCallsEachGetEveryAnswerExactlyOnce() throws Exception {
        String root = dir("root");
        file(root + "/f", "x");
        try (FsView view = open(root)) {
            AtomicLong ran = new AtomicLong();
            ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> callers = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                long base = (long) c * CALLS;
                callers.add(new Thread(
                        () -> callRepeatedly(view, base, ran, wrong, go), "stress-caller-" + c));
            }
            for (Thread t : callers) {
                t.start();
            }
            go.countDown();
            long deadline = System.nanoTime() + LIMIT.toNanos();
            for (Thread t : callers) {
                Await.join(t, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            assertThat(wrong).as("calls answered wrongly").isEmpty();
            assertThat(ran).as("tasks run").hasValue((long) CALLERS * CALLS);
        }
    }

    /** One caller: every answer must be its own token, every failure its own exception. */
    private static void callRepeatedly(
            FsView view,
            long base,
            AtomicLong ran,
            ConcurrentLinkedQueue<String> wrong,
            CountDownLatch go) {
        try {
            go.await();
            for (long token = base; token < base + CALLS; token++) {
                long mine = token;
                if (token % THROW_EVERY == 0) {
                    CallFailure failure = new CallFailure(mine);
                    try {
                        view.call(ctx -> {
                            ran.incrementAndGet();
                            throw failure;
                        });
                        wrong.add("call " + mine + " returned instead of throwing");
                    } catch (CallFailure thrown) {
                        if (thrown != failure) {
                            wrong.add(
                                    "call " + mine + " got the exception of call " + thrown.token);
                        }
                    }
                } else if (token % 1000 == 1) {
                    if (view.stat("/f").size() != 1) {
                        wrong.add("stat " + mine + " saw the wrong file");
                    }
                    ran.incrementAndGet();
                } else {
                    long answer = view.call(ctx -> {
                        ran.incrementAndGet();
                        return mine;
                    });
                    if (answer != mine) {
                        wrong.add("call " + mine + " got the answer of call " + answer);
                    }
                }
            }
        } catch (Throwable t) {
            wrong.add(Thread.currentThread().getName() + " failed: " + t);
        }
    }

    @Test
    @Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aThousandOpenCloseCyclesLeaveThreadAndDescriptorCountsWhereTheyWere() throws Exception {
        String root = dir("root");
        String vol = dir("vol");
        file(vol + "/f", "volume");
        Leaks before = null;
        Set<Thread> threadsBefore = null;
        for (int i = 0; i < CYCLES + 10; i++) {
            if (i == 10) { // after a few cycles, whatever the JVM loads once is loaded
                before = host.leaks();
                threadsBefore = Thread.getAllStackTraces().keySet();
            }
            try (FsView view = open(spec(root)
                    .mount(MountSpec.bind(vol, "/data").build())
                    .mount(MountSpec.tmpfs("/tmp").build()))) {
                view.stat("/data/f");
            }
        }
        LeakCheck.assertNothingLeft(host, before, CYCLES + " open/close cycles");
        Set<Thread> known = threadsBefore;
        List<String> extra = new ArrayList<>();
        boolean settled = Await.until(LeakCheck.GRACE, () -> {
            extra.clear();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (!known.contains(t)) {
                    extra.add(t.getName());
                }
            }
            return extra.isEmpty();
        });
        assertThat(settled)
                .as("threads started during the cycles and still alive: %s", extra)
                .isTrue();
    }
}
