package dev.fsview.bench.report;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One benchmark result, reduced to what the report needs: which benchmark with which parameters,
 * its score, and for latency samples the percentiles and the whole distribution.
 *
 * @param benchmark the benchmark's class and method, e.g. {@code DispatchLatency.call}
 * @param params its parameters, plus {@code threads}
 * @param unit the score's unit as JMH prints it, e.g. {@code ns/op}
 * @param score the primary score (mean time, or operations per time unit)
 * @param percentiles for sampled latencies, percentile (0-100) to value; empty otherwise
 * @param secondary secondary results by label, e.g. {@code viewThreadCpuNanos}
 * @param distribution for sampled latencies, value to how many samples had it; empty otherwise
 */
public record Figure(
        String benchmark,
        Map<String, String> params,
        String unit,
        double score,
        NavigableMap<Double, Double> percentiles,
        Map<String, Double> secondary,
        NavigableMap<Double, Long> distribution) {

    /** Copies the maps, so a figure never changes. */
    public Figure {
        Objects.requireNonNull(benchmark, "benchmark");
        params = Map.copyOf(params);
        percentiles = Collections.unmodifiableNavigableMap(new TreeMap<>(percentiles));
        secondary = Map.copyOf(secondary);
        distribution = Collections.unmodifiableNavigableMap(new TreeMap<>(distribution));
    }

    /**
     * Returns whether this is the given benchmark with (at least) the given parameter values.
     *
     * @param name the benchmark, e.g. {@code DispatchLatency.call}
     * @param keyValues alternating parameter names and values
     * @return {@code true} if it matches
     */
    public boolean is(String name, String... keyValues) {
        if (!benchmark.equals(name)) {
            return false;
        }
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (!keyValues[i + 1].equals(params.get(keyValues[i]))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns a percentile of a sampled latency.
     *
     * @param p the percentile, e.g. {@code 99.9}
     * @return its value in the figure's time unit
     * @throws IllegalStateException if the figure has no such percentile
     */
    public double percentile(double p) {
        Double v = percentiles.get(p);
        if (v == null) {
            throw new IllegalStateException(benchmark + " " + params + " has no p" + p);
        }
        return v;
    }
}
