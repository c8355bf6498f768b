package dev.fsview.bench.dispatch;

import dev.fsview.bench.fixture.Jvm;
import dev.fsview.bench.fixture.ThreadCpu;

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

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What a quiet view costs: the CPU time its thread burns while no task comes. Each invocation hands
 * the view one task (so it has just been busy, as after real use) and then leaves it alone for
 * {@code pauseMicros}; the view thread's CPU time over that pause is counted. With a pause of one
 * second this is the idle cost; with a short pause (a call every 200 µs) it is what a sparsely
 * used view burns between calls, where spinning no longer pays.
 *
 * <p>Read the secondary result {@code viewThreadCpuNanos}: JMH divides it by the measured time, so
 * in this benchmark's unit (per second) it is nanoseconds of CPU per second of wall time;
 * 10,000,000 is 1% of a core.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {Jvm.HEAP_MIN, Jvm.HEAP_MAX, Jvm.PRETOUCH})
@State(Scope.Benchmark)
public class IdleCost {
    /** How long the view is left alone after each task: one second, or sparse use. */
    @Param({"1000000", "200"})
    public long pauseMicros;

    /** The view thread's CPU time, reported normalised to wall time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Cpu {
        /** Nanoseconds of view-thread CPU during the pauses, this iteration. */
        public long viewThreadCpuNanos;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            viewThreadCpuNanos = 0;
        }
    }

    /**
     * One task, then a pause whose view-thread CPU time is counted.
     *
     * @param s the view
     * @param cpu the counter
     * @throws IOException if the hand-over fails
     */
    @Benchmark
    public void idle(ViewState s, Cpu cpu) throws IOException {
        s.open.view().call(ctx -> null);
        Thread viewThread = s.open.viewThread();
        long before = ThreadCpu.nanos(viewThread);
        pause(pauseMicros * 1_000);
        cpu.viewThreadCpuNanos += ThreadCpu.nanos(viewThread) - before;
    }

    /** Sleeps this long at least, whatever wakes the thread early. */
    private static void pause(long nanos) {
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
