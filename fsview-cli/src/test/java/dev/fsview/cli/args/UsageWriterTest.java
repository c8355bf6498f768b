package dev.fsview.cli.args;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A usage as help prints it: synopsis, description, one row per parameter and option, commands, footer. */
class UsageWriterTest {
    static String usage(CommandSpec spec, Map<String, CommandSpec> subcommands) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        UsageWriter.print(spec, subcommands, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSynopsisClustersShortFlagsThenLongFlagsValuedOptionsAndParameters() {
        assertThat(usage(ArgParserTest.SUB, Map.of()))
                .startsWith("Usage: tool sub [-al] [--count=N] SRC [DEST]\n");
        assertThat(usage(ArgParserTest.TOP, Map.of()))
                .startsWith("Usage: tool [-h] [--debug] [--root=DIR] [--mount=SPEC]... COMMAND\n");
    }

    @Test
    void aLongSynopsisWrapsUnderItsFirstItem() {
        List<OptionSpec> options = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            options.add(OptionSpec.valued("VALUE", "Option " + i + ".", "--option-" + i));
        }
        String usage = usage(CommandSpec.of("tool", List.of(), options, List.of()), Map.of());
        List<String> lines = usage.lines().toList();
        assertThat(lines.get(0))
                .startsWith("Usage: tool [--option-0=VALUE]")
                .hasSizeLessThanOrEqualTo(80);
        assertThat(lines.get(1)).startsWith("            [--option-");
    }

    @Test
    void rowsAlignDescriptionsAndWrapThemIndentedByTwo() {
        String usage = usage(ArgParserTest.SUB, Map.of());
        assertThat(usage)
                .contains("\n      SRC         From.\n")
                .contains("\n  -l              Long.\n")
                .contains("\n  -n, --count=N   A count.\n");
        String longText = "word ".repeat(40).strip();
        CommandSpec wordy = CommandSpec.of(
                "tool", List.of(), List.of(OptionSpec.flag(longText, "-w", "--wordy")), List.of());
        List<String> lines = usage(wordy, Map.of()).lines().toList();
        assertThat(lines.get(1)).startsWith("  -w, --wordy   word word");
        assertThat(lines.get(2)).startsWith(" ".repeat(18) + "word");
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void anOptionWhoseNamesPassTheColumnHasItsDescriptionOnTheNextLine() {
        CommandSpec spec = CommandSpec.of(
                "tool",
                List.of(),
                List.of(
                        OptionSpec.valued("auto|linux|fake", "Which backend.", "--backend"),
                        OptionSpec.flag("Short.", "--x")),
                List.of());
        List<String> lines = usage(spec, Map.of()).lines().toList();
        assertThat(lines)
                .containsSequence(
                        "      --backend=auto|linux|fake",
                        "                             Which backend.");
    }

    @Test
    void subcommandsAreListedWithTheirFirstParagraphThenTheFooter() {
        Map<String, CommandSpec> subs = new LinkedHashMap<>();
        subs.put("sub", ArgParserTest.SUB);
        subs.put(
                "other",
                CommandSpec.of(
                        "tool other", List.of("Other.", "Not listed."), List.of(), List.of()));
        CommandSpec top = new CommandSpec(
                "tool",
                List.of("A tool."),
                List.of(),
                List.of(),
                "COMMAND",
                List.of("", "Footer."));
        assertThat(usage(top, subs))
                .isEqualTo("Usage: tool COMMAND\n"
                        + "A tool.\n"
                        + "Commands:\n"
                        + "  sub    A subcommand.\n"
                        + "  other  Other.\n"
                        + "\n"
                        + "Footer.\n");
    }
}
