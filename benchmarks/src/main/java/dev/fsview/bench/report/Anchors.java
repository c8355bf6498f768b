package dev.fsview.bench.report;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The reference figures the anchors script prints ({@code benchmarks/anchors/run.sh}), one line
 * per figure, {@code name key=value ...}: the seed's design rebuilt in Go ({@code go ...}), the
 * machine's cross-thread floor ({@code spin ...}, {@code futex ...}), and the kernel's cost of a
 * contained {@code stat} and of a contained small-file cycle against the host's
 * ({@code statfloor ...}, {@code smallfilefloor ...}).
 */
public final class Anchors {
    private final Map<String, Double> values;

    private Anchors(Map<String, Double> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * Parses the script's output. Lines that are not {@code name key=value ...} (build chatter)
     * are skipped; each value is stored as {@code name.key}, e.g.
     * {@code go dispatch_roundtrip.p50_ns}.
     *
     * @param output everything the script printed
     * @return the figures found
     */
    public static Anchors parse(String output) {
        Map<String, Double> values = new HashMap<>();
        for (String line : output.split("\n")) {
            StringBuilder name = new StringBuilder();
            Map<String, Double> pairs = new HashMap<>();
            for (String token : line.trim().split("\\s+")) {
                int eq = token.indexOf('=');
                if (eq < 0) {
                    if (!pairs.isEmpty()) {
                        pairs.clear();
                        break;
                    }
                    name.append(name.length() == 0 ? "" : " ").append(token);
                } else {
                    try {
                        pairs.put(
                                token.substring(0, eq),
                                Double.parseDouble(token.substring(eq + 1)));
                    } catch (NumberFormatException e) {
                        pairs.clear();
                        break;
                    }
                }
            }
            if (name.length() > 0) {
                pairs.forEach((k, v) -> values.put(name + "." + k, v));
            }
        }
        return new Anchors(values);
    }

    /**
     * The same figures with one set (added, or replacing the one parsed).
     *
     * @param key e.g. {@code go open_close_view.mean_us}
     * @param value its value
     * @return a copy holding it
     */
    public Anchors with(String key, double value) {
        Map<String, Double> copy = new HashMap<>(values);
        copy.put(key, value);
        return new Anchors(copy);
    }

    /**
     * Returns one figure.
     *
     * @param key e.g. {@code spin.roundtrip_ns}
     * @return the value, or empty if the output did not have it
     */
    public OptionalDouble get(String key) {
        Double v = values.get(key);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /**
     * Returns one figure that must be there.
     *
     * @param key e.g. {@code spin.roundtrip_ns}
     * @return the value
     * @throws IllegalStateException naming the key if the output did not have it
     */
    public double require(String key) {
        return get(key).orElseThrow(() -> new IllegalStateException(
                "the anchors' output has no '" + key + "'; has " + values.keySet()));
    }

    /** @return the spin (cache line) round trip, ns */
    public double spinFloorNs() {
        return require("spin.roundtrip_ns");
    }

    /** @return the futex sleep/wake round trip, ns */
    public double futexFloorNs() {
        return require("futex.roundtrip_ns");
    }

    /** @return the Go view's dispatch round trip, median, ns */
    public double goDispatchP50Ns() {
        return require("go dispatch_roundtrip.p50_ns");
    }

    /** @return the Go view's dispatch round trip, 99th percentile, ns */
    public double goDispatchP99Ns() {
        return require("go dispatch_roundtrip.p99_ns");
    }

    /** @return the Go view's dispatch round trip, mean of back-to-back calls, ns */
    public double goDispatchMeanNs() {
        return require("go dispatch_roundtrip.mean_ns");
    }

    /** @return the Go view's lstat through the view, mean, ns */
    public double goStatNs() {
        return require("go stat_via_view.mean_ns");
    }

    /** @return the Go view's open and close with one read-only bind mount, mean, µs */
    public double goOpenCloseUs() {
        return require("go open_close_view.mean_us");
    }
}
