package dev.fsview.testkit.property;

import java.util.SplittableRandom;

/**
 * The system properties that steer generated checks: {@code -Dfsview.testkit.tries=N} (how many
 * values a run generates), {@code -Dfsview.testkit.seed=S} (where generation starts; a failure
 * prints the seed that reproduces it) and {@code -Dfsview.testkit.maxOps=N} (the longest operation
 * sequence a differential run generates: longer ones reach deeper states, at a higher cost per
 * try; a seed replays the same sequence only with the same value). Without them a run uses its own
 * defaults and a fresh random seed.
 */
public final class Knobs {
    /** The system property for the number of tries. */
    public static final String TRIES = "fsview.testkit.tries";
    /** The system property for the seed. */
    public static final String SEED = "fsview.testkit.seed";
    /** The system property for the longest generated operation sequence. */
    public static final String MAX_OPS = "fsview.testkit.maxOps";

    private Knobs() {}

    /**
     * Returns how many values to generate.
     *
     * @param defaultTries the number when {@code -Dfsview.testkit.tries} is not set
     * @return the number, at least 1
     * @throws IllegalArgumentException if the property is set to anything but a positive number
     */
    public static int tries(int defaultTries) {
        return positive(TRIES, defaultTries);
    }

    /**
     * Returns the longest operation sequence to generate.
     *
     * @param defaultMax the length when {@code -Dfsview.testkit.maxOps} is not set
     * @return the length, at least 1
     * @throws IllegalArgumentException if the property is set to anything but a positive number
     */
    public static int maxOps(int defaultMax) {
        return positive(MAX_OPS, defaultMax);
    }

    private static int positive(String property, int defaultValue) {
        String value = System.getProperty(property, "").trim();
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the property's name
        }
        throw new IllegalArgumentException("-D" + property
                + " must be a whole number of at least 1," + " was '" + value + "'");
    }

    /**
     * Returns the seed to start from.
     *
     * @return {@code -Dfsview.testkit.seed} if set, else a fresh random seed
     * @throws IllegalArgumentException if the property is set to anything but a whole number
     */
    public static long seed() {
        String seed = System.getProperty(SEED, "").trim();
        if (seed.isEmpty()) {
            return new SplittableRandom().nextLong();
        }
        try {
            return Long.parseLong(seed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "-D" + SEED + " must be a whole number (a 64-bit"
                            + " seed, as a failure prints it), was '" + seed + "'",
                    e);
        }
    }
}
