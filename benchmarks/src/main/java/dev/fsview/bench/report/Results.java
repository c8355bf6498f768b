package dev.fsview.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The figures of one profile run, searchable by benchmark and parameters. */
public final class Results {
    private final List<Figure> figures;

    /**
     * Wraps figures.
     *
     * @param figures the figures, in run order
     */
    public Results(List<Figure> figures) {
        this.figures = List.copyOf(figures);
    }

    /**
     * Returns every figure.
     *
     * @return in run order
     */
    public List<Figure> all() {
        return figures;
    }

    /**
     * Finds the figure of a benchmark with the given parameter values.
     *
     * @param benchmark e.g. {@code DispatchLatency.call}
     * @param keyValues alternating parameter names and values
     * @return the first figure that matches, if any
     */
    public Optional<Figure> find(String benchmark, String... keyValues) {
        return figures.stream().filter(f -> f.is(benchmark, keyValues)).findFirst();
    }

    /**
     * Returns the distinct values a parameter took in the figures of a benchmark, in run order.
     *
     * @param benchmark e.g. {@code DispatchLatency.call}
     * @param param the parameter
     * @return its values
     */
    public List<String> values(String benchmark, String param) {
        List<String> seen = new ArrayList<>();
        for (Figure f : figures) {
            String v = f.params().get(param);
            if (f.benchmark().equals(benchmark) && v != null && !seen.contains(v)) {
                seen.add(v);
            }
        }
        return seen;
    }

    @Override
    public String toString() {
        return Arrays.toString(figures.toArray());
    }
}
