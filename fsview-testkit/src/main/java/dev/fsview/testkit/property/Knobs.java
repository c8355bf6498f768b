package dev.fsview.testkit.property;

import java.util.SplittableRandom;

/**
 * The system properties that steer generated checks: {@code -Dfsview.testkit.tries=N} (how many
 * values a run generates) and {@code -Dfsview.testkit.seed=S} (where generation starts; a failure
 * prints the seed that reproduces it). Without them a run uses its own default number of tries and
 * a fresh random seed.
 */
public final class Knobs {
    /** The system property for the number of tries. */
    public static final String TRIES = "fsview.testkit.tries";
    /** The system property for the seed. */
    public static final String SEED = "fsview.testkit.seed";

    private Knobs() {}

    /**
     * Returns how many values to generate.
     *
     * @param defaultTries the number when {@code -Dfsview.testkit.tries} is not set
     * @return the number, at least 1
     * @throws IllegalArgumentException if the property is set to anything but a positive number
     */
    public static int tries(int defaultTries) {
        String tries = System.getProperty(TRIES, "").trim();
        if (tries.isEmpty()) {
            return defaultTries;
        }
        try {
            int n = Integer.parseInt(tries);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the property's name
        }
        throw new IllegalArgumentException(
                "-D" + TRIES + " must be a whole number of at least 1," + " was '" + tries + "'");
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
