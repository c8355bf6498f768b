package dev.fsview.cli.console;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.WritableByteChannel;

/**
 * The process's standard streams and how to talk on them: results go to {@link #out()},
 * everything else (errors, warnings, notes, progress) to {@link #err()}, one line per message.
 */
public final class Console {
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean errIsTerminal;
    private final WritableByteChannel outChannel;
    private boolean debug;

    /**
     * Creates a console.
     *
     * @param in standard input (tar streams for {@code cp -})
     * @param out standard output (results; binary for {@code cat} and {@code cp ... -})
     * @param err standard error
     * @param errIsTerminal whether standard error is a terminal (progress lines are shown then)
     */
    public Console(InputStream in, PrintStream out, PrintStream err, boolean errIsTerminal) {
        this(in, out, err, errIsTerminal, null);
    }

    /**
     * Creates a console whose standard output is also reachable as a channel, for content the
     * kernel copies itself ({@code sendfile}).
     *
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @param errIsTerminal whether standard error is a terminal
     * @param outChannel the channel {@code out} writes its bytes to, unbuffered, or {@code null}
     */
    public Console(
            InputStream in,
            PrintStream out,
            PrintStream err,
            boolean errIsTerminal,
            WritableByteChannel outChannel) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.errIsTerminal = errIsTerminal;
        this.outChannel = outChannel;
    }

    /**
     * Returns standard output as a channel, if there is one: bytes written to {@link #out()}
     * reach it once {@code out()} is flushed.
     *
     * @return the channel, or {@code null}
     */
    public WritableByteChannel outChannel() {
        return outChannel;
    }

    /**
     * Returns standard input.
     *
     * @return the stream
     */
    public InputStream in() {
        return in;
    }

    /**
     * Returns standard output.
     *
     * @return the stream
     */
    public PrintStream out() {
        return out;
    }

    /**
     * Returns standard error.
     *
     * @return the stream
     */
    public PrintStream err() {
        return err;
    }

    /**
     * Returns whether standard error is a terminal.
     *
     * @return {@code true} if progress may be shown
     */
    public boolean errIsTerminal() {
        return errIsTerminal;
    }

    /**
     * Turns debug output (and stack traces) on.
     *
     * @param on whether {@code --debug} was given
     */
    public void debug(boolean on) {
        this.debug = on;
    }

    /**
     * Returns whether {@code --debug} was given.
     *
     * @return {@code true} in debug mode
     */
    public boolean isDebug() {
        return debug;
    }

    /**
     * Prints a note: something the user should know that is not an error.
     *
     * @param message one line
     */
    public void note(String message) {
        err.println("fsview: " + message);
    }

    /**
     * Prints a warning.
     *
     * @param message one line
     */
    public void warn(String message) {
        err.println("fsview: warning: " + message);
    }

    /**
     * Prints a debug line, only with {@code --debug}.
     *
     * @param message one line
     */
    public void debugLine(String message) {
        if (debug) {
            err.println("fsview: debug: " + message);
        }
    }
}
