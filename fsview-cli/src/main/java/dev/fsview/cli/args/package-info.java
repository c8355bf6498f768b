/**
 * The grammar of a command line and its usage text: a command's options and parameters
 * ({@link dev.fsview.cli.args.CommandSpec}), the parse of the arguments against it
 * ({@link dev.fsview.cli.args.ArgParser}) and the usage printed for help and for a usage error
 * ({@link dev.fsview.cli.args.UsageWriter}).
 *
 * <p>Written here rather than taken from picocli: picocli builds its model by reflection over
 * annotations (annotation proxies, generic signatures, method handles) and registers converters for
 * types fsview never parses (java.time, java.sql), about 60 ms of every command's start on the main
 * thread, a sixth of a short command (benchmarks/README.md). fsview's grammar is six commands and
 * fifteen options; the code that parses it is smaller than that model's set-up.
 */
package dev.fsview.cli.args;
