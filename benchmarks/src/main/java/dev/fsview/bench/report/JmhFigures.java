package dev.fsview.bench.report;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reduces JMH's run results to {@link Figure}s. */
public final class JmhFigures {
    /** The percentiles kept for sampled latencies. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    private JmhFigures() {}

    /**
     * Converts run results.
     *
     * @param runs what JMH returned
     * @return one figure per run, in order
     */
    public static Results from(Collection<RunResult> runs) {
        List<Figure> figures = new ArrayList<>();
        for (RunResult run : runs) {
            figures.add(figure(run));
        }
        return new Results(figures);
    }

    static Figure figure(RunResult run) {
        BenchmarkParams p = run.getParams();
        Map<String, String> params = new LinkedHashMap<>();
        for (String key : p.getParamsKeys()) {
            params.put(key, p.getParam(key));
        }
        params.put("threads", Integer.toString(p.getThreads()));
        Result<?> primary = run.getPrimaryResult();
        Statistics stats = primary.getStatistics();
        TreeMap<Double, Double> percentiles = new TreeMap<>();
        TreeMap<Double, Long> distribution = new TreeMap<>();
        if (p.getMode() == Mode.SampleTime) {
            for (double q : PERCENTILES) {
                percentiles.put(q, stats.getPercentile(q));
            }
            Iterator<Map.Entry<Double, Long>> raw = stats.getRawData();
            while (raw.hasNext()) {
                Map.Entry<Double, Long> e = raw.next();
                distribution.merge(e.getKey(), e.getValue(), Long::sum);
            }
        }
        Map<String, Double> secondary = new LinkedHashMap<>();
        run.getSecondaryResults().forEach((label, r) -> secondary.put(label, r.getScore()));
        return new Figure(
                shortName(p.getBenchmark()),
                params,
                primary.getScoreUnit(),
                primary.getScore(),
                percentiles,
                secondary,
                distribution);
    }

    /**
     * The class and method of a benchmark's full name.
     *
     * @param benchmark e.g. {@code dev.fsview.bench.dispatch.DispatchLatency.call}
     * @return e.g. {@code DispatchLatency.call}
     */
    static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }
}
