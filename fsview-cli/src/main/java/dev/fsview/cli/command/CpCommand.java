package dev.fsview.cli.command;

import dev.fsview.cli.args.CommandSpec;
import dev.fsview.cli.args.OptionSpec;
import dev.fsview.cli.args.ParameterSpec;
import dev.fsview.cli.args.ParsedArgs;
import dev.fsview.cli.console.Console;
import dev.fsview.cli.console.UsageError;
import dev.fsview.cli.copy.Copier;
import dev.fsview.cli.copy.CpOperand;
import dev.fsview.cli.view.ContainerSession;

import java.nio.file.Path;
import java.util.List;

/** {@code fsview cp SRC DEST}: docker cp between the container and the host. */
final class CpCommand extends ContainerCommand {
    static final CommandSpec SPEC = CommandSpec.of(
            "fsview cp",
            List.of(
                    "Copies files/folders between the container and the host with docker cp's rules. Container"
                            + " paths start with ':' (':/etc/os-release'); '-' is a tar stream on stdout (as DEST) or"
                            + " stdin (as SRC, extracted into a container directory); to name a host path that starts"
                            + " with ':', write './:name'.",
                    "SRC a file: DEST missing -> created; DEST ending in '/' and missing -> error; DEST a file ->"
                            + " overwritten; DEST a directory -> copied into it.",
                    "SRC a directory: DEST missing -> created with SRC's contents; DEST a file -> error; DEST a"
                            + " directory -> SRC copied into it, or with SRC ending in '/.', SRC's contents.",
                    "Copies into a read-only volume or a read-only rootfs are refused before anything is written."),
            List.of(
                    HELP,
                    OptionSpec.flag("Always follow a symlink in SRC.", "-L", "--follow-link"),
                    OptionSpec.flag(
                            "No progress line (it is shown only when"
                                    + " stderr is a terminal and the copy takes more than a second).",
                            "-q",
                            "--quiet")),
            List.of(
                    new ParameterSpec("SRC", ":CONTAINER_PATH, HOST_PATH or -", true),
                    new ParameterSpec("DEST", ":CONTAINER_PATH, HOST_PATH or -", true)));

    private final boolean followLink;
    private final boolean quiet;
    private final String source;
    private final String destination;
    private CpOperand src;
    private CpOperand dst;

    CpCommand(ParsedArgs args) {
        followLink = args.has("-L");
        quiet = args.has("-q");
        source = args.positional(0, null);
        destination = args.positional(1, null);
    }

    @Override
    void checkArguments() throws UsageError {
        try {
            src = CpOperand.parse(source);
            dst = CpOperand.parse(destination);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        boolean fromContainer = src.kind() == CpOperand.Kind.CONTAINER;
        boolean toContainer = dst.kind() == CpOperand.Kind.CONTAINER;
        if (fromContainer && toContainer) {
            throw new UsageError("copying between two container paths is not supported");
        }
        if (!fromContainer && !toContainer) {
            throw new UsageError("one of SRC and DEST must be a container path, starting with ':'");
        }
    }

    @Override
    void run(ContainerSession session, Console console) throws Exception {
        new Copier(session, Path.of("").toAbsolutePath(), console, followLink, quiet)
                .copy(src, dst);
    }
}
