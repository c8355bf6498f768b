package dev.fsview.cli.command;

import dev.fsview.cli.args.CommandSpec;
import dev.fsview.cli.console.Console;
import dev.fsview.cli.console.ErrorMessages;
import dev.fsview.cli.console.Failure;
import dev.fsview.cli.console.UsageError;

import java.io.IOException;

/** Turns what a command line or a command throws into fsview's exit statuses and messages. */
final class Errors {
    private final Console console;

    Errors(Console console) {
        this.console = console;
    }

    /** A command line that does not fit the grammar: the message and the command's usage. */
    int usage(String message, CommandSpec shown) {
        console.err().println("fsview: " + message);
        Commands.printUsage(shown, console.err());
        return ExitCodes.USAGE;
    }

    /** What a command threw. */
    int execution(Exception e, CommandSpec command) {
        String name = command.name() + ": ";
        if (e instanceof UsageError) {
            console.err().println("fsview: " + name + e.getMessage());
            Commands.printUsage(
                    ((UsageError) e).aboutTopLevelOptions() ? FsviewCommand.SPEC : command,
                    console.err());
            return ExitCodes.USAGE;
        }
        String message;
        if (e instanceof Failure) {
            message = e.getMessage();
        } else if (e instanceof IOException) {
            message = ErrorMessages.describe((IOException) e, "");
        } else {
            message = "internal error: " + e + (console.isDebug() ? "" : " (--debug shows where)");
        }
        console.err().println("fsview: " + name + message);
        if (console.isDebug()) {
            e.printStackTrace(console.err());
        }
        return ExitCodes.FAILED;
    }
}
