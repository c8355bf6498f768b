package dev.fsview.bench.report;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Hand-made figures and anchors for the report's tests. */
final class Sample {
    /** What the anchors script printed on this machine once (the Go build prints nothing). */
    static final String ANCHORS_OUTPUT = "spin roundtrip_ns=158\n"
            + "futex roundtrip_ns=11123\n"
            + "statfloor syscall_ns=1200 host_stat_ns=2000 contained_stat_ns=6000\n"
            + "smallfilefloor host_ns=25000 contained_ns=37500\n"
            + "go dispatch_roundtrip mean_ns=17008 p50_ns=16431 p99_ns=29598\n"
            + "go stat_via_view mean_ns=18175\n"
            + "go open_close_view mean_us=178 mounts=1\n";

    static final Anchors ANCHORS = Anchors.parse(ANCHORS_OUTPUT);

    private Sample() {}

    static Map<String, String> params(String... keyValues) {
        Map<String, String> p = new HashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    /** A sampled latency in ns with the given p50, p99 and p99.9, and a matching distribution. */
    static Figure latency(String bench, double p50, double p99, double p999, String... kv) {
        TreeMap<Double, Double> pct =
                new TreeMap<>(Map.of(50.0, p50, 90.0, p50, 99.0, p99, 99.9, p999, 99.99, p999));
        TreeMap<Double, Long> dist = new TreeMap<>();
        dist.merge(p50, 9_000L, Long::sum);
        dist.merge(p99, 900L, Long::sum);
        dist.merge(p999, 100L, Long::sum);
        return new Figure(bench, params(kv), "ns/op", p50, pct, Map.of(), dist);
    }

    /** A mean time or a rate. */
    static Figure score(String bench, double score, String unit, String... kv) {
        return new Figure(
                bench, params(kv), unit, score, new TreeMap<>(), Map.of(), new TreeMap<>());
    }

    /** An idle-cost figure after one idle second: view thread CPU nanoseconds per second. */
    static Figure idle(double cpuNanosPerSecond, String... kv) {
        Map<String, String> p = params(kv);
        p.put("pauseMicros", Profile.IDLE_SECOND);
        return new Figure(
                "IdleCost.idle",
                p,
                "ops/s",
                1,
                new TreeMap<>(),
                Map.of("viewThreadCpuNanos", cpuNanosPerSecond),
                new TreeMap<>());
    }
}
