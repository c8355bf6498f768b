package dev.fsview.testkit.differential;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts, per kind of operation, how the reference side's outcomes came out (ok, skipped, or the
 * exception's simple name) over a run, so a report shows that the sequences reach both the success
 * and the error paths of every operation.
 */
public final class OperationStatistics {
    private final Map<String, Map<String, Integer>> counts = new TreeMap<>();
    private int sequences;

    /**
     * Counts the steps of one sequence.
     *
     * @param d the sequence's transcript
     */
    public synchronized void count(Differential d) {
        sequences++;
        for (Differential.Step step : d.steps()) {
            counts.computeIfAbsent(step.op().getClass().getSimpleName(), k -> new TreeMap<>())
                    .merge(step.reference().kind(), 1, Integer::sum);
        }
    }

    /**
     * Returns the counts.
     *
     * @return operation name to outcome kind to count, sorted
     */
    public synchronized Map<String, Map<String, Integer>> counts() {
        Map<String, Map<String, Integer>> copy = new TreeMap<>();
        counts.forEach((op, kinds) -> copy.put(op, Map.copyOf(kinds)));
        return copy;
    }

    /**
     * Prints the counts, one operation a line.
     *
     * @return e.g. {@code "Read: IOException 12, NoSuchFileException 80, ok 500"}
     */
    @Override
    public synchronized String toString() {
        StringBuilder b = new StringBuilder(sequences + " sequences, outcomes on the JDK side:");
        counts.forEach((op, kinds) -> {
            b.append("\n  ").append(op).append(':');
            kinds.forEach((kind, n) ->
                    b.append(' ').append(kind).append(' ').append(n).append(','));
            b.setLength(b.length() - 1);
        });
        return b.toString();
    }
}
