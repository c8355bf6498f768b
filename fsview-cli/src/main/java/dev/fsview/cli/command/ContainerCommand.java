package dev.fsview.cli.command;

import dev.fsview.cli.console.Console;
import dev.fsview.cli.view.ContainerSession;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** A subcommand that works on the container the parent command chose, through one view. */
abstract class ContainerCommand implements Callable<Integer> {
    @ParentCommand
    FsviewCommand parent;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help.")
    boolean help;

    @Override
    public final Integer call() throws Exception {
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
