package dev.fsview.testkit.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Copies what is written to {@link System#err} while it is open, still passing it through. The
 * kit uses it to see that a started task's failure was logged: fsview logs through SLF4J (logger
 * {@code dev.fsview}), and the backends' test suites bind SLF4J to slf4j-simple, which writes to
 * the current {@code System.err}.
 */
public final class StderrCapture implements AutoCloseable {
    private final PrintStream original;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

    private StderrCapture() {
        this.original = System.err;
    }

    /**
     * Starts capturing.
     *
     * @return the capture; close it to stop
     */
    public static StderrCapture start() {
        StderrCapture c = new StderrCapture();
        System.setErr(new PrintStream(new Tee(c.original, c.copy), true, StandardCharsets.UTF_8));
        return c;
    }

    /**
     * Waits until the captured text contains a string.
     *
     * @param text what to look for
     * @param limit how long to wait
     * @return whether it appeared in time
     */
    public boolean awaitContains(String text, Duration limit) {
        return Await.until(limit, () -> captured().contains(text));
    }

    /**
     * Returns what was captured so far.
     *
     * @return the text
     */
    public String captured() {
        synchronized (copy) {
            return copy.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }

    /** Writes to both streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final ByteArrayOutputStream second;

        Tee(OutputStream first, ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) {
            synchronized (second) {
                second.write(b);
            }
            try {
                first.write(b);
            } catch (java.io.IOException e) {
                // the original stream failing must not break the test's own logging
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (second) {
                second.write(b, off, len);
            }
            try {
                first.write(b, off, len);
            } catch (java.io.IOException e) {
                // as above
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
        }
    }
}
