package dev.fsview.bench.report;

/**
 * Whether one of the targets was met in a run, and by how much.
 *
 * @param target what was required, e.g. {@code linux dispatch p50 <= Go p50 / 10}
 * @param outcome met, missed, or not measurable in this run
 * @param detail the figures compared and the margin, e.g. {@code 850 ns vs limit 1.64 µs (1.9× under)}
 */
public record Verdict(String target, Outcome outcome, String detail) {
    /** The outcome of a target. */
    public enum Outcome {
        /** Met. */
        PASS,
        /** Missed. */
        FAIL,
        /** Not measured in this run (backend unavailable, benchmark failed). */
        N_A;

        @Override
        public String toString() {
            return this == N_A ? "n/a" : name();
        }
    }

    /**
     * Compares a figure to an upper limit.
     *
     * @param target the target's wording
     * @param value the measured value
     * @param limit the most it may be
     * @param strict whether it must be strictly below
     * @param describe how to print both
     * @return PASS or FAIL, with both figures and the margin
     */
    static Verdict atMost(
            String target,
            double value,
            double limit,
            boolean strict,
            java.util.function.DoubleFunction<String> describe) {
        boolean ok = strict ? value < limit : value <= limit;
        String margin = value <= limit
                ? Units.ratio(limit / value) + " under"
                : Units.ratio(value / limit) + " over";
        return new Verdict(
                target,
                ok ? Outcome.PASS : Outcome.FAIL,
                describe.apply(value) + " vs limit " + describe.apply(limit) + " (" + margin + ")");
    }

    /**
     * A target this run could not measure.
     *
     * @param target the target's wording
     * @param why what was missing
     * @return an n/a verdict
     */
    static Verdict notMeasured(String target, String why) {
        return new Verdict(target, Outcome.N_A, why);
    }
}
