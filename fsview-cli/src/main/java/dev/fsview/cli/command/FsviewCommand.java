package dev.fsview.cli.command;

import dev.fsview.HandOverStrategy;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.cli.args.ArgumentException;
import dev.fsview.cli.args.CommandSpec;
import dev.fsview.cli.args.OptionSpec;
import dev.fsview.cli.args.ParsedArgs;
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

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** {@code fsview}: chooses the container and the backend; the subcommands do the work. */
final class FsviewCommand {
    /** The top command's grammar and usage. */
    static final CommandSpec SPEC = new CommandSpec(
            "fsview",
            List.of("Looks into a container's filesystem through an fsview view: absolute"
                    + " symlinks and '..' resolve inside the container, volumes appear at their mount"
                    + " points, read-only volumes stay read-only."),
            List.of(
                    OptionSpec.valued(
                            "DIR", "The container's root directory on the host.", "--root"),
                    OptionSpec.repeatable(
                            "SPEC",
                            "A mount in docker's --mount syntax, with --root; repeatable. "
                                    + "type=bind,source=PATH,target=PATH[,readonly][,bind-recursive="
                                    + "enabled|disabled|writable|readonly] or "
                                    + "type=tmpfs,target=PATH[,tmpfs-size=BYTES][,tmpfs-mode=OCTAL].",
                            "--mount"),
                    OptionSpec.flag(
                            "With --root: the rootfs is read-only (as docker run --read-only); "
                                    + "copies may write only to writable volumes.",
                            "--read-only"),
                    OptionSpec.valued(
                            "DIR",
                            "An OCI runtime bundle (config.json: root.path and mounts), instead of "
                                    + "--root and --mount. Relative paths in it are relative to the bundle.",
                            "--bundle"),
                    OptionSpec.valued(
                            "PID",
                            "A running process, instead of --root or --bundle: the view is what "
                                    + "it sees as /, with every mount of its mount namespace, live. Nothing is "
                                    + "mounted or created in it; needs root (CAP_SYS_ADMIN).",
                            "--pid"),
                    OptionSpec.valued(
                            "NAME|ID",
                            "A running container, by name or id (a unique prefix will do): its pid "
                                    + "is found in Docker's or containerd's state files, or with podman inspect "
                                    + "or crictl inspect, whichever is here; then as --pid.",
                            "--container"),
                    OptionSpec.valued(
                            "auto|linux|fake",
                            "linux (mount namespaces; needs CAP_SYS_ADMIN), fake (in memory: a dry "
                                    + "run) or auto (linux when available, else fake). Default: auto.",
                            "--backend"),
                    OptionSpec.flag("Debug messages and stack traces on stderr.", "--debug"),
                    ContainerCommand.HELP),
            List.of(),
            "COMMAND",
            List.of(
                    "",
                    "Exit status:",
                    "  0  success",
                    "  1  the operation failed (not found, read-only, escape refused, ...):",
                    "     one line on stderr",
                    "  2  usage error: the message and this usage",
                    "",
                    "Container paths are relative to / and '..' never leaves it. Example:",
                    "  fsview --bundle examples/demo-bundle ls -l /",
                    "  fsview --container web cat /etc/os-release"));

    private final Console console;
    private final Path root;
    private final List<String> mounts;
    private final boolean readOnly;
    private final Path bundle;
    private final Long pid;
    private final String containerName;
    private final Backend backend;

    /**
     * The top command as the arguments give it.
     *
     * @param console the process's streams
     * @param args what the arguments gave the top command
     * @throws ArgumentException if a value is not of its option's type
     */
    FsviewCommand(Console console, ParsedArgs args) throws ArgumentException {
        this.console = console;
        root = path(args, "--root");
        mounts = args.values("--mount");
        readOnly = args.has("--read-only");
        bundle = path(args, "--bundle");
        pid = pid(args.value("--pid"));
        containerName = args.value("--container");
        backend = backend(args.value("--backend"));
        console.debug(args.has("--debug"));
    }

    private static Path path(ParsedArgs args, String option) throws ArgumentException {
        String value = args.value(option);
        if (value == null) {
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            // A NUL in the argument: no file on any file system has that name.
            throw new ArgumentException(
                    "Invalid value for option '" + option + "': " + e.getMessage());
        }
    }

    private static Long pid(String value) throws ArgumentException {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ArgumentException(
                    "Invalid value for option '--pid': '" + value + "' is not a long");
        }
    }

    private static Backend backend(String value) throws ArgumentException {
        if (value == null) {
            return Backend.AUTO;
        }
        for (Backend b : Backend.values()) {
            if (b.name().equalsIgnoreCase(value)) {
                return b;
            }
        }
        throw new ArgumentException("Invalid value for option '--backend': expected one of"
                + " [auto, linux, fake] (case-insensitive) but was '" + value + "'");
    }

    Console console() {
        return console;
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
