package dev.fsview.bench.report;

import dev.fsview.bench.fixture.Jvm;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JMH run of a profile: which benchmarks, with which parameter values, and how long to warm up
 * and measure. One fork each: a profile trades precision for a run that fits in minutes.
 *
 * @param title what it measures, for progress lines
 * @param include a regular expression over benchmark names
 * @param params parameter values to run, overriding the benchmarks' own
 * @param warmups warm-up iterations
 * @param iterations measured iterations
 * @param iterationMillis length of each iteration
 */
public record Step(
        String title,
        String include,
        Map<String, String[]> params,
        int warmups,
        int iterations,
        long iterationMillis) {

    /** Copies the parameters, keeping their order. */
    public Step {
        params = new LinkedHashMap<>(params);
    }

    /**
     * Returns JMH options for this step.
     *
     * @return options; the caller adds output settings
     */
    public ChainedOptionsBuilder options() {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.milliseconds(iterationMillis))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.milliseconds(iterationMillis))
                .jvmArgsAppend(Jvm.args())
                .shouldFailOnError(false);
        params.forEach(o::param);
        return o;
    }

    /**
     * How many forks (parameter combinations) the step runs.
     *
     * @param methods how many benchmark methods the include matches
     * @return the number of forks
     */
    public int forks(int methods) {
        int n = methods;
        for (String[] values : params.values()) {
            n *= values.length;
        }
        return n;
    }
}
