package dev.fsview.cli.args;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the arguments gave one command: its options' values and its positional parameters. */
public final class ParsedArgs {
    private final CommandSpec spec;
    /**
     * Keyed by the option's {@link OptionSpec#name()}, not by the record: a record's generated
     * hashCode is bootstrapped through method handles on first use, about 1 ms per class spun.
     */
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    private final List<String> positionals = new ArrayList<>();
    private int next;

    ParsedArgs(CommandSpec spec) {
        this.spec = spec;
    }

    void add(OptionSpec option, String value) throws ArgumentException {
        List<String> given = values.get(option.name());
        if (given == null) {
            given = new ArrayList<>();
            values.put(option.name(), given);
        }
        if (!given.isEmpty() && !option.repeatable()) {
            throw new ArgumentException("option '" + option.name() + "'"
                    + (option.takesValue() ? " (" + option.label() + ")" : "")
                    + " should be specified only once");
        }
        given.add(value);
    }

    void addPositional(String value) {
        positionals.add(value);
    }

    void next(int index) {
        next = index;
    }

    /**
     * The command these arguments were parsed for.
     *
     * @return its grammar
     */
    public CommandSpec spec() {
        return spec;
    }

    /**
     * Whether the option was given.
     *
     * @param name any of its names
     * @return {@code true} if it was
     */
    public boolean has(String name) {
        return values.containsKey(option(name).name());
    }

    /**
     * The value of an option given at most once.
     *
     * @param name any of its names
     * @return its value, or {@code null} if it was not given
     */
    public String value(String name) {
        List<String> v = values.get(option(name).name());
        return v == null ? null : v.get(0);
    }

    /**
     * Every value of a repeatable option, in the order given.
     *
     * @param name any of its names
     * @return the values; empty if it was not given
     */
    public List<String> values(String name) {
        return List.copyOf(values.getOrDefault(option(name).name(), List.of()));
    }

    /**
     * The positional parameters, in order.
     *
     * @return them
     */
    public List<String> positionals() {
        return List.copyOf(positionals);
    }

    /**
     * One positional parameter.
     *
     * @param index its position among the parameters
     * @param otherwise what to return when the command line gave fewer
     * @return it, or {@code otherwise}
     */
    public String positional(int index, String otherwise) {
        return index < positionals.size() ? positionals.get(index) : otherwise;
    }

    /**
     * Where the subcommand's name is in the arguments, for a command that takes one.
     *
     * @return its index, or the number of arguments when none follows
     */
    public int next() {
        return next;
    }

    private OptionSpec option(String name) {
        OptionSpec o = spec.option(name);
        if (o == null) {
            throw new IllegalArgumentException(spec.path() + " has no option " + name);
        }
        return o;
    }
}
