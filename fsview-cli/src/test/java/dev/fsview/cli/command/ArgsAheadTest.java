package dev.fsview.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the command line tells before it is parsed: whether the host check starts at once. */
class ArgsAheadTest {
    @Test
    void theScanKnowsTheCommandsTheParserKnows() {
        assertThat(ArgsAhead.COMMANDS).containsExactlyElementsOf(Commands.names());
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
        assertThat(ArgsAhead.choosesFake(args.split(" "))).isEqualTo(fake);
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
        assertThat(ArgsAhead.checksHostAhead(args.split(" "))).isEqualTo(ahead);
    }
}
