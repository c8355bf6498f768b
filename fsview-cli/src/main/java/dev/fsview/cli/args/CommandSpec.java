package dev.fsview.cli.args;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's grammar and the text of its usage: options, then positional parameters, in the order
 * the usage lists them.
 *
 * @param path the words that run it ({@code fsview cp}); the last is its name
 * @param description paragraphs under the synopsis
 * @param options its options, in usage order
 * @param parameters its positional parameters, required ones first
 * @param subcommandLabel for a command followed by a subcommand, its label in the synopsis
 *     ({@code COMMAND}); {@code null} otherwise
 * @param footer lines printed after everything else, as they are
 */
public record CommandSpec(
        String path,
        List<String> description,
        List<OptionSpec> options,
        List<ParameterSpec> parameters,
        String subcommandLabel,
        List<String> footer) {
    /** Refuses two options with one name, and an optional parameter before a required one. */
    public CommandSpec {
        description = List.copyOf(description);
        options = List.copyOf(options);
        parameters = List.copyOf(parameters);
        footer = List.copyOf(footer);
        Map<String, OptionSpec> seen = new HashMap<>();
        for (OptionSpec o : options) {
            for (String n : o.names()) {
                if (seen.put(n, o) != null) {
                    throw new IllegalArgumentException(path + ": two options named " + n);
                }
            }
        }
        for (int i = 1; i < parameters.size(); i++) {
            if (parameters.get(i).required() && !parameters.get(i - 1).required()) {
                throw new IllegalArgumentException(
                        path + ": a required parameter after an optional one");
            }
        }
    }

    /**
     * A command that takes no subcommand.
     *
     * @param path the words that run it
     * @param description paragraphs under the synopsis
     * @param options its options
     * @param parameters its positional parameters
     * @return the command
     */
    public static CommandSpec of(
            String path,
            List<String> description,
            List<OptionSpec> options,
            List<ParameterSpec> parameters) {
        return new CommandSpec(path, description, options, parameters, null, List.of());
    }

    /**
     * The option with this name.
     *
     * @param name a short or long name
     * @return the option, or {@code null} if the command has none by that name
     */
    public OptionSpec option(String name) {
        for (OptionSpec o : options) {
            if (o.names().contains(name)) {
                return o;
            }
        }
        return null;
    }

    /**
     * The command's name: the last word of its path.
     *
     * @return the name
     */
    public String name() {
        return path.substring(path.lastIndexOf(' ') + 1);
    }
}
