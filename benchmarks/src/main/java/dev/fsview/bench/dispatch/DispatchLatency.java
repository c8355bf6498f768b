package dev.fsview.bench.dispatch;

import dev.fsview.ViewTask;
import dev.fsview.bench.fixture.Jvm;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-call cost of a view: the round trip of an empty task ({@code call(ctx -> null)}), and the
 * time from {@code start} until the started task runs, as latency distributions.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.PRETOUCH})
@State(Scope.Benchmark)
public class DispatchLatency {
    private final AtomicLong started = new AtomicLong();
    private final ViewTask<RuntimeException> markStarted = ctx -> started.incrementAndGet();

    /**
     * Hands an empty task to the view thread and waits for its (null) result.
     *
     * @param s the view
     * @return the task's result
     * @throws IOException if the hand-over fails
     */
    @Benchmark
    public Object call(ViewState s) throws IOException {
        return s.open.view().call(ctx -> null);
    }

    /**
     * Starts a task and waits until it runs on the view thread.
     *
     * @param s the view
     * @return how many tasks have run
     * @throws IOException if the hand-over fails
     */
    @Benchmark
    public long startUntilRunning(ViewState s) throws IOException {
        long next = started.get() + 1;
        s.open.view().start(markStarted);
        long n;
        while ((n = started.get()) < next) {
            Thread.onSpinWait();
        }
        return n;
    }
}
