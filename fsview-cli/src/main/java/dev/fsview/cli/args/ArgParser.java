package dev.fsview.cli.args;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses arguments against a {@link CommandSpec}, as POSIX and GNU tools do: {@code --name value},
 * {@code --name=value}, short flags alone or clustered ({@code -la}), a short option's value
 * attached or next; options and parameters in any order; {@code --} ends the options; {@code -}
 * alone is a parameter. The messages name the argument and its index, so a usage error says what
 * to fix.
 */
public final class ArgParser {
    private ArgParser() {}

    /**
     * Parses {@code args} from {@code from} on for {@code spec}. A command that takes a
     * subcommand stops at its first parameter, the subcommand's name ({@link ParsedArgs#next()}).
     * Required parameters are not checked here: {@link #requireParameters} does that, after a
     * request for help has been served.
     *
     * @param spec the command's grammar
     * @param args every argument of the command line (indexes in messages are into it)
     * @param from the first argument that belongs to this command
     * @return what the arguments gave the command
     * @throws ArgumentException for an unknown option, a missing or repeated value, or more
     *     parameters than the command takes
     */
    public static ParsedArgs parse(CommandSpec spec, String[] args, int from)
            throws ArgumentException {
        ParsedArgs parsed = new ParsedArgs(spec);
        List<Integer> positionalIndexes = new ArrayList<>();
        boolean optionsEnded = false;
        int i = from;
        parsed.next(args.length);
        while (i < args.length) {
            String a = args[i];
            if (!optionsEnded && a.equals("--")) {
                optionsEnded = true;
                i++;
            } else if (!optionsEnded && a.startsWith("-") && !a.equals("-")) {
                i = a.startsWith("--")
                        ? longOption(spec, args, i, parsed)
                        : shortOptions(spec, args, i, parsed);
            } else if (spec.subcommandLabel() != null && !optionsEnded) {
                parsed.next(i);
                break;
            } else {
                parsed.addPositional(a);
                positionalIndexes.add(i);
                i++;
            }
        }
        refuseUnmatched(spec, args, parsed, positionalIndexes);
        return parsed;
    }

    /**
     * Refuses a command line that leaves out a required parameter.
     *
     * @param parsed what the arguments gave the command
     * @throws ArgumentException naming every missing parameter
     */
    public static void requireParameters(ParsedArgs parsed) throws ArgumentException {
        List<String> missing = new ArrayList<>();
        List<ParameterSpec> params = parsed.spec().parameters();
        for (int p = parsed.positionals().size(); p < params.size(); p++) {
            if (params.get(p).required()) {
                missing.add("'" + params.get(p).label() + "'");
            }
        }
        if (!missing.isEmpty()) {
            throw new ArgumentException("Missing required parameter"
                    + (missing.size() > 1 ? "s: " : ": ") + String.join(", ", missing));
        }
    }

    private static int longOption(CommandSpec spec, String[] args, int i, ParsedArgs parsed)
            throws ArgumentException {
        String a = args[i];
        int eq = a.indexOf('=');
        OptionSpec option = spec.option(eq < 0 ? a : a.substring(0, eq));
        if (option == null) {
            throw new ArgumentException("Unknown option: '" + a + "'");
        }
        if (!option.takesValue()) {
            if (eq >= 0) {
                throw new ArgumentException("option '" + option.name()
                        + "' takes no value, but was given '" + a.substring(eq + 1) + "'");
            }
            parsed.add(option, "");
            return i + 1;
        }
        if (eq >= 0) {
            parsed.add(option, a.substring(eq + 1));
            return i + 1;
        }
        parsed.add(option, separateValue(spec, option, args, i));
        return i + 2;
    }

    private static int shortOptions(CommandSpec spec, String[] args, int i, ParsedArgs parsed)
            throws ArgumentException {
        String a = args[i];
        for (int c = 1; c < a.length(); c++) {
            String name = "-" + a.charAt(c);
            OptionSpec option = spec.option(name);
            if (option == null) {
                throw new ArgumentException("Unknown option: '" + name + "'"
                        + (a.length() > 2 ? " (while processing option: '" + a + "')" : ""));
            }
            if (option.takesValue()) {
                String rest = a.substring(c + 1);
                if (!rest.isEmpty()) {
                    parsed.add(option, rest.startsWith("=") ? rest.substring(1) : rest);
                    return i + 1;
                }
                parsed.add(option, separateValue(spec, option, args, i));
                return i + 2;
            }
            parsed.add(option, "");
        }
        return i + 1;
    }

    /** The value given as the next argument; never another of the command's options. */
    private static String separateValue(CommandSpec spec, OptionSpec option, String[] args, int i)
            throws ArgumentException {
        if (i + 1 >= args.length) {
            throw new ArgumentException("Missing required parameter for option '" + option.name()
                    + "' (" + option.label() + ")");
        }
        String value = args[i + 1];
        String asName = value.contains("=") ? value.substring(0, value.indexOf('=')) : value;
        if (value.startsWith("-") && spec.option(asName) != null) {
            // "--root --debug ls": the user forgot the value, not named a directory "--debug".
            throw new ArgumentException("Expected parameter for option '" + option.name()
                    + "' but found '" + value + "'");
        }
        return value;
    }

    private static void refuseUnmatched(
            CommandSpec spec, String[] args, ParsedArgs parsed, List<Integer> indexes)
            throws ArgumentException {
        int taken = spec.parameters().size();
        List<String> extra = parsed.positionals();
        if (extra.size() <= taken) {
            return;
        }
        List<String> quoted = new ArrayList<>();
        for (String e : extra.subList(taken, extra.size())) {
            quoted.add("'" + e + "'");
        }
        int first = indexes.get(taken);
        throw new ArgumentException(
                quoted.size() == 1
                        ? "Unmatched argument at index " + first + ": " + quoted.get(0)
                        : "Unmatched arguments from index " + first + ": "
                                + String.join(", ", quoted));
    }
}
