package dev.fsview.testkit.property;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Generates random values from a {@link SplittableRandom}, each with the simpler values it
 * shrinks to (a {@link Shrinkable}). Generation is deterministic: the same random state gives the
 * same value, so a seed reproduces a run. Built from a few primitives — choices from a list,
 * numbers in a range, lists — and combinators, each of which shrinks its parts.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface Gen<T> {
    /**
     * Generates one value.
     *
     * @param random the source of randomness, advanced by the call
     * @return the value and how it shrinks
     */
    Shrinkable<T> next(SplittableRandom random);

    /**
     * Maps every value (shrinking maps along).
     *
     * @param f the mapping
     * @param <U> the type of the mapped values
     * @return the mapped generator
     */
    default <U> Gen<U> map(Function<? super T, ? extends U> f) {
        return random -> next(random).map(f);
    }

    /**
     * Always the same value.
     *
     * @param value the value
     * @param <T> its type
     * @return the generator
     */
    static <T> Gen<T> constant(T value) {
        return random -> Shrinkable.unshrinkable(value);
    }

    /**
     * One of some values, equally likely; shrinks toward the first.
     *
     * @param values the values, simplest first; at least one
     * @param <T> their type
     * @return the generator
     */
    static <T> Gen<T> elements(List<T> values) {
        List<T> copy = List.copyOf(values);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("elements() needs at least one value");
        }
        return random -> Candidates.integral(random.nextInt(copy.size()), 0)
                .map(i -> copy.get(i.intValue()));
    }

    /**
     * One of some values, equally likely; shrinks toward the first.
     *
     * @param values the values, simplest first; at least one
     * @param <T> their type
     * @return the generator
     */
    @SafeVarargs
    static <T> Gen<T> elements(T... values) {
        return elements(List.of(values));
    }

    /**
     * {@code false} or {@code true}; shrinks to {@code false}.
     *
     * @return the generator
     */
    static Gen<Boolean> booleans() {
        return elements(false, true);
    }

    /**
     * Whole numbers in a range, uniformly; shrinks toward {@code min}.
     *
     * @param min the smallest, inclusive
     * @param max the largest, inclusive
     * @return the generator
     */
    static Gen<Integer> integers(int min, int max) {
        return longs(min, max).map(Long::intValue);
    }

    /**
     * Whole numbers in a range, uniformly; shrinks toward {@code min}.
     *
     * @param min the smallest, inclusive
     * @param max the largest, inclusive; below {@code Long.MAX_VALUE}
     * @return the generator
     */
    static Gen<Long> longs(long min, long max) {
        if (min > max || max == Long.MAX_VALUE) {
            throw new IllegalArgumentException("no whole numbers in [" + min + ", " + max + "]");
        }
        return random -> Candidates.integral(random.nextLong(min, max + 1), min);
    }

    /**
     * Lists of a length in a range (uniformly), of independent elements; shrinks by removing
     * chunks and single elements, then by simplifying elements.
     *
     * @param element the elements' generator
     * @param minSize the shortest, at least 0
     * @param maxSize the longest
     * @param <T> the type of the elements
     * @return the generator
     */
    static <T> Gen<List<T>> lists(Gen<T> element, int minSize, int maxSize) {
        if (minSize < 0 || minSize > maxSize) {
            throw new IllegalArgumentException(
                    "no list length in [" + minSize + ", " + maxSize + "]");
        }
        return random -> {
            int size = random.nextInt(minSize, maxSize + 1);
            List<Shrinkable<T>> elements = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                elements.add(element.next(random));
            }
            return Candidates.list(elements, minSize);
        };
    }

    /**
     * Strings of characters from an alphabet, up to a length; shrink toward shorter strings of
     * the alphabet's first characters.
     *
     * @param alphabet the characters, simplest first
     * @param maxLength the longest
     * @return the generator
     */
    static Gen<String> strings(String alphabet, int maxLength) {
        List<Character> chars = new ArrayList<>();
        for (char c : alphabet.toCharArray()) {
            chars.add(c);
        }
        return lists(elements(chars), 0, maxLength).map(list -> {
            StringBuilder b = new StringBuilder(list.size());
            list.forEach(b::append);
            return b.toString();
        });
    }

    /**
     * A value of one of some generators, each equally likely; shrinks within the one chosen.
     *
     * @param gens the generators
     * @param <T> the type of the values
     * @return the generator
     */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Weighted<T>> choices = new ArrayList<>();
        for (Gen<? extends T> g : gens) {
            choices.add(new Weighted<>(1, g));
        }
        return frequency(choices);
    }

    /**
     * A generator and how often it is chosen (see {@link #frequency}).
     *
     * @param weight relative frequency, at least 1
     * @param gen the generator
     * @param <T> the type of the values
     */
    record Weighted<T>(int weight, Gen<? extends T> gen) {
        /**
         * Checks the weight.
         *
         * @param weight relative frequency, at least 1
         * @param gen the generator
         */
        public Weighted {
            if (weight < 1) {
                throw new IllegalArgumentException("a weight must be at least 1, was " + weight);
            }
        }
    }

    /**
     * A generator with a weight, for {@link #frequency}.
     *
     * @param weight relative frequency, at least 1
     * @param gen the generator
     * @param <T> the type of the values
     * @return the pair
     */
    static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /**
     * A value of one of some generators, chosen with their weights; shrinks within the one chosen.
     *
     * @param choices the generators and their weights
     * @param <T> the type of the values
     * @return the generator
     */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        return frequency(List.of(choices));
    }

    /**
     * A value of one of some generators, chosen with their weights; shrinks within the one chosen.
     *
     * @param choices the generators and their weights; at least one
     * @param <T> the type of the values
     * @return the generator
     */
    static <T> Gen<T> frequency(List<? extends Weighted<? extends T>> choices) {
        List<Weighted<? extends T>> copy = List.copyOf(choices);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("frequency() needs at least one choice");
        }
        int total = copy.stream().mapToInt(Weighted::weight).sum();
        return random -> {
            int pick = random.nextInt(total);
            for (Weighted<? extends T> w : copy) {
                pick -= w.weight();
                if (pick < 0) {
                    return w.gen().next(random).<T>map(v -> v);
                }
            }
            throw new AssertionError("weights add up to " + total);
        };
    }

    /**
     * Values made of two independent parts; shrinks one part at a time.
     *
     * @param a the first part
     * @param b the second part
     * @param f makes the value
     * @param <A> the first part's type
     * @param <B> the second part's type
     * @param <R> the value's type
     * @return the generator
     */
    @SuppressWarnings("unchecked")
    static <A, B, R> Gen<R> combine(Gen<A> a, Gen<B> b, BiFunction<A, B, R> f) {
        return random -> Candidates.combined(
                List.of(a.next(random), b.next(random)), v -> f.apply((A) v.get(0), (B) v.get(1)));
    }

    /**
     * Values made of three independent parts; shrinks one part at a time.
     *
     * @param a the first part
     * @param b the second part
     * @param c the third part
     * @param f makes the value
     * @param <A> the first part's type
     * @param <B> the second part's type
     * @param <C> the third part's type
     * @param <R> the value's type
     * @return the generator
     */
    @SuppressWarnings("unchecked")
    static <A, B, C, R> Gen<R> combine(Gen<A> a, Gen<B> b, Gen<C> c, Function3<A, B, C, R> f) {
        return random -> Candidates.combined(
                List.of(a.next(random), b.next(random), c.next(random)),
                v -> f.apply((A) v.get(0), (B) v.get(1), (C) v.get(2)));
    }

    /**
     * Makes a value of three parts.
     *
     * @param <A> the first part's type
     * @param <B> the second part's type
     * @param <C> the third part's type
     * @param <R> the value's type
     */
    @FunctionalInterface
    interface Function3<A, B, C, R> {
        /**
         * Makes the value.
         *
         * @param a the first part
         * @param b the second part
         * @param c the third part
         * @return the value
         */
        R apply(A a, B b, C c);
    }
}
