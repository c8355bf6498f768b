package dev.fsview.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.cli.console.Console;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** Only the subcommand a command line names is built; help and top-level errors get them all. */
class CommandsTest {
    private static final Console CONSOLE = new Console(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()),
            false);

    @ParameterizedTest(name = "[{index}] fsview {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--root /r cp :/ -|cp",
                "--root=/r --debug stat /|stat",
                "--backend fake --mount type=tmpfs,dst=/t --root /r ls -l|ls",
                "--pid 1 mounts|mounts",
                "--container web cat /etc/os-release|cat",
                "--debug -- cat /x|cat",
            })
    void theNamedSubcommandIsTheOnlyOneBuilt(String args, String name) {
        CommandLine cl = Commands.of(CONSOLE, args.split(" "));
        assertThat(cl.getSubcommands().keySet()).containsExactly(name);
    }

    @ParameterizedTest(name = "[{index}] fsview {0}")
    @CsvSource(
            delimiter = '|',
            value = {"--help", "help cp", "--root /r", "--root /r frobnicate", "--root cp"})
    void withoutAKnownSubcommandNamedEveryOneIsBuilt(String args) {
        CommandLine cl = Commands.of(CONSOLE, args.split(" "));
        assertThat(cl.getSubcommands().keySet())
                .containsExactly("stat", "ls", "cat", "cp", "mounts", "help");
    }

    @Test
    void completeAddsTheOthersOnceForTheTopCommandsUsage() {
        CommandLine cl = Commands.of(CONSOLE, new String[] {"--root", "/r", "cp", "a", ":/b"});
        Commands.complete(cl);
        Commands.complete(cl);
        assertThat(cl.getSubcommands().keySet())
                .containsExactlyInAnyOrder("stat", "ls", "cat", "cp", "mounts", "help");
    }

    @ParameterizedTest(name = "[{index}] fsview {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--backend fake stat /|true",
                "--backend=FAKE stat /|true",
                "--backend linux stat /|false",
                "--root fake stat /|false",
                "stat /|false",
            })
    void theFakeBackendIsSeenWithoutParsing(String args, boolean fake) {
        assertThat(Commands.choosesFake(args.split(" "))).isEqualTo(fake);
    }

    @ParameterizedTest(name = "[{index}] fsview {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--root /r cp :/ -|true",
                "--debug --pid 1 mounts|true",
                "--backend linux stat /|true",
                "--backend fake stat /|false",
                "--root /r help cp|false",
                "--help|false",
                "--root /r|false",
                "--root /r frobnicate|false",
            })
    void theHostIsCheckedAheadOnlyWhenASubcommandOpensAViewOnABackendThatChecksIt(
            String args, boolean ahead) {
        assertThat(Commands.checksHostAhead(args.split(" "))).isEqualTo(ahead);
    }
}
