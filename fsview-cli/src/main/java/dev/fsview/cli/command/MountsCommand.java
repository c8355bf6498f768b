package dev.fsview.cli.command;

import dev.fsview.cli.args.CommandSpec;
import dev.fsview.cli.args.ParsedArgs;
import dev.fsview.cli.console.Console;
import dev.fsview.cli.view.ContainerSession;
import dev.fsview.cli.view.MountTable;

import java.util.ArrayList;
import java.util.List;

/** {@code fsview mounts}: the view's mount table as the view sees it. */
final class MountsCommand extends ContainerCommand {
    static final CommandSpec SPEC = CommandSpec.of(
            "fsview mounts",
            List.of("Prints the view's mount table as the view sees it:"
                    + " the root, then each mount in the order it was applied, at its mount point resolved"
                    + " inside the container, with rw or ro as the view finds it (ro also when the rootfs is"
                    + " marked read-only), bind or rbind, and for read-only binds whether read-only is"
                    + " recursive: rro=best-effort (docker's readonly), rro=required (bind-recursive=readonly,"
                    + " OCI rro) or rro=no (bind-recursive=writable, OCI ro). With --pid or --container:"
                    + " what the process's mount namespace holds under its root, as the kernel lists it"
                    + " (/proc/PID/mountinfo): mount point, source, file system type, rw or ro."),
            List.of(HELP),
            List.of());

    MountsCommand(ParsedArgs args) {}

    @Override
    void run(ContainerSession session, Console console) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TARGET", "SOURCE", "FSTYPE", "OPTIONS"});
        for (MountTable.Mount m : session.table().mounts()) {
            rows.add(new String[] {m.mountPoint(), m.source(), m.type(), m.options()});
        }
        Columns.print(console.out(), rows, new boolean[] {false, false, false, false});
    }
}
