package dev.fsview.cli;

import dev.fsview.cli.command.ArgsAhead;
import dev.fsview.cli.command.Commands;
import dev.fsview.cli.console.Console;
import dev.fsview.cli.view.HostCheckAhead;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The {@code fsview} command's entry point. Exit status 0 on success, 1 when an operation failed
 * (one line on standard error), 2 for a usage error (the message and the usage). No stack trace
 * unless {@code --debug}.
 */
public final class Main {
    /** Set by the launcher: whether standard error is a terminal ({@code true}/{@code false}). */
    public static final String STDERR_TTY_PROPERTY = "fsview.stderr.tty";

    private Main() {}

    /**
     * Runs the command and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        configureLogging(Arrays.asList(args).contains("--debug"));
        if (ArgsAhead.checksHostAhead(args)) {
            // First thing after logging (the backend logs): on a second core, the check of the
            // host and the backend's preparation overlap with everything up to the view's open.
            HostCheckAhead.start();
        }
        java.io.FileOutputStream stdout = new java.io.FileOutputStream(java.io.FileDescriptor.out);
        PrintStream out = new PrintStream(stdout, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.err),
                true,
                StandardCharsets.UTF_8);
        Console console = new Console(System.in, out, err, stderrIsTerminal(), stdout.getChannel());
        int status = run(args, console);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * Runs the command with the given streams, without exiting.
     *
     * @param args the command line
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @param errIsTerminal whether standard error is a terminal
     * @return the exit status
     */
    public static int run(
            String[] args,
            InputStream in,
            PrintStream out,
            PrintStream err,
            boolean errIsTerminal) {
        return run(args, new Console(in, out, err, errIsTerminal));
    }

    /**
     * Runs the command on a console, without exiting.
     *
     * @param args the command line
     * @param console the streams
     * @return the exit status
     */
    public static int run(String[] args, Console console) {
        int status = Commands.execute(console, args);
        console.out().flush();
        return status;
    }

    /** slf4j-simple reads its level once: set it before any logger exists. */
    static void configureLogging(boolean debug) {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", debug ? "debug" : "warn");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Whether fd 2 is a terminal: the launcher says so (it can ask {@code [ -t 2 ]}); run directly,
     * the JVM cannot call isatty, so the link behind {@code /proc/self/fd/2} tells.
     */
    static boolean stderrIsTerminal() {
        String told = System.getProperty(STDERR_TTY_PROPERTY);
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }
}
