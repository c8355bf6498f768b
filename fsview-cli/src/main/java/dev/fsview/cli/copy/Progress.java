package dev.fsview.cli.copy;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress line of a copy, as docker cp shows it: on a terminal only, once the copy has run
 * for a second, {@code Copying to container - 12.3MB} redrawn in place, and at the end
 * {@code Successfully copied 12.3MB to :/data}. Copies that end within the second print nothing.
 */
final class Progress implements AutoCloseable {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private final PrintStream err;
    private final String verb;
    private final AtomicLong bytes = new AtomicLong();
    private final Thread ticker;
    private volatile boolean shown;
    private volatile boolean done;

    private Progress(
            PrintStream err, String verb, Duration delay, Duration period, boolean active) {
        this.err = err;
        this.verb = verb;
        this.ticker = active ? new Thread(() -> tick(delay, period), "fsview-progress") : null;
        if (ticker != null) {
            ticker.setDaemon(true);
            ticker.start();
        }
    }

    /**
     * Starts a progress line (or nothing, when it must not be shown).
     *
     * @param err standard error
     * @param terminal whether standard error is a terminal
     * @param quiet {@code -q}
     * @param verb e.g. {@code "Copying to container"}
     * @return the progress; close it when the copy ends
     */
    public static Progress start(PrintStream err, boolean terminal, boolean quiet, String verb) {
        return start(err, terminal && !quiet, verb, Duration.ofSeconds(1), Duration.ofMillis(200));
    }

    static Progress start(
            PrintStream err, boolean active, String verb, Duration delay, Duration period) {
        return new Progress(err, verb, delay, period, active);
    }

    /**
     * Counts copied bytes.
     *
     * @param n bytes
     */
    public void add(long n) {
        bytes.addAndGet(n);
    }

    private void tick(Duration delay, Duration period) {
        try {
            Thread.sleep(delay.toMillis());
            while (!done) {
                synchronized (this) {
                    if (!done) {
                        err.print("\r\033[2K" + verb + " - " + humanSize(bytes.get()));
                        err.flush();
                        shown = true;
                    }
                }
                Thread.sleep(period.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the line: if it was shown, replaces it with the summary.
     *
     * @param destination what to name in the summary, e.g. {@code :/data}
     */
    public void finish(String destination) {
        stop();
        if (shown) {
            err.println("\r\033[2KSuccessfully copied " + humanSize(bytes.get()) + " to "
                    + destination);
            shown = false;
        }
    }

    private void stop() {
        synchronized (this) {
            done = true;
        }
        if (ticker != null) {
            ticker.interrupt();
            try {
                ticker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Ends the line without a summary (the copy failed): what follows starts on a new line. */
    @Override
    public void close() {
        stop();
        if (shown) {
            err.println();
            shown = false;
        }
    }

    /**
     * Sizes as docker shows them (go-units HumanSize): decimal units, four significant digits.
     *
     * @param size bytes
     * @return e.g. {@code 1.234kB}
     */
    static String humanSize(long size) {
        double value = size;
        int unit = 0;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
        return rounded.toPlainString() + UNITS[unit];
    }
}
