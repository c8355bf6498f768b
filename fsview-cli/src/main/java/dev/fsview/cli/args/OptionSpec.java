package dev.fsview.cli.args;

import java.util.List;

/**
 * One option of a command.
 *
 * @param names its names, short ({@code -l}) before long ({@code --long}); at least one
 * @param label the name of its value in the usage ({@code DIR}), or {@code null} for a flag
 * @param repeatable whether it may be given more than once (its values are then all kept)
 * @param description its line in the usage
 */
public record OptionSpec(List<String> names, String label, boolean repeatable, String description) {
    /** Checks the names: each starts with '-', a short one is one character after it. */
    public OptionSpec {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("an option needs a name");
        }
        for (String n : names) {
            if (!n.startsWith("-") || n.equals("-") || n.equals("--") || n.contains("=")) {
                throw new IllegalArgumentException("not an option name: " + n);
            }
        }
    }

    /**
     * A flag: an option without a value.
     *
     * @param description its line in the usage
     * @param names its names
     * @return the flag
     */
    public static OptionSpec flag(String description, String... names) {
        return new OptionSpec(List.of(names), null, false, description);
    }

    /**
     * An option with a value, given at most once.
     *
     * @param label the value's name in the usage
     * @param description its line in the usage
     * @param names its names
     * @return the option
     */
    public static OptionSpec valued(String label, String description, String... names) {
        return new OptionSpec(List.of(names), label, false, description);
    }

    /**
     * An option with a value, which may be given any number of times.
     *
     * @param label the value's name in the usage
     * @param description its line in the usage
     * @param names its names
     * @return the option
     */
    public static OptionSpec repeatable(String label, String description, String... names) {
        return new OptionSpec(List.of(names), label, true, description);
    }

    /**
     * Returns whether the option takes a value.
     *
     * @return {@code false} for a flag
     */
    public boolean takesValue() {
        return label != null;
    }

    /**
     * The name used in messages: the longest one.
     *
     * @return that name
     */
    public String name() {
        return names.get(names.size() - 1);
    }

    /**
     * The one-character name, if it has one.
     *
     * @return {@code -x}, or {@code null}
     */
    public String shortName() {
        String first = names.get(0);
        return isShort(first) ? first : null;
    }

    /**
     * The long name, if it has one.
     *
     * @return {@code --name}, or {@code null}
     */
    public String longName() {
        String last = name();
        return isShort(last) ? null : last;
    }

    static boolean isShort(String name) {
        return name.length() == 2 && name.charAt(0) == '-' && name.charAt(1) != '-';
    }
}
