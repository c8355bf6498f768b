package dev.fsview.testkit.property;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A generated value together with the simpler values a failing check may be retried with. The
 * candidates are computed only when asked for, and each is itself shrinkable, so a shrinker can
 * walk down as far as the failure allows. Every candidate must be strictly simpler than the value
 * it comes from (shorter, an earlier choice, closer to a bound): that is what makes shrinking to a
 * fixpoint end.
 *
 * @param <T> the type of the value
 */
public final class Shrinkable<T> {
    private final T value;
    private final Supplier<List<Shrinkable<T>>> simpler;

    private Shrinkable(T value, Supplier<List<Shrinkable<T>>> simpler) {
        this.value = value;
        this.simpler = simpler;
    }

    /**
     * A value with simpler candidates.
     *
     * @param value the value
     * @param simpler computes the candidates, simplest first
     * @param <T> the type of the value
     * @return the shrinkable
     */
    public static <T> Shrinkable<T> of(T value, Supplier<List<Shrinkable<T>>> simpler) {
        return new Shrinkable<>(value, simpler);
    }

    /**
     * A value nothing is simpler than.
     *
     * @param value the value
     * @param <T> the type of the value
     * @return the shrinkable
     */
    public static <T> Shrinkable<T> unshrinkable(T value) {
        return new Shrinkable<>(value, List::of);
    }

    /**
     * Returns the value.
     *
     * @return the value
     */
    public T value() {
        return value;
    }

    /**
     * Computes the simpler candidates.
     *
     * @return the candidates, simplest first; empty if there are none
     */
    public List<Shrinkable<T>> simpler() {
        return simpler.get();
    }

    /**
     * Maps the value and, lazily, every candidate.
     *
     * @param f the mapping
     * @param <U> the type of the mapped value
     * @return the mapped shrinkable
     */
    public <U> Shrinkable<U> map(Function<? super T, ? extends U> f) {
        return new Shrinkable<U>(f.apply(value), () -> {
            List<Shrinkable<U>> out = new ArrayList<>();
            for (Shrinkable<T> s : simpler.get()) {
                out.add(s.map(f));
            }
            return out;
        });
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
