package dev.fsview.cli.args;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A command's usage, as help prints it and a usage error shows it: the synopsis, the description,
 * one row per parameter and option, the subcommands, and the footer; wrapped at 80 columns.
 */
public final class UsageWriter {
    private static final int WIDTH = 80;
    /** Names longer than this push their description to the next line. */
    private static final int LONG_NAMES_MAX = 20;

    private UsageWriter() {}

    /**
     * Prints the usage.
     *
     * @param spec the command
     * @param subcommands for a command that takes one, each subcommand's name and grammar, in the
     *     order to list them; empty otherwise
     * @param out where to print it
     */
    public static void print(
            CommandSpec spec, Map<String, CommandSpec> subcommands, PrintStream out) {
        StringBuilder text = new StringBuilder();
        synopsis(spec, text);
        for (String paragraph : spec.description()) {
            wrap(paragraph, 0, 0, text);
        }
        rows(spec, text);
        if (!subcommands.isEmpty()) {
            text.append("Commands:\n");
            int nameWidth =
                    subcommands.keySet().stream().mapToInt(String::length).max().orElse(0);
            subcommands.forEach((name, sub) -> {
                String first =
                        sub.description().isEmpty() ? "" : sub.description().get(0);
                row("  " + name, 2 + nameWidth + 2, first, text);
            });
        }
        for (String line : spec.footer()) {
            text.append(line).append('\n');
        }
        out.print(text);
        out.flush();
    }

    private static void synopsis(CommandSpec spec, StringBuilder text) {
        List<String> items = new ArrayList<>();
        StringBuilder cluster = new StringBuilder();
        spec.options().stream()
                .filter(o -> o.shortName() != null && !o.takesValue())
                .map(o -> o.shortName().substring(1))
                .sorted(String.CASE_INSENSITIVE_ORDER.thenComparing(s -> s))
                .forEach(cluster::append);
        if (cluster.length() > 0) {
            items.add("[-" + cluster + "]");
        }
        for (OptionSpec o : spec.options()) {
            if (o.shortName() == null && !o.takesValue()) {
                items.add("[" + o.name() + "]");
            }
        }
        for (OptionSpec o : spec.options()) {
            if (o.takesValue()) {
                items.add("[" + o.name() + "=" + o.label() + "]" + (o.repeatable() ? "..." : ""));
            }
        }
        for (ParameterSpec p : spec.parameters()) {
            items.add(p.required() ? p.label() : "[" + p.label() + "]");
        }
        if (spec.subcommandLabel() != null) {
            items.add(spec.subcommandLabel());
        }
        String lead = "Usage: " + spec.path() + " ";
        text.append(lead);
        wrap(String.join(" ", items), lead.length(), lead.length(), text);
    }

    private static void rows(CommandSpec spec, StringBuilder text) {
        int longest = 0;
        for (ParameterSpec p : spec.parameters()) {
            longest = Math.max(longest, p.label().length());
        }
        for (OptionSpec o : spec.options()) {
            longest = Math.max(longest, longPart(o).length());
        }
        int column = 6 + Math.min(longest, LONG_NAMES_MAX) + 3;
        for (ParameterSpec p : spec.parameters()) {
            row("      " + p.label(), column, p.description(), text);
        }
        for (OptionSpec o : spec.options()) {
            String shortName = o.shortName();
            String lead =
                    shortName == null ? "    " : shortName + (o.longName() == null ? "  " : ", ");
            row("  " + lead + longPart(o), column, o.description(), text);
        }
    }

    private static String longPart(OptionSpec o) {
        String label = o.takesValue() ? "=" + o.label() : "";
        return o.longName() == null
                ? (label.isEmpty() ? "" : label.substring(1))
                : o.longName() + label;
    }

    /** A name and its description from {@code column} on; a long name gets a line of its own. */
    private static void row(String names, int column, String description, StringBuilder text) {
        text.append(names);
        if (names.length() + 1 > column) {
            text.append('\n').append(" ".repeat(column));
        } else {
            text.append(" ".repeat(column - names.length()));
        }
        wrap(description, column, column + 2, text);
    }

    /**
     * Appends {@code words} wrapped at {@link #WIDTH}: the first line starts at column {@code first}
     * (already indented by the caller), the next ones are indented to {@code next}. A word longer
     * than a whole line (a --mount syntax) is broken after a ',' or '|', or before a '['.
     */
    private static void wrap(String words, int first, int next, StringBuilder text) {
        int at = first;
        boolean lineStart = true;
        for (String word : words.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            while (word.length() > WIDTH - next) {
                int room = WIDTH - at - (lineStart ? 0 : 1);
                int cut = breakPoint(word, room);
                if (cut <= 0 && !lineStart) {
                    text.append('\n').append(" ".repeat(next));
                    at = next;
                    lineStart = true;
                    continue;
                }
                cut = cut <= 0 ? room : cut;
                text.append(lineStart ? "" : " ")
                        .append(word, 0, cut)
                        .append('\n')
                        .append(" ".repeat(next));
                word = word.substring(cut);
                at = next;
                lineStart = true;
            }
            if (!lineStart && at + 1 + word.length() > WIDTH) {
                text.append('\n').append(" ".repeat(next));
                at = next;
                lineStart = true;
            }
            if (!lineStart) {
                text.append(' ');
                at++;
            }
            text.append(word);
            at += word.length();
            lineStart = false;
        }
        text.append('\n');
    }

    /** The longest head of {@code word} within {@code room} that ends at a break, or 0. */
    private static int breakPoint(String word, int room) {
        for (int i = Math.min(room, word.length() - 1); i > 0; i--) {
            char before = word.charAt(i - 1);
            if (before == ',' || before == '|' || word.charAt(i) == '[') {
                return i;
            }
        }
        return 0;
    }
}
