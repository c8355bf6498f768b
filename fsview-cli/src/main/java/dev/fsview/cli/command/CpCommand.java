package dev.fsview.cli.command;

import dev.fsview.cli.console.Console;
import dev.fsview.cli.console.UsageError;
import dev.fsview.cli.copy.Copier;
import dev.fsview.cli.copy.CpOperand;
import dev.fsview.cli.view.ContainerSession;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code fsview cp SRC DEST}: docker cp between the container and the host. */
@Command(
        name = "cp",
        description = {
            "Copies files/folders between the container and the host with docker cp's rules. Container"
                    + " paths start with ':' (':/etc/os-release'); '-' is a tar stream on stdout (as DEST) or"
                    + " stdin (as SRC, extracted into a container directory); to name a host path that starts"
                    + " with ':', write './:name'.",
            "SRC a file: DEST missing -> created; DEST ending in '/' and missing -> error; DEST a file ->"
                    + " overwritten; DEST a directory -> copied into it.",
            "SRC a directory: DEST missing -> created with SRC's contents; DEST a file -> error; DEST a"
                    + " directory -> SRC copied into it, or with SRC ending in '/.', SRC's contents.",
            "Copies into a read-only volume or a read-only rootfs are refused before anything is written."
        })
final class CpCommand extends ContainerCommand {
    @Option(
            names = {"-L", "--follow-link"},
            description = "Always follow a symlink in SRC.")
    boolean followLink;

    @Option(
            names = {"-q", "--quiet"},
            description = "No progress line (it is shown only when"
                    + " stderr is a terminal and the copy takes more than a second).")
    boolean quiet;

    @Parameters(index = "0", paramLabel = "SRC", description = ":CONTAINER_PATH, HOST_PATH or -")
    String source;

    @Parameters(index = "1", paramLabel = "DEST", description = ":CONTAINER_PATH, HOST_PATH or -")
    String destination;

    private CpOperand src;
    private CpOperand dst;

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
