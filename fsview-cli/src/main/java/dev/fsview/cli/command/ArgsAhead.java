package dev.fsview.cli.command;

import dev.fsview.cli.view.HostCheckAhead;

import java.util.List;

/**
 * What the arguments tell before they are parsed, for the first lines of {@code main}: whether to
 * start the check of the host ({@link HostCheckAhead}) at once. A class of its own, loading
 * nothing else, so that the check starts before the commands' grammar is even loaded: the view's
 * open waits for it.
 */
public final class ArgsAhead {
    /** The subcommands that open a view, and {@code help}: {@link Commands}' names. */
    static final List<String> COMMANDS = List.of("stat", "ls", "cat", "cp", "mounts", "help");

    private ArgsAhead() {}

    /**
     * Whether to start the check of the host as the process starts: the first argument that names
     * a subcommand is not {@code help}, so they open a view if they are valid, and they do not
     * choose the fake backend. An option value that happens to be a subcommand's name only starts
     * a check that nothing waits for.
     *
     * @param args the arguments
     * @return whether a view on a backend that checks the host is likely to be opened
     */
    public static boolean checksHostAhead(String[] args) {
        if (choosesFake(args)) {
            return false;
        }
        for (String a : args) {
            if (COMMANDS.contains(a)) {
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
}
