package dev.fsview.testkit.differential;

import java.nio.file.FileSystemException;

/** What one operation did on one side, in tree terms: its report, or what it threw. */
public final class Outcome {
    /** The outcome of an operation that was not run on either side (see {@link EscapeGuard}). */
    public static final Outcome SKIPPED = new Outcome("skipped: would leave the reference tree");

    private final String text;

    private Outcome(String text) {
        this.text = text;
    }

    /**
     * An outcome reported as text (a view's open, say).
     *
     * @param text what happened, in tree terms
     * @return the outcome
     */
    static Outcome reported(String text) {
        return new Outcome(text);
    }

    /**
     * Runs an operation on a side and records what happened.
     *
     * @param op the operation
     * @param side the side
     * @return its outcome
     */
    public static Outcome of(NioOp op, Side side) {
        try {
            return new Outcome("ok " + side.normalize(op.run(side)));
        } catch (Exception e) {
            return new Outcome(describe(e, side));
        }
    }

    /**
     * Describes an exception: its type, and for a {@link FileSystemException} its file, other
     * file and reason (each in tree terms); for anything else, its message.
     */
    static String describe(Exception e, Side side) {
        String type = e.getClass().getName();
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            return type + "(file " + normalize(f.getFile(), side) + ", other "
                    + normalize(f.getOtherFile(), side) + ", reason " + f.getReason() + ")";
        }
        return type + "(" + normalize(e.getMessage(), side) + ")";
    }

    private static String normalize(String s, Side side) {
        return s == null ? "null" : side.normalize(s);
    }

    /**
     * Says what kind of outcome this is, for statistics.
     *
     * @return {@code "ok"}, {@code "skipped"} or the simple name of the exception thrown
     */
    public String kind() {
        if (text.startsWith("ok ")) {
            return "ok";
        }
        if (this == SKIPPED) {
            return "skipped";
        }
        int paren = text.indexOf('(');
        if (paren < 0) {
            return text.startsWith("open fails") ? "MountStepException" : "reported";
        }
        String type = text.substring(0, paren);
        return type.substring(type.lastIndexOf('.') + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Outcome && ((Outcome) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
