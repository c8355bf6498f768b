package dev.fsview.cli.command;

import dev.fsview.cli.args.OptionSpec;
import dev.fsview.cli.console.Console;
import dev.fsview.cli.view.ContainerSession;

/** A subcommand that works on the container the top command chose, through one view. */
abstract class ContainerCommand {
    /** Every command's {@code -h}/{@code --help}. */
    static final OptionSpec HELP = OptionSpec.flag("Show this help.", "-h", "--help");

    /**
     * Checks the arguments, opens the view, runs the command and closes the view.
     *
     * @param parent the top command: the container and the backend
     * @return the exit status, 0
     * @throws Exception what the command or the view's open threw
     */
    final int call(FsviewCommand parent) throws Exception {
        Console console = parent.console();
        checkArguments();
        try (ContainerSession session = parent.openSession()) {
            run(session, console);
        }
        console.out().flush();
        return 0;
    }

    /**
     * Refuses bad arguments before any view is opened.
     *
     * @throws dev.fsview.cli.console.UsageError if the arguments are wrong
     */
    void checkArguments() throws dev.fsview.cli.console.UsageError {}

    abstract void run(ContainerSession session, Console console) throws Exception;
}
