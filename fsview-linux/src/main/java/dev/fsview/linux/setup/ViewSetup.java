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
import dev.fsview.linux.ns.EmptyNamespace;
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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What the view thread does before it serves tasks (ARCHITECTURE.md, steps 1 to 5): enter a private
 * mount namespace, attach every mount parent-first to a target pinned inside the root, switch root.
 * Any failure ends the thread, and the kernel discards the namespace with every mount made in it;
 * the fds opened here are closed by try-with-resources on every path.
 *
 * <p>In the empty namespace, with a file system that resolves on callers' threads, the switch
 * waits for the first request handed to the view thread ({@link #switchRoot()}): until then the
 * thread's root is the empty namespace's read-only, noexec tmpfs, where no lookup by path finds
 * anything of the container or of the host, and a view used through its file system alone (the
 * {@code fsview} command, a {@code docker cp}) never needs the JDK warm-up that must precede a
 * thread's entry into a container's root. A chroot stacks nothing on any mount, so callers
 * resolving from the view root's fd meanwhile see the same tree before and after it (unlike
 * {@code pivot_root}, whose host root stacked on the view's root let such a lookup out: the
 * classic flow still switches in the open).
 *
 * <p>Holds nothing user-facing, so the view thread never keeps a dropped view reachable.
 */
public final class ViewSetup {
    private final ViewSpec spec;
    private final Steps steps;
    private final TargetResolver resolver;
    private final AttachStrategy attach;
    // Set up in a copy of the JVM's empty namespace (else a copy of the host's, then pivot_root).
    private final EmptyNamespace empty;
    // Whether the switch waits for the first request (the empty namespace, callers resolving).
    private final boolean switchAtFirstRequest;
    private volatile RootSwitch.Outcome outcome;
    private volatile Fd viewRoot;
    // The view's tree, for a switch at the first request: the fd handed over as the view root,
    // which is closed only after the view thread has ended.
    private Fd tree;
    private volatile long rootMountId = -1;
    private volatile Fd viewTask;
    private MountNamespace namespace;
    private MountTarget targets;
    // The binds cloned on the host (the empty namespace's flow): attached as they are.
    private final Set<Fd> hostClones = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean failed;

    /**
     * Checks the options and chooses the kernel interfaces.
     *
     * @param spec the view's spec
     * @param options its linux options
     * @param features what the kernel has
     * @param callersResolve whether the view's file system resolves on callers' threads (with
     *     {@code openat2}); then, in the empty namespace, the root switch waits for the first
     *     request handed to the view thread
     * @throws InvalidSpecException if an option asks for what this kernel or host lacks
     */
    public ViewSetup(
            ViewSpec spec, LinuxOptions options, KernelFeatures features, boolean callersResolve)
            throws InvalidSpecException {
        this.spec = spec;
        this.steps = new Steps(Faults.parse(options.failSteps()));
        this.resolver = resolver(options.resolve(), features);
        this.attach = attach(options.mountApi(), features, steps, !spec.allowDevices());
        this.empty = empty(options.namespace(), attach);
        this.switchAtFirstRequest = empty != null && callersResolve;
    }

    /**
     * Whether the root switch waits for the first request ({@link #switchRoot()}); otherwise
     * {@link #run()} makes it.
     *
     * @return {@code true} in the empty namespace with a file system resolving on callers' threads
     */
    public boolean switchesAtFirstRequest() {
        return switchAtFirstRequest;
    }

    /** The empty namespace where asked for or by default, if it can be made; else null. */
    private static EmptyNamespace empty(LinuxOptions.Choice choice, AttachStrategy attach)
            throws InvalidSpecException {
        if (choice == LinuxOptions.Choice.FALLBACK) {
            return null;
        }
        if (!(attach instanceof NewApiAttach)) {
            if (choice == LinuxOptions.Choice.MODERN) {
                throw new InvalidSpecException(
                        LinuxOptions.NAMESPACE,
                        "the empty namespace was asked for, but it needs the new mount API "
                                + "(the binds are cloned on the host with open_tree)");
            }
            return null;
        }
        // Made here on first use: the opener's thread is a host thread (EmptyNamespace).
        EmptyNamespace e = EmptyNamespace.shared();
        if (e == null && choice == LinuxOptions.Choice.MODERN) {
            throw new InvalidSpecException(
                    LinuxOptions.NAMESPACE,
                    "the empty namespace was asked for, but this host could not make it "
                            + "(the debug log of " + EmptyNamespace.class.getName() + " says why)");
        }
        return e;
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
        if (empty != null) {
            setUpInEmptyNamespace(empty, (NewApiAttach) attach);
        } else {
            setUpByPivot();
        }
    }

    /**
     * The view's tree assembled in the thread's copy of the empty namespace: the root and each
     * bind cloned on the host (open_tree clones only mounts of the caller's namespace), the root's
     * tree attached at the empty namespace's mount point, the volumes on targets resolved inside
     * it, then chroot into it. No host mount ever enters the view's namespace.
     */
    private void setUpInEmptyNamespace(EmptyNamespace empty, NewApiAttach trees)
            throws MountStepException {
        // Per mount in apply order: a bind's detached tree cloned on the host, a source inside the
        // container root opened in the view's tree, or null for a tmpfs.
        List<Fd> mounted = new ArrayList<>();
        Fd root = null;
        try (Fd hostRoot = openRoot()) {
            root = trees.cloneRoot(hostRoot);
            MountSource opener = MountSource.of(resolver, steps, hostRoot, spec.root());
            cloneHostSources(opener, trees, mounted);
            viewTask = openThreadSelf();
            if (viewTask == null) {
                // Names of fds are read through it in the empty namespace, which has no /proc.
                throw Steps.refusal(SetupStep.OPEN_ROOT, "/", "/proc/thread-self cannot be opened");
            }
            ClassPathSeal.markContained();
            namespace = MountNamespace.enterEmpty(steps, empty);
            try (Fd mountPoint = openDirectory(
                    SetupStep.OPEN_ROOT, EmptyNamespace.MOUNT_POINT, "the root's mount point")) {
                trees.attachTree("/", root, mountPoint);
            }
            // The clone's fd is the top of the view's tree from here on: targets are resolved
            // from it, the thread chroots into it, and the file system resolves from it.
            MountSource inView = opener.resolvingFrom(root);
            openSourcesInRoot(inView, mounted);
            targets = new MountTarget(resolver, steps, spec.createMissingTargets(), viewTask.get());
            attachAll(root, inView, mounted);
            if (spec.readOnlyRoot()) {
                // Only now: the missing mount targets were created in the root first.
                trees.makeTopReadOnly(root);
            }
            if (switchAtFirstRequest) {
                // Its mount table is read before the switch too, rebased on this mount.
                rootMountId = mountIdOf(root);
                tree = root;
            } else {
                outcome = new RootSwitch(steps).chrootInto(root);
            }
            viewRoot = root;
            root = null;
        } finally {
            closeAll(mounted);
            if (root != null) {
                root.close();
            }
        }
    }

    /**
     * The root switch of a view that makes it at its first request: the prelude of the view
     * thread's dispatcher, run on that thread right before the first task or file operation handed
     * to it, after the caller's thread has warmed the JDK up. A failure fails that request and
     * every later one; it is never retried (the thread may be in the tree without its root being
     * there).
     *
     * @throws MountStepException step {@code chroot} or {@code chdir} if the switch failed
     */
    public void switchRoot() throws MountStepException {
        outcome = new RootSwitch(steps).chrootInto(tree);
    }

    /** The mount id of the view's top, -1 if the kernel does not tell (before Linux 5.8). */
    private static long mountIdOf(Fd root) {
        try {
            return Sys.mountId(root.get());
        } catch (SyscallException e) {
            return -1;
        }
    }

    /**
     * The mount id of the view's top mount, for its mount table ({@code ViewMountTable}), whose
     * mount points the kernel renders relative to the view thread's root: the empty namespace's
     * tmpfs until a switch at the first request, then the view's tree.
     *
     * @return the id, or -1 where the table needs no rebasing (the thread switched in the open)
     *     or the kernel does not tell (before Linux 5.8)
     */
    public long rootMountId() {
        return rootMountId;
    }

    /**
     * Opens and clones, on the host, each bind whose source lies outside the container root
     * ({@code open_tree} clones only mounts of the caller's namespace); null for the others.
     */
    private void cloneHostSources(MountSource opener, NewApiAttach trees, List<Fd> out)
            throws MountStepException {
        for (MountSpec m : spec.mountsInApplyOrder()) {
            if (m.type() == MountSpec.Type.TMPFS || opener.isInRoot(m.source().orElseThrow())) {
                out.add(null);
                continue;
            }
            try (Fd source = opener.open(m.source().orElseThrow(), m.destination())) {
                Fd tree = trees.cloneBind(m, source);
                hostClones.add(tree);
                out.add(tree);
            }
        }
    }

    /**
     * Opens, in the view's tree, each bind source that lies inside the container root: cloned
     * when it is attached, it carries the mounts attached on it before (docker's rbind).
     */
    private void openSourcesInRoot(MountSource inView, List<Fd> mounted) throws MountStepException {
        List<MountSpec> mounts = spec.mountsInApplyOrder();
        for (int i = 0; i < mounts.size(); i++) {
            MountSpec m = mounts.get(i);
            if (m.type() != MountSpec.Type.TMPFS && mounted.get(i) == null) {
                mounted.set(i, inView.open(m.source().orElseThrow(), m.destination()));
            }
        }
    }

    /** Steps 1 to 4 the classic way: a copy of the host's namespace, then pivot_root out of it. */
    private void setUpByPivot() throws MountStepException {
        namespace = MountNamespace.enter(steps);
        // Opened after unshare: the fd must belong to the view's namespace, or mounts on it fail.
        try (Fd root = openRoot()) {
            List<Fd> sources = new ArrayList<>();
            try {
                MountSource opener = MountSource.of(resolver, steps, root, spec.root());
                openSources(opener, sources);
                targets = new MountTarget(resolver, steps, spec.createMissingTargets());
                targets.knowRootPath(root.get(), opener.realRoot());
                attachAll(root, opener, sources);
                if (rootLocked()) {
                    // Enforced by the kernel before the switch: nodev everywhere, the root
                    // read-only.
                    attach.lockRoot(root, spec.root(), spec.readOnlyRoot());
                }
            } finally {
                closeAll(sources);
            }
        }
        // From here this thread's root is the container's: the system class loader must not look
        // anything up by path on it (a class planted there would be defined and run).
        // This thread's /proc directory, for the view's mount table on callers' threads (mount
        // points as the view sees them): only reachable while the host's /proc is this thread's.
        viewTask = openThreadSelf();
        ClassPathSeal.markContained();
        outcome = new RootSwitch(steps).switchTo(spec.root(), rootLocked());
        // The top of the view's private mount tree, for the file system to resolve from on callers'
        // threads: a lookup through an fd follows that fd's mount tree in any namespace.
        viewRoot = openDirectory(SetupStep.OPEN_VIEW_ROOT, "/", "view root");
    }

    /**
     * Every mount of the spec, in apply order. Every source and destination is checked first: a
     * bad one fails the open before any target is created in the root.
     *
     * @param mounted for each mount in apply order, its source's fd or its detached tree (null
     *     for a tmpfs)
     */
    private void attachAll(Fd root, MountSource opener, List<Fd> mounted)
            throws MountStepException {
        List<MountTarget.Pinned> checked = new ArrayList<>();
        try {
            checkTargets(root, targets, checked);
            List<MountSpec> mounts = spec.mountsInApplyOrder();
            List<String> attached = new ArrayList<>();
            for (int i = 0; i < mounts.size(); i++) {
                MountTarget.Pinned target = checked.set(i, null);
                attached.add(mount(
                        root, opener, targets, mounts.get(i), mounted.get(i), target, attached));
            }
        } finally {
            checked.forEach(t -> {
                if (t != null) {
                    t.close();
                }
            });
        }
    }

    /** The container root, opened by its host path. */
    private Fd openRoot() throws MountStepException {
        return openDirectory(SetupStep.OPEN_ROOT, spec.root(), spec.root());
    }

    /**
     * A directory opened O_PATH by this thread's root; a failure is reported against the
     * container's "/", the only container path these opens stand for.
     */
    private Fd openDirectory(SetupStep step, String path, String what) throws MountStepException {
        return new Fd(
                steps.run(
                        step,
                        "/",
                        () -> Sys.openat(
                                Linux.AT_FDCWD,
                                path,
                                Arch.O_PATH | Arch.O_CLOEXEC | Arch.current().oDirectory(),
                                0)),
                what);
    }

    /**
     * This thread's /proc directory, for the view's mount table on callers' threads (mount
     * points as the view sees them): only reachable while the host's /proc is this thread's.
     */
    private static Fd openThreadSelf() {
        try {
            return new Fd(
                    Sys.openat(
                            Linux.AT_FDCWD,
                            "/proc/thread-self",
                            Arch.O_PATH | Arch.O_CLOEXEC | Arch.current().oDirectory(),
                            0),
                    "view thread");
        } catch (SyscallException noProc) {
            return null; // the file stores then name no mount point (the JDK's IOException)
        }
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
        } else if (hostClones.contains(source)) {
            ((NewApiAttach) attach).attachTree(m.destination(), source, target);
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
        RootSwitch.Outcome switched = outcome;
        return attach.name() + " mount API, " + resolver.name() + " resolution, "
                + (switched != null ? switched : "root switch at the first task");
    }
}
