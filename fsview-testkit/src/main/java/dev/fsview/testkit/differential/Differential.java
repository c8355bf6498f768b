package dev.fsview.testkit.differential;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs a sequence on the reference and on a view, operation by operation, and compares what
 * each reported. Stops at the first difference.
 */
public final class Differential {
    /** One operation and what each side made of it. */
    public record Step(NioOp op, Outcome reference, Outcome view) {
        /**
         * Returns whether both sides agree.
         *
         * @return {@code true} if the outcomes are equal
         */
        public boolean agrees() {
            return reference.equals(view);
        }
    }

    private final List<Step> steps = new ArrayList<>();

    private Differential() {}

    /**
     * Runs a sequence on both sides.
     *
     * @param ops the operations
     * @param reference the JDK on a plain directory
     * @param view the view
     * @param guard says which operations would leave the reference tree (run on neither side)
     * @return the transcript
     * @throws IOException if the guard cannot inspect the reference tree
     */
    static Differential run(List<NioOp> ops, Side reference, Side view, EscapeGuard guard)
            throws IOException {
        return run(ops, reference, view, guard, Callable::call);
    }

    /** Where the reference's calls run (the thread of the private mount namespace, or here). */
    @FunctionalInterface
    interface OnReference {
        <T> T call(Callable<T> task) throws Exception;
    }

    static Differential run(
            List<NioOp> ops, Side reference, Side view, EscapeGuard guard, OnReference on)
            throws IOException {
        Differential d = new Differential();
        for (NioOp op : ops) {
            boolean escapes;
            Outcome ref;
            try {
                escapes = on.call(() -> guard.escapes(op));
                ref = escapes ? Outcome.SKIPPED : on.call(() -> Outcome.of(op, reference));
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
            Step step = escapes
                    ? new Step(op, Outcome.SKIPPED, Outcome.SKIPPED)
                    : new Step(op, ref, Outcome.of(op, view));
            d.steps.add(step);
            if (!step.agrees()) {
                break;
            }
        }
        return d;
    }

    /**
     * The transcript of a sequence whose mount setup the kernel refuses: one step, the open.
     *
     * @param ops the sequence (it starts with its mounts)
     * @param reference how the kernel refused the mount on the reference
     * @param view how the view's open failed
     * @return the transcript
     */
    static Differential ofOpen(List<NioOp> ops, String reference, String view) {
        Differential d = new Differential();
        NioOp first =
                ops.stream().filter(op -> op instanceof NioOp.Mount).findFirst().orElseThrow();
        d.steps.add(new Step(first, Outcome.reported(reference), Outcome.reported(view)));
        return d;
    }

    /**
     * Returns whether every operation had the same outcome on both sides.
     *
     * @return {@code true} if the sides agree
     */
    public boolean agrees() {
        return steps.isEmpty() || steps.get(steps.size() - 1).agrees();
    }

    /**
     * Returns the steps run.
     *
     * @return the transcript, up to and including the first difference
     */
    public List<Step> steps() {
        return List.copyOf(steps);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            b.append(String.format("%2d %s%n", i + 1, s.op()));
            if (s.agrees()) {
                b.append("     both: ").append(s.reference()).append('\n');
            } else {
                b.append("     JDK:  ").append(s.reference()).append('\n');
                b.append("     view: ").append(s.view()).append("   <== differs\n");
            }
        }
        return Sequences.abbreviate(b.toString());
    }
}
