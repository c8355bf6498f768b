package dev.fsview.cli.command;

import dev.fsview.cli.args.ArgParser;
import dev.fsview.cli.args.ArgumentException;
import dev.fsview.cli.args.CommandSpec;
import dev.fsview.cli.args.ParsedArgs;
import dev.fsview.cli.args.UsageWriter;
import dev.fsview.cli.console.Console;
import dev.fsview.cli.view.HostCheckAhead;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs the {@code fsview} command line: the top command's options, then one subcommand with its
 * own. Help goes to stdout with status 0; a usage error prints the message and the usage of the
 * command it concerns on stderr, status 2; a command's failure one line on stderr, status 1.
 * {@link ArgsAhead} tells {@link dev.fsview.cli.Main}, before any of this, whether to start the
 * check of the host and the backend's preparation ({@link HostCheckAhead}).
 */
public final class Commands {
    /** The subcommands that open a view, by name: each made from its parsed arguments. */
    private static final Map<String, Function<ParsedArgs, ContainerCommand>> RUNNERS =
            new LinkedHashMap<>();

    /** Every subcommand's grammar, in the order the usage lists them; {@code help} last. */
    private static final Map<String, CommandSpec> SPECS = new LinkedHashMap<>();

    static {
        add(StatCommand.SPEC, StatCommand::new);
        add(LsCommand.SPEC, LsCommand::new);
        add(CatCommand.SPEC, CatCommand::new);
        add(CpCommand.SPEC, CpCommand::new);
        add(MountsCommand.SPEC, MountsCommand::new);
        SPECS.put("help", HelpCommand.SPEC);
    }

    private Commands() {}

    private static void add(CommandSpec spec, Function<ParsedArgs, ContainerCommand> runner) {
        SPECS.put(spec.name(), spec);
        RUNNERS.put(spec.name(), runner);
    }

    /**
     * Runs the command line.
     *
     * @param console the process's streams
     * @param args the arguments
     * @return the exit status
     */
    public static int execute(Console console, String[] args) {
        Errors errors = new Errors(console);
        FsviewCommand top;
        ParsedArgs topArgs;
        try {
            topArgs = ArgParser.parse(FsviewCommand.SPEC, args, 0);
            top = new FsviewCommand(console, topArgs);
        } catch (ArgumentException e) {
            return errors.usage(e.getMessage(), FsviewCommand.SPEC);
        }
        if (topArgs.has("--help")) {
            return usage(FsviewCommand.SPEC, console.out());
        }
        if (topArgs.next() == args.length) {
            return errors.usage(
                    "a command is required (" + String.join(", ", RUNNERS.keySet()) + ")",
                    FsviewCommand.SPEC);
        }
        return subcommand(top, args, topArgs.next(), errors);
    }

    /** The subcommand named at {@code at}: its arguments after it, then its run. */
    private static int subcommand(FsviewCommand top, String[] args, int at, Errors errors) {
        String name = args[at];
        CommandSpec spec = SPECS.get(name);
        if (spec == null) {
            return errors.usage(
                    "Unmatched argument at index " + at + ": '" + name + "'", FsviewCommand.SPEC);
        }
        ParsedArgs subArgs;
        try {
            subArgs = ArgParser.parse(spec, args, at + 1);
            if (subArgs.has("--help")) {
                return usage(spec, top.console().out());
            }
            ArgParser.requireParameters(subArgs);
        } catch (ArgumentException e) {
            return errors.usage(e.getMessage(), spec);
        }
        if (spec == HelpCommand.SPEC) {
            return help(subArgs.positional(0, null), top.console(), errors);
        }
        try {
            return RUNNERS.get(name).apply(subArgs).call(top);
        } catch (Exception e) {
            return errors.execution(e, spec);
        }
    }

    /** {@code fsview help [COMMAND]}: that command's usage, or the top command's. */
    private static int help(String command, Console console, Errors errors) {
        if (command == null) {
            return usage(FsviewCommand.SPEC, console.out());
        }
        CommandSpec spec = SPECS.get(command);
        if (spec == null) {
            return errors.usage("Unknown subcommand '" + command + "'.", FsviewCommand.SPEC);
        }
        return usage(spec, console.out());
    }

    private static int usage(CommandSpec spec, PrintStream out) {
        printUsage(spec, out);
        return ExitCodes.OK;
    }

    /**
     * Prints a command's usage; the top command's lists every subcommand.
     *
     * @param spec the command
     * @param out where to
     */
    static void printUsage(CommandSpec spec, PrintStream out) {
        UsageWriter.print(spec, spec == FsviewCommand.SPEC ? SPECS : Map.of(), out);
    }

    /**
     * The subcommands' names, in usage order.
     *
     * @return them, {@code help} last
     */
    static java.util.Set<String> names() {
        return SPECS.keySet();
    }
}
