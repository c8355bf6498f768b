package dev.fsview.cli.command;

import dev.fsview.HandOverStrategy;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.cli.console.Console;
import dev.fsview.cli.console.Failure;
import dev.fsview.cli.console.UsageError;
import dev.fsview.cli.container.ContainerSpec;
import dev.fsview.cli.container.DockerMount;
import dev.fsview.cli.container.OciBundle;
import dev.fsview.cli.runtime.ContainerLookup;
import dev.fsview.cli.runtime.Runtimes;
import dev.fsview.cli.view.Backend;
import dev.fsview.cli.view.ContainerSession;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code fsview}: chooses the container and the backend; the subcommands do the work. */
@Command(
        name = "fsview",
        description = "Looks into a container's filesystem through an fsview view: absolute"
                + " symlinks and '..' resolve inside the container, volumes appear at their mount"
                + " points, read-only volumes stay read-only.",
        synopsisSubcommandLabel = "COMMAND",
        // The subcommands are added by Commands: only the one a command line names is built.
        footerHeading = "%nExit status:%n",
        footer = {
            "  0  success",
            "  1  the operation failed (not found, read-only, escape refused, ...):",
            "     one line on stderr",
            "  2  usage error: the message and this usage",
            "",
            "Container paths are relative to / and '..' never leaves it. Example:",
            "  fsview --bundle examples/demo-bundle ls -l /",
            "  fsview --container web cat /etc/os-release"
        },
        sortOptions = false)
public final class FsviewCommand implements Callable<Integer> {
    private final Console console;

    @Option(
            names = "--root",
            paramLabel = "DIR",
            description = "The container's root directory on the host.")
    Path root;

    @Option(
            names = "--mount",
            paramLabel = "SPEC",
            description = "A mount in docker's --mount syntax, with --root; repeatable. "
                    + "type=bind,source=PATH,target=PATH[,readonly][,bind-recursive="
                    + "enabled|disabled|writable|readonly] or "
                    + "type=tmpfs,target=PATH[,tmpfs-size=BYTES][,tmpfs-mode=OCTAL].")
    List<String> mounts = new ArrayList<>();

    @Option(
            names = "--read-only",
            description = "With --root: the rootfs is read-only (as docker run --read-only); "
                    + "copies may write only to writable volumes.")
    boolean readOnly;

    @Option(
            names = "--bundle",
            paramLabel = "DIR",
            description = "An OCI runtime bundle (config.json: root.path and mounts), instead of "
                    + "--root and --mount. Relative paths in it are relative to the bundle.")
    Path bundle;

    @Option(
            names = "--pid",
            paramLabel = "PID",
            description = "A running process, instead of --root or --bundle: the view is what "
                    + "it sees as /, with every mount of its mount namespace, live. Nothing is "
                    + "mounted or created in it; needs root (CAP_SYS_ADMIN).")
    Long pid;

    @Option(
            names = "--container",
            paramLabel = "NAME|ID",
            description = "A running container, by name or id (a unique prefix will do): its pid "
                    + "is found in Docker's or containerd's state files, or with podman inspect "
                    + "or crictl inspect, whichever is here; then as --pid.")
    String containerName;

    @Option(
            names = "--backend",
            paramLabel = "auto|linux|fake",
            defaultValue = "auto",
            description = "linux (mount namespaces; needs CAP_SYS_ADMIN), fake (in memory: a dry "
                    + "run) or auto (linux when available, else fake). Default: ${DEFAULT-VALUE}.")
    Backend backend;

    @Option(names = "--debug", description = "Debug messages and stack traces on stderr.")
    boolean debug;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help.")
    boolean help;

    /**
     * Creates the command.
     *
     * @param console the process's streams
     */
    public FsviewCommand(Console console) {
        this.console = console;
    }

    Console console() {
        console.debug(debug);
        return console;
    }

    @Override
    public Integer call() throws UsageError {
        throw new UsageError("a command is required (stat, ls, cat, cp, mounts)");
    }

    /**
     * Opens the chosen container.
     *
     * @return the session; close it
     * @throws UsageError if the container options are missing, combined wrongly or invalid
     * @throws Failure if the bundle is unusable or the view cannot be opened
     */
    ContainerSession openSession() throws UsageError, Failure {
        return ContainerSession.open(container(), backend, console());
    }

    private ContainerSpec container() throws UsageError, Failure {
        if (pid != null || containerName != null) {
            return process();
        }
        if (bundle != null) {
            if (root != null || !mounts.isEmpty() || readOnly) {
                throw new UsageError(
                        "--bundle cannot be combined with --root, --mount or --read-only", true);
            }
            try {
                return OciBundle.load(bundle, console()::debugLine);
            } catch (IOException e) {
                throw new Failure(e.getMessage(), e);
            }
        }
        if (root == null) {
            throw new UsageError(
                    mounts.isEmpty() && !readOnly
                            ? "choose the container with --root DIR, --bundle DIR, --pid PID or "
                                    + "--container NAME"
                            : "--mount and --read-only need --root DIR",
                    true);
        }
        ViewSpec.Builder spec = ViewSpec.builder(root.toAbsolutePath().toString());
        Path cwd = Path.of("").toAbsolutePath();
        for (String value : mounts) {
            try {
                MountSpec m = DockerMount.parse(value, cwd);
                spec.mount(m);
            } catch (IllegalArgumentException e) {
                throw new UsageError("invalid --mount '" + value + "': " + e.getMessage(), true);
            }
        }
        if (readOnly) {
            spec.readOnlyRoot(); // the kernel keeps the root read-only, not only fsview's checks
        }
        // A short-lived tool on a machine it shares: spin only while spinning pays off.
        spec.handOver(HandOverStrategy.ADAPTIVE);
        try {
            return new ContainerSpec(spec.build(), readOnly);
        } catch (dev.fsview.InvalidSpecException e) {
            throw new UsageError("invalid --root or --mount: " + e.getMessage(), true);
        }
    }

    /** {@code --pid} or {@code --container}: a view of a running process. */
    private ContainerSpec process() throws UsageError, Failure {
        if (root != null || bundle != null || !mounts.isEmpty() || readOnly) {
            throw new UsageError(
                    "--pid and --container cannot be combined with --root, --bundle, "
                            + "--mount or --read-only: a running container brings its own",
                    true);
        }
        if (pid != null && containerName != null) {
            throw new UsageError("choose one of --pid and --container", true);
        }
        long p;
        if (pid != null) {
            p = pid;
        } else {
            try {
                p = new ContainerLookup(Runtimes.ofThisMachine()).pidOf(containerName);
            } catch (ContainerLookup.NotFound e) {
                throw new Failure(e.getMessage(), e);
            }
            console().debugLine("container " + containerName + " is process " + p);
        }
        try {
            return new ContainerSpec(ViewSpec.ofProcess(p).build(), false);
        } catch (dev.fsview.InvalidSpecException e) {
            throw new UsageError("invalid --pid: " + e.getMessage(), true);
        }
    }
}
