package dev.fsview.bench.report;

import java.util.Locale;

/** Converts JMH's units and prints times, rates and ratios the same way everywhere. */
public final class Units {
    private Units() {}

    /**
     * Converts a time in a JMH unit to nanoseconds.
     *
     * @param value the value
     * @param unit JMH's unit, e.g. {@code ns/op}, {@code us/op}, {@code ms/op}, {@code s/op}
     * @return nanoseconds
     * @throws IllegalArgumentException for a unit that is not a time per operation
     */
    public static double toNanos(double value, String unit) {
        String time = unit.endsWith("/op") ? unit.substring(0, unit.length() - 3) : unit;
        switch (time) {
            case "ns":
                return value;
            case "us":
            case "µs":
                return value * 1e3;
            case "ms":
                return value * 1e6;
            case "s":
                return value * 1e9;
            default:
                throw new IllegalArgumentException("not a time unit: " + unit);
        }
    }

    /**
     * Converts a rate in a JMH unit to operations per second.
     *
     * @param value the value
     * @param unit JMH's unit, e.g. {@code ops/s}, {@code ops/ms}, {@code ops/us}
     * @return operations per second
     * @throws IllegalArgumentException for a unit that is not a rate
     */
    public static double toPerSecond(double value, String unit) {
        if (!unit.startsWith("ops/")) {
            throw new IllegalArgumentException("not a rate: " + unit);
        }
        return value * 1e9 / toNanos(1, unit.substring(4));
    }

    /**
     * Prints a time.
     *
     * @param nanos nanoseconds
     * @return e.g. {@code 850 ns}, {@code 1.64 µs}, {@code 12.3 ms}
     */
    public static String time(double nanos) {
        if (nanos < 1e3) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1e6) {
            return String.format(Locale.ROOT, "%s µs", threeDigits(nanos / 1e3));
        }
        if (nanos < 1e9) {
            return String.format(Locale.ROOT, "%s ms", threeDigits(nanos / 1e6));
        }
        return String.format(Locale.ROOT, "%s s", threeDigits(nanos / 1e9));
    }

    /**
     * Prints a rate.
     *
     * @param perSecond operations per second
     * @return e.g. {@code 1.23 M/s}, {@code 850 k/s}
     */
    public static String rate(double perSecond) {
        if (perSecond >= 1e6) {
            return threeDigits(perSecond / 1e6) + " M/s";
        }
        if (perSecond >= 1e3) {
            return threeDigits(perSecond / 1e3) + " k/s";
        }
        return threeDigits(perSecond) + " /s";
    }

    /**
     * Prints a ratio.
     *
     * @param ratio a ratio
     * @return e.g. {@code 0.052×}, {@code 5.4×}, {@code 120×}
     */
    public static String ratio(double ratio) {
        return threeDigits(ratio) + "×";
    }

    /**
     * Prints a fraction of one core as a percentage.
     *
     * @param fraction e.g. {@code 0.0001}
     * @return e.g. {@code 0.010 %}
     */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.3f %%", fraction * 100);
    }

    /** Two or three significant digits: enough for noisy figures, short in a table. */
    static String threeDigits(double v) {
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.2g", v);
    }
}
