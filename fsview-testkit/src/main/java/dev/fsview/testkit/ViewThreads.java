package dev.fsview.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * The live threads that belong to views: by convention a view's thread is named
 * {@code fsview-view-<backend>-<n>}. Host fixtures list them in {@link HostFixture#leaks()}.
 */
public final class ViewThreads {
    /** The prefix every view thread's name starts with. */
    public static final String PREFIX = "fsview-view-";

    private ViewThreads() {}

    /**
     * Lists the live view threads.
     *
     * @return their names, sorted
     */
    public static List<String> live() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(PREFIX)) {
                names.add(t.getName());
            }
        }
        names.sort(null);
        return names;
    }
}
