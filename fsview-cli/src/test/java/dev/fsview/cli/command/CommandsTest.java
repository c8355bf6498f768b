package dev.fsview.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.cli.args.CommandSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The commands' usage. */
class CommandsTest {
    @Test
    void theTopCommandsUsageListsEveryCommandWithItsFirstParagraph() {
        String usage = usage(FsviewCommand.SPEC);
        assertThat(usage)
                .startsWith("Usage: fsview [-h] [--read-only] [--debug] [--root=DIR]")
                .contains("Commands:\n  stat    Prints a container path's metadata")
                .contains("  cp      Copies files/folders", "  mounts  Prints", "  help    Display")
                .doesNotContain("SRC a file:") // cp's second paragraph is in cp's own usage only
                .endsWith("  fsview --container web cat /etc/os-release\n");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"fsview", "stat", "ls", "cat", "cp", "mounts", "help"})
    void everyUsageFitsEightyColumns(String name) {
        String usage = usage(name.equals("fsview") ? FsviewCommand.SPEC : spec(name));
        assertThat(usage.lines())
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
        assertThat(usage).startsWith("Usage: fsview");
    }

    @Test
    void aSubcommandsUsageShowsItsParametersAndOptions() {
        assertThat(usage(CpCommand.SPEC))
                .startsWith("Usage: fsview cp [-hLq] SRC DEST\n")
                .contains("      SRC             :CONTAINER_PATH, HOST_PATH or -\n")
                .contains("  -L, --follow-link   Always follow a symlink in SRC.\n")
                .contains("SRC a directory: DEST missing");
        assertThat(usage(LsCommand.SPEC)).startsWith("Usage: fsview ls [-ahl] [PATH]\n");
    }

    private static CommandSpec spec(String name) {
        switch (name) {
            case "stat":
                return StatCommand.SPEC;
            case "ls":
                return LsCommand.SPEC;
            case "cat":
                return CatCommand.SPEC;
            case "cp":
                return CpCommand.SPEC;
            case "mounts":
                return MountsCommand.SPEC;
            default:
                return HelpCommand.SPEC;
        }
    }

    private static String usage(CommandSpec spec) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Commands.printUsage(spec, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
