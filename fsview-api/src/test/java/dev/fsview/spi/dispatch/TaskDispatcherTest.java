package dev.fsview.spi.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.HandOverStrategy;
import dev.fsview.HandOverTimeoutException;
import dev.fsview.ViewClosedException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** The hand-over contract, for every strategy, without any backend. */
@Timeout(60)
class TaskDispatcherTest {
    private final List<Throwable> detachedFailures = new CopyOnWriteArrayList<>();
    private TaskDispatcher dispatcher;
    private ViewThread thread;

    private void open(HandOverStrategy strategy) throws IOException {
        open(new TaskDispatcher("test view", strategy, detachedFailures::add));
    }

    private void open(TaskDispatcher d) throws IOException {
        dispatcher = d;
        thread = ViewThread.start("test-view", dispatcher, () -> {}, () -> {});
    }

    @AfterEach
    void close() {
        if (thread != null) {
            thread.close();
            assertThat(thread.thread().isAlive()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(HandOverStrategy.class)
    void callReturnsTheResultComputedOnTheViewThread(HandOverStrategy s) throws Throwable {
        open(s);
        Object name = dispatcher.call(() -> Thread.currentThread().getName(), -1);
        assertThat(name).isEqualTo("test-view");
    }

    @Test
    void thePreludeRunsOnceOnTheViewThreadRightBeforeTheFirstRequest() throws Throwable {
        List<String> events = new CopyOnWriteArrayList<>();
        dispatcher = new TaskDispatcher(
                "test view", HandOverStrategy.SPIN_THEN_PARK, detachedFailures::add);
        thread = ViewThread.start(
                "test-view",
                dispatcher,
                () -> events.add("setup"),
                () -> events.add("prelude on " + Thread.currentThread().getName()),
                () -> {},
                ViewThread.NEW_THREADS);
        assertThat(events).as("nothing before a request is handed over").containsExactly("setup");
        dispatcher.call(() -> events.add("request 1"), -1);
        dispatcher.call(() -> events.add("request 2"), -1);
        assertThat(events)
                .containsExactly("setup", "prelude on test-view", "request 1", "request 2");
    }

    @Test
    void aFailedPreludeFailsEveryRequestAndRunsNone() throws Throwable {
        AtomicInteger preludes = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        IOException refused = new IOException("the root switch failed");
        dispatcher = new TaskDispatcher(
                "test view", HandOverStrategy.SPIN_THEN_PARK, detachedFailures::add);
        thread = ViewThread.start(
                "test-view",
                dispatcher,
                () -> {},
                () -> {
                    preludes.incrementAndGet();
                    throw refused;
                },
                () -> {},
                ViewThread.NEW_THREADS);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> dispatcher.call(requests::incrementAndGet, -1))
                    .isSameAs(refused);
        }
        dispatcher.start(requests::incrementAndGet, -1);
        // Made after the detached request, which it waited for: one request at a time.
        assertThatThrownBy(() -> dispatcher.call(() -> null, -1)).isSameAs(refused);
        assertThat(detachedFailures).containsExactly(refused);
        assertThat(requests).hasValue(0);
        assertThat(preludes).as("never retried: it may have failed half-way").hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(HandOverStrategy.class)
    void callRethrowsTheTasksOwnExceptionUnchanged(HandOverStrategy s) throws IOException {
        open(s);
        IOException thrown = new IOException("from the task");
        assertThatThrownBy(() -> dispatcher.call(
                        () -> {
                            throw thrown;
                        },
                        -1))
                .isSameAs(thrown);
        Error error = new AssertionError("an error");
        assertThatThrownBy(() -> dispatcher.call(
                        () -> {
                            throw error;
                        },
                        -1))
                .isSameAs(error);
    }

    @ParameterizedTest
    @EnumSource(HandOverStrategy.class)
    void aCallFromTheViewThreadRunsInline(HandOverStrategy s) throws Throwable {
        open(s);
        Object inner = dispatcher.call(() -> dispatcher.call(() -> "inner", -1), -1);
        assertThat(inner).isEqualTo("inner");
    }

    @ParameterizedTest
    @EnumSource(HandOverStrategy.class)
    void startReturnsOnceTheTaskRunsAndReportsItsFailure(HandOverStrategy s) throws Throwable {
        open(s);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        RuntimeException boom = new IllegalStateException("boom");
        dispatcher.start(
                () -> {
                    running.countDown();
                    release.await();
                    throw boom;
                },
                -1);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        dispatcher.call(() -> null, -1); // runs after the started task
        assertThat(detachedFailures).containsExactly(boom);
    }

    @ParameterizedTest
    @EnumSource(HandOverStrategy.class)
    void startFromTheViewThreadIsRefused(HandOverStrategy s) throws IOException {
        open(s);
        assertThatThrownBy(() -> dispatcher.call(
                        () -> {
                            dispatcher.start(() -> null, -1);
                            return null;
                        },
                        -1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wait for itself");
    }

    @ParameterizedTest
    @EnumSource(HandOverStrategy.class)
    void aTimedOutHandOverNeverRunsTheTask(HandOverStrategy s) throws Throwable {
        open(s);
        CountDownLatch release = new CountDownLatch(1);
        dispatcher.start(
                () -> {
                    release.await();
                    return null;
                },
                -1);
        AtomicBoolean ran = new AtomicBoolean();
        assertThatThrownBy(() -> dispatcher.call(() -> ran.getAndSet(true), 50_000_000L))
                .isInstanceOf(HandOverTimeoutException.class)
                .hasMessageContaining("did not run");
        release.countDown();
        dispatcher.call(() -> null, -1);
        assertThat(ran).isFalse();
    }

    @ParameterizedTest
    @EnumSource(HandOverStrategy.class)
    void anInterruptedHandOverNeverRunsTheTaskAndKeepsTheInterrupt(HandOverStrategy s)
            throws Throwable {
        open(s);
        CountDownLatch release = new CountDownLatch(1);
        dispatcher.start(
                () -> {
                    release.await();
                    return null;
                },
                -1);
        AtomicBoolean ran = new AtomicBoolean();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        List<Throwable> seen = new ArrayList<>();
        Thread caller = new Thread(() -> {
            try {
                dispatcher.call(() -> ran.getAndSet(true), -1);
            } catch (Throwable t) {
                seen.add(t);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        Thread.sleep(50);
        caller.interrupt();
        caller.join(10_000);
        release.countDown();
        dispatcher.call(() -> null, -1);
        assertThat(seen).singleElement().isInstanceOf(InterruptedIOException.class);
        assertThat(stillInterrupted).isTrue();
        assertThat(ran).isFalse();
    }

    @ParameterizedTest
    @EnumSource(HandOverStrategy.class)
    void anInterruptAfterTheHandOverWaitsForTheResult(HandOverStrategy s) throws Throwable {
        open(s);
        CountDownLatch running = new CountDownLatch(1);
        Object[] result = new Object[1];
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                result[0] = dispatcher.call(
                        () -> {
                            running.countDown();
                            Thread.sleep(200);
                            return "done";
                        },
                        -1);
                interruptKept.set(Thread.currentThread().isInterrupted());
            } catch (Throwable t) {
                result[0] = t;
            }
        });
        caller.start();
        running.await();
        caller.interrupt();
        caller.join(10_000);
        assertThat(result[0]).isEqualTo("done");
        assertThat(interruptKept).isTrue();
    }

    @ParameterizedTest
    @EnumSource(HandOverStrategy.class)
    void closeLetsTheRunningTaskFinishAndRejectsTheRest(HandOverStrategy s) throws Throwable {
        open(s);
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        dispatcher.start(
                () -> {
                    running.countDown();
                    Thread.sleep(200);
                    finished.set(true);
                    return null;
                },
                -1);
        running.await();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Object>> waiting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiting.add(pool.submit(() -> {
                try {
                    return dispatcher.call(() -> "ran", -1);
                } catch (Exception e) {
                    throw e;
                } catch (Throwable e) {
                    throw new AssertionError(e);
                }
            }));
        }
        Thread.sleep(50);
        thread.close();
        assertThat(finished).isTrue();
        for (Future<Object> f : waiting) {
            assertThatThrownBy(f::get).hasCauseInstanceOf(ViewClosedException.class);
        }
        pool.shutdown();
        assertThatThrownBy(() -> dispatcher.call(() -> "late", -1))
                .isInstanceOf(ViewClosedException.class)
                .hasMessage("test view is closed");
    }

    @ParameterizedTest
    @EnumSource(HandOverStrategy.class)
    void manyCallersAreEachAnsweredExactlyOnceOneTaskAtATime(HandOverStrategy s) throws Throwable {
        open(s);
        int threads = 16;
        int calls = 2_000;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger executed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            results.add(pool.submit(() -> {
                try {
                    int sum = 0;
                    for (int i = 0; i < calls; i++) {
                        int n = i;
                        sum += (Integer) dispatcher.call(
                                        () -> {
                                            if (running.incrementAndGet() != 1) {
                                                overlaps.incrementAndGet();
                                            }
                                            executed.incrementAndGet();
                                            running.decrementAndGet();
                                            return id * calls + n;
                                        },
                                        -1)
                                - id * calls;
                    }
                    return sum;
                } catch (Throwable e) {
                    throw new AssertionError(e);
                }
            }));
        }
        for (Future<Integer> f : results) {
            assertThat(f.get()).isEqualTo(calls * (calls - 1) / 2);
        }
        pool.shutdown();
        assertThat(executed).hasValue(threads * calls);
        assertThat(overlaps).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(HandOverStrategy.class)
    void onOneProcessorEveryStrategyStillServesManyCallers(HandOverStrategy s) throws Throwable {
        open(new TaskDispatcher("test view", s, 1, detachedFailures::add));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            results.add(pool.submit(() -> {
                int sum = 0;
                for (int i = 0; i < 500; i++) {
                    try {
                        sum += (Integer) dispatcher.call(() -> 1, -1);
                    } catch (Throwable e) {
                        throw new AssertionError(e);
                    }
                }
                return sum;
            }));
        }
        for (Future<Integer> f : results) {
            assertThat(f.get()).isEqualTo(500);
        }
        pool.shutdown();
    }

    @ParameterizedTest
    @EnumSource(HandOverStrategy.class)
    void aFinishedTaskAndItsResultAreNotKeptReachable(HandOverStrategy s) throws Throwable {
        open(s);
        WeakReference<Object> captured = callCapturing();
        WeakReference<Object> result = new WeakReference<>(dispatcher.call(Object::new, -1));
        for (int i = 0; i < 100 && (captured.get() != null || result.get() != null); i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(captured.get()).as("what the task captured").isNull();
        assertThat(result.get()).as("the task's result").isNull();
    }

    private WeakReference<Object> callCapturing() throws Throwable {
        Object payload = new Object();
        dispatcher.call(payload::hashCode, -1);
        return new WeakReference<>(payload);
    }

    @Test
    void adaptiveCallersStopSpinningThroughSlowTasksAndSpinAgainForQuickOnes() throws Throwable {
        open(HandOverStrategy.ADAPTIVE);
        for (int i = 0; i < 10; i++) {
            dispatcher.call(
                    () -> {
                        Thread.sleep(1);
                        return null;
                    },
                    -1);
        }
        assertThat(dispatcher.callerSpinNanos()).isEqualTo(TaskDispatcher.ADAPTIVE_MIN_SPIN_NANOS);
        // Each quick call that a spin covers doubles the budget: a few dozen bring it back, even
        // if a busy machine makes some of them park.
        for (int i = 0;
                i < 10_000 && dispatcher.callerSpinNanos() < TaskDispatcher.ADAPTIVE_MAX_SPIN_NANOS;
                i++) {
            dispatcher.call(() -> null, -1);
        }
        assertThat(dispatcher.callerSpinNanos()).isEqualTo(TaskDispatcher.ADAPTIVE_MAX_SPIN_NANOS);
    }

    @Test
    void parkNeverSpins() {
        assertThat(TaskDispatcher.SpinBudget.forCallers(HandOverStrategy.PARK, 8)
                        .plan())
                .isZero();
    }

    @ParameterizedTest
    @EnumSource(HandOverStrategy.class)
    void withOneProcessorNoStrategySpins(HandOverStrategy s) {
        assertThat(TaskDispatcher.SpinBudget.forCallers(s, 1).plan()).isZero();
        assertThat(TaskDispatcher.SpinBudget.forWorker(s, 1).plan()).isZero();
    }

    @Test
    void spinThenParkAlwaysSpinsItsFixedBudget() {
        TaskDispatcher.SpinBudget b =
                TaskDispatcher.SpinBudget.forWorker(HandOverStrategy.SPIN_THEN_PARK, 2);
        for (int i = 0; i < 10; i++) {
            b.parked();
        }
        b.spun(1_000_000_000L);
        assertThat(b.plan()).isEqualTo(TaskDispatcher.WORKER_SPIN_NANOS);
    }

    @Test
    void adaptiveStartsAtItsLargestBudgetAndHalvesOnEachParkDownToTheLeast() {
        TaskDispatcher.SpinBudget b =
                TaskDispatcher.SpinBudget.forCallers(HandOverStrategy.ADAPTIVE, 2);
        assertThat(b.current()).isEqualTo(TaskDispatcher.ADAPTIVE_MAX_SPIN_NANOS);
        b.parked();
        assertThat(b.current()).isEqualTo(TaskDispatcher.ADAPTIVE_MAX_SPIN_NANOS / 2);
        assertThat(shortenedAdaptive().current()).isEqualTo(TaskDispatcher.ADAPTIVE_MIN_SPIN_NANOS);
    }

    /** An adaptive budget after many waits that had to park: at its least. */
    private static TaskDispatcher.SpinBudget shortenedAdaptive() {
        TaskDispatcher.SpinBudget b =
                TaskDispatcher.SpinBudget.forCallers(HandOverStrategy.ADAPTIVE, 2);
        for (int i = 0; i < 64; i++) {
            b.parked();
        }
        return b;
    }

    @Test
    void adaptiveDoublesOnEachWaitASpinCoveredUpToTheLargest() {
        TaskDispatcher.SpinBudget b = shortenedAdaptive();
        long least = TaskDispatcher.ADAPTIVE_MIN_SPIN_NANOS;
        b.spun(100);
        assertThat(b.current()).isEqualTo(2 * least);
        b.spun(100);
        assertThat(b.current()).isEqualTo(4 * least);
        b.spun(30_000);
        assertThat(b.current()).as("at least twice the wait it covered").isEqualTo(60_000);
        b.spun(100);
        assertThat(b.current()).isEqualTo(TaskDispatcher.ADAPTIVE_MAX_SPIN_NANOS);
    }

    @Test
    void adaptiveSpinsItsLargestBudgetOnceEveryProbePeriodWhileShortened() {
        TaskDispatcher.SpinBudget b = shortenedAdaptive();
        List<Long> plans = new ArrayList<>();
        for (int i = 0; i < 2 * TaskDispatcher.SpinBudget.PROBE_EVERY; i++) {
            plans.add(b.plan());
        }
        assertThat(plans)
                .filteredOn(p -> p == TaskDispatcher.ADAPTIVE_MAX_SPIN_NANOS)
                .hasSize(2);
        assertThat(plans)
                .filteredOn(p -> p == TaskDispatcher.ADAPTIVE_MIN_SPIN_NANOS)
                .hasSize(2 * TaskDispatcher.SpinBudget.PROBE_EVERY - 2);
    }
}
