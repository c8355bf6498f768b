package dev.fsview.cli.command;

/** fsview's exit statuses. */
final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** An operation failed: not found, read-only, escape refused, no usable backend. */
    public static final int FAILED = 1;
    /** The command line is wrong; the usage was printed. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
