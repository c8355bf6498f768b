package dev.fsview.fake.vfs;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * What an open inspects before it opens an existing object (the view's
 * {@link dev.fsview.ViewOpenOption}s): the object found, under the same hold of the kernel's lock
 * as the open itself, so nothing can replace it in between, and before anything of the open's
 * own happens to it (a FIFO's or device's open, a truncation, loading a file's bytes). A file the
 * open creates is not inspected: it is new and regular.
 */
public final class OpenCheck {
    private final Predicate<Stat> allows;
    private Stat refused;

    /**
     * Creates a check.
     *
     * @param allows whether the object found may be opened
     */
    public OpenCheck(Predicate<Stat> allows) {
        this.allows = Objects.requireNonNull(allows, "allows");
    }

    /** Inspects the object found; remembers it when refused. */
    boolean inspect(Stat found) {
        if (allows.test(found)) {
            return true;
        }
        refused = found;
        return false;
    }

    /**
     * Returns what was refused.
     *
     * @return the stat of the object the open refused, or {@code null} if none was
     */
    public Stat refused() {
        return refused;
    }
}
