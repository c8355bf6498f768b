package dev.fsview.bench.dispatch;

import dev.fsview.bench.fixture.Jvm;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Empty-task calls per second on one view, with 1, 2 and 8 threads calling it at once. The view
 * runs one task at a time, so this shows what contention between callers costs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.PRETOUCH})
public class DispatchThroughput {
    /**
     * One caller.
     *
     * @param s the view
     * @return the task's result
     * @throws IOException if the hand-over fails
     */
    @Benchmark
    @Threads(1)
    public Object callers1(ViewState s) throws IOException {
        return s.open.view().call(ctx -> null);
    }

    /**
     * Two callers at once.
     *
     * @param s the view
     * @return the task's result
     * @throws IOException if the hand-over fails
     */
    @Benchmark
    @Threads(2)
    public Object callers2(ViewState s) throws IOException {
        return s.open.view().call(ctx -> null);
    }

    /**
     * Eight callers at once.
     *
     * @param s the view
     * @return the task's result
     * @throws IOException if the hand-over fails
     */
    @Benchmark
    @Threads(8)
    public Object callers8(ViewState s) throws IOException {
        return s.open.view().call(ctx -> null);
    }
}
