package dev.fsview.testkit.support;

import dev.fsview.testkit.HostFixture;
import dev.fsview.testkit.HostFixture.Leaks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares what a view could leave behind (mounts, open files, view threads) before and after a
 * test. A view thread may take a moment to end after {@code close()} returned on some backends, and
 * a descriptor may be closed by another thread an instant later, so the comparison is repeated
 * for a short grace period before it fails.
 */
public final class LeakCheck {
    /** How long leaks get to go away on their own. */
    public static final Duration GRACE = Duration.ofSeconds(5);

    private LeakCheck() {}

    /**
     * Fails unless the host comes back to the state of {@code before} within the grace period.
     *
     * @param host the host
     * @param before the snapshot taken before the test
     * @param what what ran in between, for the message
     */
    public static void assertNothingLeft(HostFixture host, Leaks before, String what) {
        List<String> found = new ArrayList<>();
        boolean clean = Await.until(GRACE, () -> {
            found.clear();
            found.addAll(differences(before, host.leaks()));
            return found.isEmpty();
        });
        if (!clean) {
            throw new AssertionError(
                    what + " left something behind:\n  " + String.join("\n  ", found));
        }
    }

    /**
     * Describes what is in {@code after} and not in {@code before}, and the reverse for mounts
     * (a mount that disappeared from the host is as wrong as one that appeared).
     *
     * @param before the earlier snapshot
     * @param after the later snapshot
     * @return one line per difference; empty if none
     */
    public static List<String> differences(Leaks before, Leaks after) {
        List<String> out = new ArrayList<>();
        for (String m : extra(after.mounts(), before.mounts())) {
            out.add("mount left on the host: " + m);
        }
        for (String m : extra(before.mounts(), after.mounts())) {
            out.add("host mount gone: " + m);
        }
        for (String f : extra(after.openFiles(), before.openFiles())) {
            out.add("file descriptor left open: " + f);
        }
        for (String t : extra(after.viewThreads(), before.viewThreads())) {
            out.add("view thread still alive: " + t);
        }
        return out;
    }

    /** The entries of {@code a} beyond those of {@code b}, counting duplicates. */
    private static List<String> extra(List<String> a, List<String> b) {
        Map<String, Integer> budget = new HashMap<>();
        for (String s : b) {
            budget.merge(s, 1, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        for (String s : a) {
            if (budget.merge(s, -1, Integer::sum) < 0) {
                out.add(s);
            }
        }
        return out;
    }
}
