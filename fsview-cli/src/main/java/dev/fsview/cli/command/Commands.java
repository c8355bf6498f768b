package dev.fsview.cli.command;

import dev.fsview.cli.console.Console;
import dev.fsview.cli.view.HostCheckAhead;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@code fsview} command line with only the subcommand the arguments name. picocli
 * builds a command's model by reflection over its annotations, which costs more than the rest of
 * a short command's start (benchmarks/README.md, "where the time goes"); a command line that names
 * no known subcommand, asks for help or fails at the top level gets all of them, so usage lists
 * them all. {@link #checksHostAhead} tells {@link dev.fsview.cli.Main} whether to start the check
 * of the host and the backend's preparation ({@link HostCheckAhead}) before any of this.
 */
public final class Commands {
    private static final Map<String, Class<?>> SUBCOMMANDS = subcommands(
            StatCommand.class,
            LsCommand.class,
            CatCommand.class,
            CpCommand.class,
            MountsCommand.class,
            HelpCommand.class);

    private Commands() {}

    /**
     * The command line for these arguments.
     *
     * @param console the process's streams
     * @param args the arguments
     * @return the top command, with the subcommand that {@code args} name, or with all of them
     */
    public static CommandLine of(Console console, String[] args) {
        CommandLine top = new CommandLine(new FsviewCommand(console));
        Optional<String> named = subcommand(top.getCommandSpec(), args);
        if (named.isPresent()
                && SUBCOMMANDS.containsKey(named.get())
                && !named.get().equals("help")) {
            top.addSubcommand(named.get(), SUBCOMMANDS.get(named.get()));
        } else {
            complete(top);
        }
        return top;
    }

    /**
     * Adds the subcommands {@code top} lacks, before its usage is shown.
     *
     * @param top the top command
     */
    public static void complete(CommandLine top) {
        SUBCOMMANDS.forEach((name, type) -> {
            if (!top.getSubcommands().containsKey(name)) {
                top.addSubcommand(name, type);
            }
        });
    }

    /**
     * The first argument that is neither an option of the top command nor an option's value: the
     * subcommand's name if the command line is well formed.
     *
     * @param top the top command's model
     * @param args the arguments
     * @return that argument, if any
     */
    static Optional<String> subcommand(CommandSpec top, String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return i + 1 < args.length ? Optional.of(args[i + 1]) : Optional.empty();
            }
            if (!a.startsWith("-") || a.equals("-")) {
                return Optional.of(a);
            }
            OptionSpec option =
                    top.findOption(a.contains("=") ? a.substring(0, a.indexOf('=')) : a);
            if (option != null && !a.contains("=") && option.arity().max() > 0) {
                i++; // its value
            }
        }
        return Optional.empty();
    }

    /**
     * Whether to start the check of the host ({@link HostCheckAhead}) as the process starts,
     * before picocli's model is built: the first subcommand the arguments name is not
     * {@code help}, so they open a view if they are valid, and they do not choose the fake
     * backend. Decided by a plain scan, because the model takes longer to build than the check;
     * an option value that happens to be a subcommand's name only starts a check that nothing
     * waits for.
     *
     * @param args the arguments
     * @return whether a view on a backend that checks the host is likely to be opened
     */
    public static boolean checksHostAhead(String[] args) {
        if (choosesFake(args)) {
            return false;
        }
        for (String a : args) {
            if (SUBCOMMANDS.containsKey(a)) {
                return !a.equals("help");
            }
        }
        return false;
    }

    /**
     * Whether these arguments choose the fake backend, whose view needs no check of the host.
     *
     * @param args the arguments
     * @return true for {@code --backend fake} or {@code --backend=fake} (any case)
     */
    public static boolean choosesFake(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equalsIgnoreCase("--backend=fake")
                    || args[i].equals("--backend")
                            && i + 1 < args.length
                            && args[i + 1].equalsIgnoreCase("fake")) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Class<?>> subcommands(Class<?>... types) {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (Class<?> t : types) {
            m.put(t.getAnnotation(Command.class).name(), t);
        }
        return m;
    }
}
