/**
 * The {@code fsview} command. It exports nothing (its entry point is {@code dev.fsview.cli.Main},
 * run with {@code java -m dev.fsview.cli/dev.fsview.cli.Main} or the shaded jar), and names no
 * backend: they are found by {@code dev.fsview.FsViews} through the {@link java.util.ServiceLoader}.
 */
module dev.fsview.cli {
    requires dev.fsview.api;
}
