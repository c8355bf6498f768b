package dev.fsview.bench.dispatch;

import dev.fsview.bench.fixture.ThreadCpu;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What an idle view costs: the CPU time its thread burns while no task comes. Each invocation hands
 * the view one task (so it has just been busy, as after real use) and then leaves it alone for
 * {@code idleMillis}; the view thread's CPU time over that idle period is counted.
 *
 * <p>Read the secondary result {@code viewThreadCpuNanos}: JMH divides it by the measured time, so
 * in this benchmark's unit (per second) it is nanoseconds of CPU per second of idleness; 10,000,000
 * is 1% of a core.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class IdleCost {
    /** How long the view is left alone per invocation. */
    @Param({"1000"})
    public long idleMillis;

    /** The view thread's CPU time, reported normalised to wall time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Cpu {
        /** Nanoseconds of view-thread CPU during idle periods, this iteration. */
        public long viewThreadCpuNanos;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            viewThreadCpuNanos = 0;
        }
    }

    /**
     * One task, then an idle period whose view-thread CPU time is counted.
     *
     * @param s the view
     * @param cpu the counter
     * @throws IOException if the hand-over fails
     * @throws InterruptedException if interrupted while idle
     */
    @Benchmark
    public void idle(ViewState s, Cpu cpu) throws IOException, InterruptedException {
        s.open.view().call(ctx -> null);
        Thread viewThread = s.open.viewThread();
        long before = ThreadCpu.nanos(viewThread);
        Thread.sleep(idleMillis);
        cpu.viewThreadCpuNanos += ThreadCpu.nanos(viewThread) - before;
    }
}
