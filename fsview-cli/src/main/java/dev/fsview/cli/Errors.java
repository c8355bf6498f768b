package dev.fsview.cli;

import dev.fsview.cli.command.Commands;
import dev.fsview.cli.console.Console;
import dev.fsview.cli.console.ErrorMessages;
import dev.fsview.cli.console.Failure;
import dev.fsview.cli.console.UsageError;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.IOException;

/** Turns what a command throws into fsview's exit statuses and its one-line messages. */
final class Errors {
    private final Console console;

    Errors(Console console) {
        this.console = console;
    }

    /** A command line picocli could not parse: exit 2 with the message and the usage. */
    int usage(ParameterException e, String[] args) {
        console.err().println("fsview: " + e.getMessage());
        if (e.getCommandLine().getParent() == null) {
            Commands.complete(e.getCommandLine());
        }
        e.getCommandLine().usage(console.err());
        return ExitCodes.USAGE;
    }

    /** What a command threw. */
    int execution(Exception e, CommandLine command, ParseResult parsed) {
        String name =
                command.getCommandName().equals("fsview") ? "" : command.getCommandName() + ": ";
        if (e instanceof UsageError) {
            console.err().println("fsview: " + name + e.getMessage());
            CommandLine shown = command;
            while (((UsageError) e).aboutTopLevelOptions() && shown.getParent() != null) {
                shown = shown.getParent();
            }
            if (shown.getParent() == null) {
                Commands.complete(shown);
            }
            shown.usage(console.err());
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
