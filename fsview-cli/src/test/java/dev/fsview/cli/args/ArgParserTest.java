package dev.fsview.cli.args;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

/** A command line parsed as POSIX and GNU tools parse theirs, with errors that name the argument. */
class ArgParserTest {
    static final CommandSpec TOP = new CommandSpec(
            "tool",
            List.of("A tool."),
            List.of(
                    OptionSpec.valued("DIR", "A directory.", "--root"),
                    OptionSpec.repeatable("SPEC", "A mount.", "--mount"),
                    OptionSpec.flag("Debug.", "--debug"),
                    OptionSpec.flag("Help.", "-h", "--help")),
            List.of(),
            "COMMAND",
            List.of());

    static final CommandSpec SUB = CommandSpec.of(
            "tool sub",
            List.of("A subcommand."),
            List.of(
                    OptionSpec.flag("Long.", "-l"),
                    OptionSpec.flag("All.", "-a"),
                    OptionSpec.valued("N", "A count.", "-n", "--count")),
            List.of(
                    new ParameterSpec("SRC", "From.", true),
                    new ParameterSpec("DEST", "To.", false)));

    static ParsedArgs parse(CommandSpec spec, String line) throws ArgumentException {
        return ArgParser.parse(spec, line.isEmpty() ? new String[0] : line.split(" "), 0);
    }

    static String error(CommandSpec spec, String line) {
        try {
            ParsedArgs parsed = parse(spec, line);
            ArgParser.requireParameters(parsed);
        } catch (ArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("parsed: " + line);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {"--root /r sub x", "--root=/r sub x", "--debug --root /r sub"})
    void aLongOptionTakesItsValueAttachedOrNextAndTheFirstParameterIsTheSubcommand(String line)
            throws ArgumentException {
        ParsedArgs top = parse(TOP, line);
        assertThat(top.value("--root")).isEqualTo("/r");
        assertThat(line.split(" ")[top.next()]).isEqualTo("sub");
        assertThat(top.positionals()).isEmpty();
    }

    @Test
    void withoutASubcommandNextIsTheEndOfTheArguments() throws ArgumentException {
        assertThat(parse(TOP, "--debug").next()).isEqualTo(1);
        assertThat(parse(TOP, "").next()).isZero();
    }

    @Test
    void aRepeatableOptionKeepsEveryValueInOrder() throws ArgumentException {
        ParsedArgs top = parse(TOP, "--mount a --mount=b --mount c sub");
        assertThat(top.values("--mount")).containsExactly("a", "b", "c");
        assertThat(parse(TOP, "sub").values("--mount")).isEmpty();
        assertThat(parse(TOP, "sub").value("--root")).isNull();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {"-la x", "-al x", "-l -a x", "x -l -a", "-l x -a y"})
    void shortFlagsClusterAndMixWithParameters(String line) throws ArgumentException {
        ParsedArgs sub = parse(SUB, line);
        assertThat(sub.has("-l")).isTrue();
        assertThat(sub.has("-a")).isTrue();
        assertThat(sub.positional(0, null)).isEqualTo("x");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {"-n5 x", "-n 5 x", "-n=5 x", "-ln5 x", "--count 5 x", "--count=5 x"})
    void aShortOptionsValueIsAttachedOrNextAndEndsItsCluster(String line) throws ArgumentException {
        ParsedArgs sub = parse(SUB, line);
        assertThat(sub.value("-n")).isEqualTo("5");
        assertThat(sub.value("--count")).isEqualTo("5");
        assertThat(sub.positionals()).containsExactly("x");
    }

    @Test
    void doubleDashEndsTheOptionsAndALoneDashIsAParameter() throws ArgumentException {
        assertThat(parse(SUB, "-- -l -a").positionals()).containsExactly("-l", "-a");
        assertThat(parse(SUB, "-l -").positionals()).containsExactly("-");
        assertThat(parse(SUB, "x -- --").positionals()).containsExactly("x", "--");
    }

    @Test
    void anEmptyArgumentIsAParameter() throws ArgumentException {
        assertThat(ArgParser.parse(SUB, new String[] {"", "-l"}, 0).positionals())
                .containsExactly("");
    }

    @Test
    void parsingStartsAtTheGivenIndex() throws ArgumentException {
        ParsedArgs sub = ArgParser.parse(SUB, new String[] {"--root", "/r", "sub", "-l", "x"}, 3);
        assertThat(sub.has("-l")).isTrue();
        assertThat(sub.positionals()).containsExactly("x");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "--frob sub|Unknown option: '--frob'",
                "--frob=1 sub|Unknown option: '--frob=1'",
                "-x|Unknown option: '-x'",
                "--root|Missing required parameter for option '--root' (DIR)",
                "--root --debug sub|Expected parameter for option '--root' but found '--debug'",
                "--root=--debug --root /s sub|option '--root' (DIR) should be specified only once",
                "--debug --debug sub|option '--debug' should be specified only once",
                "--debug=yes sub|option '--debug' takes no value, but was given 'yes'",
                "-- sub|Unmatched argument at index 1: 'sub'",
                "-- sub x|Unmatched arguments from index 1: 'sub', 'x'",
            })
    void theTopCommandsErrorsNameTheArgument(String line, String message) {
        assertThat(error(TOP, line)).isEqualTo(message);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "-lx a|Unknown option: '-x' (while processing option: '-lx')",
                "-n|Missing required parameter for option '--count' (N)",
                "a b c|Unmatched argument at index 2: 'c'",
                "a -l b c d|Unmatched arguments from index 3: 'c', 'd'",
                "-l|Missing required parameter: 'SRC'",
                "-n 5 -n 6 x|option '--count' (N) should be specified only once",
            })
    void aSubcommandsErrorsNameTheArgument(String line, String message) {
        assertThat(error(SUB, line)).isEqualTo(message);
    }

    @Test
    void everyMissingRequiredParameterIsNamed() {
        CommandSpec two = CommandSpec.of(
                "tool cp",
                List.of(),
                List.of(),
                List.of(
                        new ParameterSpec("SRC", "From.", true),
                        new ParameterSpec("DEST", "To.", true)));
        assertThat(error(two, "")).isEqualTo("Missing required parameters: 'SRC', 'DEST'");
        assertThat(error(two, "a")).isEqualTo("Missing required parameter: 'DEST'");
    }

    @Test
    void aGrammarWithTwoOptionsOfOneNameOrAnOptionalParameterFirstIsRefused() {
        assertThatThrownBy(() -> CommandSpec.of(
                        "t",
                        List.of(),
                        List.of(OptionSpec.flag("a", "-a"), OptionSpec.flag("b", "-a", "--all")),
                        List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two options named -a");
        assertThatThrownBy(() -> CommandSpec.of(
                        "t",
                        List.of(),
                        List.of(),
                        List.of(
                                new ParameterSpec("A", "", false),
                                new ParameterSpec("B", "", true))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a required parameter after an optional one");
        assertThatThrownBy(() -> OptionSpec.flag("x", "x"))
                .hasMessageContaining("not an option name: x");
        assertThatThrownBy(() -> OptionSpec.flag("x", "--a=b"))
                .hasMessageContaining("not an option name");
    }

    @Test
    void askingForAnOptionTheCommandDoesNotHaveIsAProgrammingError() throws ArgumentException {
        ParsedArgs sub = parse(SUB, "x");
        assertThatThrownBy(() -> sub.has("--nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tool sub has no option --nope");
    }
}
