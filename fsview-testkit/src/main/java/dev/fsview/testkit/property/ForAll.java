package dev.fsview.testkit.property;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Runs a {@link Property} over generated values: a number of tries from a seed, and on the first
 * failure shrinks the value and throws a {@link PropertyFailure} that prints the seed reproducing
 * it, the minimal failing value and its failure.
 *
 * <p>Try {@code i} is generated from seed {@code s(i)}: {@code s(0)} is the run's seed and each
 * next seed is derived from the one before. So a run started from the seed of a failing try
 * replays that try first, then the ones after it.
 *
 * <pre>{@code
 * ForAll.of(Gen.lists(Gen.integers(0, 9), 0, 5))
 *         .tries(Knobs.tries(1000)).seed(Knobs.seed())
 *         .check(list -> assertThat(sorted(sorted(list))).isEqualTo(sorted(list)));
 * }</pre>
 *
 * @param <T> the type of the values
 */
public final class ForAll<T> {
    /** How many candidates shrinking checks unless told otherwise. */
    public static final int SHRINK_ATTEMPTS = 2_000;

    private final Gen<T> gen;
    private int tries = 100;
    private long seed = new SplittableRandom().nextLong();
    private int shrinkAttempts = SHRINK_ATTEMPTS;
    private Function<? super T, String> describe = String::valueOf;

    private ForAll(Gen<T> gen) {
        this.gen = gen;
    }

    /**
     * Starts a run over a generator's values (100 tries from a random seed unless told otherwise).
     *
     * @param gen the generator
     * @param <T> the type of the values
     * @return the run, to configure and {@link #check}
     */
    public static <T> ForAll<T> of(Gen<T> gen) {
        return new ForAll<>(gen);
    }

    /**
     * Sets how many values to generate.
     *
     * @param n at least 1
     * @return this run
     */
    public ForAll<T> tries(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("at least one try, not " + n);
        }
        this.tries = n;
        return this;
    }

    /**
     * Sets the seed of the first try.
     *
     * @param s the seed
     * @return this run
     */
    public ForAll<T> seed(long s) {
        this.seed = s;
        return this;
    }

    /**
     * Sets how many candidates shrinking may check.
     *
     * @param n at least 0 (0: report the failing value as generated)
     * @return this run
     */
    public ForAll<T> shrinkAttempts(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("shrink attempts cannot be negative: " + n);
        }
        this.shrinkAttempts = n;
        return this;
    }

    /**
     * Sets how a failing value is printed.
     *
     * @param describer makes a readable text of a value
     * @return this run
     */
    public ForAll<T> describedBy(Function<? super T, String> describer) {
        this.describe = describer;
        return this;
    }

    /**
     * Returns the seed of the first try.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Checks the property on every try.
     *
     * @param property the check
     * @throws PropertyFailure on the first value that fails, after shrinking it
     */
    public void check(Property<? super T> property) {
        long trySeed = seed;
        for (int i = 0; i < tries; i++) {
            Shrinkable<T> value = gen.next(new SplittableRandom(trySeed));
            Throwable failure = Shrinker.failureOf(property, value.value());
            if (failure != null) {
                Shrinker.Shrunk<T> shrunk =
                        Shrinker.shrink(value, failure, property, shrinkAttempts);
                throw new PropertyFailure(
                        message(i, trySeed, value.value(), shrunk),
                        trySeed,
                        i + 1,
                        value.value(),
                        shrunk.value(),
                        shrunk.failure(),
                        failure);
            }
            trySeed = next(trySeed);
        }
    }

    /** The seed of the try after the one generated from {@code seed}. */
    static long next(long seed) {
        return new SplittableRandom(seed).split().nextLong();
    }

    private String message(int index, long trySeed, T original, Shrinker.Shrunk<T> shrunk) {
        String how = shrunk.minimal()
                ? "minimal: no simpler value fails the same way"
                : "perhaps not minimal: shrinking stopped after " + shrunk.attempts()
                        + " candidates";
        return "property failed on try " + (index + 1) + " of " + tries + "\n"
                + "  seed: -D" + Knobs.SEED + "=" + trySeed + " generates this value first"
                + (index == 0 ? "" : " (the run started from " + seed + ")") + "\n"
                + "  shrunk in " + shrunk.steps() + " steps, " + shrunk.attempts()
                + " candidates checked (" + how + ")\n"
                + "shrunk value:\n" + describe.apply(shrunk.value()) + "\n"
                + "its failure:\n" + shrunk.failure() + "\n"
                + "original value:\n" + describe.apply(original);
    }
}
