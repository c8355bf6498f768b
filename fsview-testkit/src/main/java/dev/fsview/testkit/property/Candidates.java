package dev.fsview.testkit.property;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** How the generators' values shrink: numbers toward a bound, lists by delta debugging. */
final class Candidates {
    private Candidates() {}

    /**
     * A whole number that shrinks toward {@code target}: first the target itself, then values
     * halving the distance, then one step closer.
     */
    static Shrinkable<Long> integral(long value, long target) {
        return Shrinkable.of(value, () -> {
            List<Shrinkable<Long>> out = new ArrayList<>();
            for (long c : towards(value, target)) {
                out.add(integral(c, target));
            }
            return out;
        });
    }

    /** The values strictly between {@code value} and {@code target}, and the target: simplest first. */
    static List<Long> towards(long value, long target) {
        List<Long> out = new ArrayList<>();
        long distance = value - target;
        for (long d = distance; d != 0; d /= 2) {
            out.add(value - d);
        }
        return out;
    }

    /**
     * A list that shrinks by delta debugging: chunks of half its length removed, then quarters,
     * down to single elements (never below {@code minSize}); then each element simplified in place.
     */
    static <T> Shrinkable<List<T>> list(List<Shrinkable<T>> elements, int minSize) {
        List<T> value = new ArrayList<>(elements.size());
        for (Shrinkable<T> e : elements) {
            value.add(e.value());
        }
        return Shrinkable.of(List.copyOf(value), () -> {
            List<Shrinkable<List<T>>> out = new ArrayList<>();
            for (List<Shrinkable<T>> shorter : removals(elements, minSize)) {
                out.add(list(shorter, minSize));
            }
            for (int i = 0; i < elements.size(); i++) {
                for (Shrinkable<T> simpler : elements.get(i).simpler()) {
                    List<Shrinkable<T>> replaced = new ArrayList<>(elements);
                    replaced.set(i, simpler);
                    out.add(list(replaced, minSize));
                }
            }
            return out;
        });
    }

    /** The list with one chunk removed, for chunk sizes n/2, n/4, ..., 1 at every position. */
    static <T> List<List<T>> removals(List<T> elements, int minSize) {
        List<List<T>> out = new ArrayList<>();
        int n = elements.size();
        for (int chunk = Math.max(1, n / 2); ; chunk /= 2) {
            for (int start = 0; start < n; start += chunk) {
                int end = Math.min(n, start + chunk);
                if (n - (end - start) >= minSize) {
                    List<T> shorter = new ArrayList<>(elements.subList(0, start));
                    shorter.addAll(elements.subList(end, n));
                    out.add(shorter);
                }
            }
            if (chunk == 1) {
                return out;
            }
        }
    }

    /**
     * Values combined from parts: shrinks one part at a time, the others kept.
     *
     * @param parts the parts' shrinkables
     * @param combine makes the value from the parts' values
     */
    static <R> Shrinkable<R> combined(List<Shrinkable<?>> parts, Function<List<?>, R> combine) {
        List<Object> values = new ArrayList<>(parts.size());
        for (Shrinkable<?> p : parts) {
            values.add(p.value());
        }
        return Shrinkable.of(combine.apply(values), () -> {
            List<Shrinkable<R>> out = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                for (Shrinkable<?> simpler : parts.get(i).simpler()) {
                    List<Shrinkable<?>> replaced = new ArrayList<>(parts);
                    replaced.set(i, simpler);
                    out.add(combined(replaced, combine));
                }
            }
            return out;
        });
    }
}
