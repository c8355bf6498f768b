package dev.fsview.cli.args;

/**
 * One positional parameter of a command.
 *
 * @param label its name in the usage and in messages ({@code PATH})
 * @param description its line in the usage
 * @param required whether the command line must give it
 */
public record ParameterSpec(String label, String description, boolean required) {}
