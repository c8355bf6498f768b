package dev.fsview.linux.setup;

import dev.fsview.InvalidSpecException;
import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.ViewSpec;
import dev.fsview.linux.mount.AttachStrategy;
import dev.fsview.linux.mount.ClassicAttach;
import dev.fsview.linux.mount.MountSource;
import dev.fsview.linux.mount.MountTarget;
import dev.fsview.linux.mount.NewApiAttach;
import dev.fsview.linux.mount.Openat2Resolver;
import dev.fsview.linux.mount.TargetResolver;
import dev.fsview.linux.mount.WalkResolver;
import dev.fsview.linux.ns.MountNamespace;
import dev.fsview.linux.preload.ClassPathSeal;
import dev.fsview.linux.step.Faults;
import dev.fsview.linux.step.Steps;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.KernelFeatures;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;

import java.util.ArrayList;
import java.util.List;

/**
 * What the view thread does before it serves tasks (ARCHITECTURE.md, steps 1 to 5): enter a private
 * mount namespace, attach every mount parent-first to a target pinned inside the root, switch root.
 * Any failure ends the thread, and the kernel discards the namespace with every mount made in it;
 * the fds opened here are closed by try-with-resources on every path.
 *
 * <p>Holds nothing user-facing, so the view thread never keeps a dropped view reachable.
 */
public final class ViewSetup {
    private final ViewSpec spec;
    private final Steps steps;
    private final TargetResolver resolver;
    private final AttachStrategy attach;
    private volatile RootSwitch.Outcome outcome;
    private volatile Fd viewRoot;
    private volatile Fd viewTask;
    private MountNamespace namespace;
    private MountTarget targets;
    private boolean failed;

    public ViewSetup(ViewSpec spec, LinuxOptions options, KernelFeatures features)
            throws InvalidSpecException {
        this.spec = spec;
        this.steps = new Steps(Faults.parse(options.failSteps()));
        this.resolver = resolver(options.resolve(), features);
        this.attach = attach(options.mountApi(), features, steps, !spec.allowDevices());
    }

    private static TargetResolver resolver(LinuxOptions.Choice choice, KernelFeatures features)
            throws InvalidSpecException {
        if (choice == LinuxOptions.Choice.FALLBACK
                || (choice == LinuxOptions.Choice.AUTO && !features.openat2())) {
            return new WalkResolver();
        }
        if (!features.openat2()) {
            throw new InvalidSpecException(
                    LinuxOptions.RESOLVE,
                    "openat2 was asked for, but this kernel does not have it (Linux 5.6+)");
        }
        return new Openat2Resolver();
    }

    private static AttachStrategy attach(
            LinuxOptions.Choice choice, KernelFeatures features, Steps steps, boolean nodev)
            throws InvalidSpecException {
        if (choice == LinuxOptions.Choice.FALLBACK
                || (choice == LinuxOptions.Choice.AUTO && !features.newMountApi())) {
            return new ClassicAttach(steps, nodev);
        }
        if (!features.newMountApi()) {
            throw new InvalidSpecException(
                    LinuxOptions.MOUNT_API,
                    "the new mount API was asked "
                            + "for, but this kernel lacks open_tree/move_mount/fsmount/mount_setattr "
                            + "(5.12+)");
        }
        return new NewApiAttach(steps, nodev);
    }

    /** Steps 1 to 4, on the view thread. */
    public void run() throws MountStepException {
        try {
            setUp();
        } catch (MountStepException | RuntimeException | Error e) {
            failed = true;
            Fd task = takeViewTask();
            if (task != null) {
                task.close();
            }
            throw e;
        }
        if (targets != null) {
            targets.forgetCreated();
        }
    }

    private void setUp() throws MountStepException {
        namespace = MountNamespace.enter(steps);
        // Opened after unshare: the fd must belong to the view's namespace, or mounts on it fail.
        try (Fd root = new Fd(
                steps.run(
                        SetupStep.OPEN_ROOT,
                        "/",
                        () -> Sys.openat(
                                Linux.AT_FDCWD,
                                spec.root(),
                                Arch.O_PATH | Arch.O_CLOEXEC | Arch.current().oDirectory(),
                                0)),
                spec.root())) {
            List<Fd> sources = new ArrayList<>();
            List<MountTarget.Pinned> checked = new ArrayList<>();
            try {
                // Every source and destination first: a bad one fails the open before any target
                // is created in the root.
                MountSource opener = MountSource.of(resolver, steps, root, spec.root());
                openSources(opener, sources);
                targets = new MountTarget(resolver, steps, spec.createMissingTargets());
                targets.knowRootPath(root.get(), opener.realRoot());
                checkTargets(root, targets, checked);
                List<MountSpec> mounts = spec.mountsInApplyOrder();
                List<String> attached = new ArrayList<>();
                for (int i = 0; i < mounts.size(); i++) {
                    MountTarget.Pinned target = checked.set(i, null);
                    attached.add(mount(
                            root,
                            opener,
                            targets,
                            mounts.get(i),
                            sources.get(i),
                            target,
                            attached));
                }
                if (rootLocked()) {
                    // Enforced by the kernel before the switch: nodev everywhere, the root
                    // read-only.
                    attach.lockRoot(root, spec.root(), spec.readOnlyRoot());
                }
            } finally {
                closeAll(sources);
                checked.forEach(t -> {
                    if (t != null) {
                        t.close();
                    }
                });
            }
        }
        // From here this thread's root is the container's: the system class loader must not look
        // anything up by path on it (a class planted there would be defined and run).
        // This thread's /proc directory, for the view's mount table on callers' threads (mount
        // points as the view sees them): only reachable while the host's /proc is this thread's.
        try {
            viewTask = new Fd(
                    Sys.openat(
                            Linux.AT_FDCWD,
                            "/proc/thread-self",
                            Arch.O_PATH | Arch.O_CLOEXEC | Arch.current().oDirectory(),
                            0),
                    "view thread");
        } catch (SyscallException noProc) {
            viewTask = null; // the file stores then name no mount point (the JDK's IOException)
        }
        ClassPathSeal.markContained();
        outcome = new RootSwitch(steps).switchTo(spec.root(), rootLocked());
        // The top of the view's private mount tree, for the file system to resolve from on callers'
        // threads: a lookup through an fd follows that fd's mount tree in any namespace.
        viewRoot = new Fd(
                steps.run(
                        SetupStep.OPEN_VIEW_ROOT,
                        "/",
                        () -> Sys.openat(
                                Linux.AT_FDCWD,
                                "/",
                                Arch.O_PATH | Arch.O_CLOEXEC | Arch.current().oDirectory(),
                                0)),
                "view root");
    }

