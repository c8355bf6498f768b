package dev.fsview.cli.command;

import dev.fsview.cli.args.CommandSpec;
import dev.fsview.cli.args.ParameterSpec;

import java.util.List;

/** {@code fsview help [COMMAND]}: a command's usage on stdout ({@link Commands} serves it). */
final class HelpCommand {
    static final CommandSpec SPEC = CommandSpec.of(
            "fsview help",
            List.of("Display help information about the specified command."),
            List.of(ContainerCommand.HELP),
            List.of(new ParameterSpec("COMMAND", "The command whose help to show.", false)));

    private HelpCommand() {}
}