    /** Whether the root gets its own mount (nodev, read-only): a mount point for pivot_root. */
    private boolean rootLocked() {
        return spec.readOnlyRoot() || !spec.allowDevices();
    }

    /**
     * Hands over the view root's fd, opened by {@link #run()} after the root switch; the caller
     * owns it from then on and closes it when the view closes.
     *
     * @return the {@code O_PATH} fd of the view's root
     */
    public Fd takeViewRoot() {
        Fd fd = viewRoot;
        viewRoot = null;
        return fd;
    }

    /**
     * Hands over the fd of the view thread's {@code /proc} directory, opened by {@link #run()}
     * before the root switch; the caller owns it from then on.
     *
     * @return the {@code O_PATH} fd, or {@code null} if {@code /proc} could not be opened
     */
    public Fd takeViewTask() {
        Fd fd = viewTask;
        viewTask = null;
        return fd;
    }

    /** Opens the source of each bind, in apply order (null for a tmpfs). */
    private void openSources(MountSource sources, List<Fd> out) throws MountStepException {
        for (MountSpec m : spec.mountsInApplyOrder()) {
            out.add(
                    m.type() == MountSpec.Type.TMPFS
                            ? null
                            : sources.open(m.source().orElseThrow(), m.destination()));
        }
    }

    /**
     * Checks the destinations that do not lie in another mount's (those are resolved only once
     * that mount is in place), so that a bad one fails before any target is created. Puts the
     * pinned target of each (null where it is nested or still to be created) in {@code out}, in
     * apply order.
     */
    private void checkTargets(Fd root, MountTarget targets, List<MountTarget.Pinned> out)
            throws MountStepException {
        for (MountSpec m : spec.mountsInApplyOrder()) {
            boolean nested = spec.mounts().stream()
                    .anyMatch(o -> m.destination().startsWith(o.destination() + "/"));
            out.add(nested ? null : targets.check(root.get(), m.destination()));
        }
    }

    private static void closeAll(List<Fd> fds) {
        for (Fd fd : fds) {
            if (fd != null) {
                fd.close();
            }
        }
    }

    /**
     * Attaches one mount: to its checked target, unless an earlier mount has landed on it or
     * above it since (a destination reached through a symlink into another volume: it is resolved
     * again now, into that volume); else to a target resolved now.
     *
     * @return the kernel's name of the target mounted on
     */
    private String mount(
            Fd root,
            MountSource sources,
            MountTarget targets,
            MountSpec m,
            Fd source,
            MountTarget.Pinned checked,
            List<String> attached)
            throws MountStepException {
        try (MountTarget.Pinned early = checked) {
            if (early != null && attached.stream().noneMatch(early::isAtOrBelow)) {
                attach(m, source, early.fd());
                return early.path();
            }
            // Only a target created now needs to know: a directory, or a file for a file's bind.
            boolean directory = source == null || sources.isDirectory(source, m.destination());
            try (MountTarget.Pinned target = targets.open(root.get(), m.destination(), directory)) {
                attach(m, source, target.fd());
                return target.path();
            }
        }
    }

    private void attach(MountSpec m, Fd source, Fd target) throws MountStepException {
        if (source == null) {
            attach.tmpfs(m, target);
        } else {
            attach.bind(m, source, target);
        }
    }

    /** Last thing on the view thread, whether setup failed or the view closed. */
    public void teardown() {
        if (namespace != null) {
            namespace.close();
            namespace = null;
        }
        if (targets != null) {
            // A failed open leaves the root as it found it: the targets it created go, now that
            // the view's mounts on them are gone with its namespace.
            if (failed) {
                targets.removeCreated();
            } else {
                targets.forgetCreated();
            }
            targets = null;
        }
    }

    /**
     * Says how the view was set up, for diagnostics.
     *
     * @return e.g. {@code "new mount API, openat2 resolution, PIVOT_ROOT"}
     */
    public String summary() {
        return attach.name() + " mount API, " + resolver.name() + " resolution, " + outcome;
    }
}
