package dev.fsview.fake.setup;

import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.ViewSpec;
import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.host.Faults;
import dev.fsview.fake.host.Kernel;
import dev.fsview.fake.host.Superblock;
import dev.fsview.fake.mount.Location;
import dev.fsview.fake.mount.Mount;
import dev.fsview.fake.mount.MountNamespace;
import dev.fsview.fake.vfs.Vfs;
import dev.fsview.fake.walk.PathWalker;
import dev.fsview.spi.Filepath;
import dev.fsview.spi.errno.Errno;
import dev.fsview.spi.errno.NioExceptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a view's mount namespace from its spec, with the steps and the semantics of the Linux
 * backend (ARCHITECTURE.md): the container root, recursively bound, becomes the namespace's root;
 * then each mount, parent first: its destination resolved inside the root (absolute symlinks
 * resolve within the root), a missing target created as a directory or an empty file according
 * to the source (logged at INFO, refused under {@code createMissingTargets(false)}); a dangling
 * symlink on the way is followed inside the root and the missing components are created where it
 * points, as moby's {@code FollowSymlinkInScope} and {@code MkdirAll} do; a destination that
 * resolves to the root itself is refused; the bind (recursive unless non-recursive),
 * read-only on the top mount, and read-only on every carried submount unless
 * read-only-non-recursive (a failure of that last step is fatal only with force-recursive); a
 * fresh tmpfs for a tmpfs spec, seen by this view alone. Any failure is a
 * {@link MountStepException} naming the step, and the half-built namespace is released.
 */
public final class ViewMounts {
    private static final Logger LOG = LoggerFactory.getLogger(ViewMounts.class);
    private static final int TARGET_MODE = 0755;
    private static final int MAX_LINKS = 40;

    private final Kernel kernel;
    private final Vfs host;
    private final ViewSpec spec;
    /** Targets this open created, in order, so a failed open removes them again. */
    private final List<Location> created = new ArrayList<>();

    private ViewMounts(Kernel kernel, Vfs host, ViewSpec spec) {
        this.kernel = kernel;
        this.host = host;
        this.spec = spec;
    }

    /**
     * Sets up a view's namespace.
     *
     * @param kernel the kernel
     * @param host the host's process (its namespace is where the root and the sources are)
     * @param spec the spec
     * @return the view's process: its namespace, rooted at the container root
     * @throws MountStepException if a step failed; nothing is left mounted
     */
    public static Vfs build(Kernel kernel, Vfs host, ViewSpec spec) throws MountStepException {
        return new ViewMounts(kernel, host, spec).build();
    }

    private Vfs build() throws MountStepException {
        Location root = openRoot();
        Map<MountSpec, Location> sources = resolveSources(root);
        Vfs view = underLock(() -> {
            Mount top = root.mount().cloneTree(root.dentry(), true);
            MountNamespace ns = new MountNamespace(top);
            return new Vfs(kernel, ns, new Location(top, top.root()));
        });
        boolean done = false;
        try {
            for (MountSpec m : spec.mountsInApplyOrder()) {
                if (m.type() == MountSpec.Type.TMPFS) {
                    mountTmpfs(view, m);
                } else {
                    bind(view, m, sources.get(m));
                }
            }
            if (spec.readOnlyRoot()) {
                underLock(() -> {
                    // the root bind alone, once the targets are made (as linux sets
                    // MOUNT_ATTR_RDONLY on the clone before the root switch): volumes keep their
                    // mode
                    view.namespace().root().setReadOnly(true);
                    return null;
                });
            }
            if (!spec.allowDevices()) {
                underLock(() -> {
                    // a device node planted in the container opens no device: nodev everywhere
                    for (Mount m : view.namespace().root().subtree()) {
                        m.setNoDev(true);
                    }
                    return null;
                });
            }
            check(Faults.Step.SWITCH_ROOT, "/", SetupStep.PIVOT_ROOT, "pivot_root");
            done = true;
            return view;
        } finally {
            if (!done) {
                release(view);
                removeCreatedTargets();
            }
        }
    }

    /**
     * Releases a namespace that failed to set up, or that of a closing view.
     *
     * @param view the view's process
     */
    public static void release(Vfs view) {
        view.kernel().exclusive(() -> {
            view.namespace().dispose();
            return null;
        });
    }

    private Location openRoot() throws MountStepException {
        try {
            Location root = host.resolve(spec.root(), true);
            if (!root.inode().isDirectory()) {
                throw ErrnoException.of(Errno.ENOTDIR);
            }
            return root;
        } catch (ErrnoException e) {
            throw new MountStepException(
                    SetupStep.OPEN_ROOT,
                    "openat",
                    e.errno().number(),
                    e.errno().describe(),
                    "/",
                    "container root " + spec.root(),
                    NioExceptions.of(e.errno(), spec.root(), null));
        }
    }

    /**
     * Resolves every bind source before anything is created, so that a spec with a missing source
     * fails without changing the host. A source spelled as the container root followed by more
     * components is resolved inside the root, as the container's own paths are: its symlinks and
     * its {@code ..} belong to the container and must not lead a volume out of it (volume source
     * through a hostile root).
     */
    private Map<MountSpec, Location> resolveSources(Location root) throws MountStepException {
        Map<MountSpec, Location> sources = new IdentityHashMap<>();
        String rootPath = stripTrailingSlashes(spec.root());
        for (MountSpec m : spec.mountsInApplyOrder()) {
            if (m.type() != MountSpec.Type.BIND) {
                continue;
            }
            String source = m.source().orElseThrow();
            try {
                sources.put(
                        m,
                        underRoot(source, rootPath)
                                ? inRoot(root, source.substring(rootPath.length()))
                                : host.resolve(source, true));
            } catch (ErrnoException e) {
                throw new MountStepException(
                        SetupStep.STAT_SOURCE,
                        "statx",
                        e.errno().number(),
                        e.errno().describe(),
                        m.destination(),
                        "bind source " + source,
                        NioExceptions.of(e.errno(), source, null));
            }
        }
        return sources;
    }

    private Location inRoot(Location root, String below) throws ErrnoException {
        String rel = below.isEmpty() ? "/" : below;
        return kernel.shared(() -> PathWalker.resolve(root, root, rel, true));
    }

    private static String stripTrailingSlashes(String path) {
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    private static boolean underRoot(String source, String rootPath) {
        return source.startsWith(rootPath.equals("/") ? "/" : rootPath + "/")
                || source.equals(rootPath);
    }

    private void bind(Vfs view, MountSpec m, Location resolved) throws MountStepException {
        String dest = m.destination();
        Location src = sourceInView(view, m, resolved);
        boolean directory = src.inode().isDirectory();
        Location target = prepareTarget(view, dest, directory);
        check(Faults.Step.MOUNT, dest, SetupStep.BIND, "mount");
        underLock(() -> {
            if (target.inode().isDirectory() != directory) {
                throw attachMismatch(SetupStep.BIND, dest);
            }
            Mount tree = src.mount().cloneTree(src.dentry(), !m.nonRecursive());
            if (!m.writable()) {
                tree.setReadOnly(true);
                if (m.recursiveReadOnly()) {
                    readOnlySubmounts(tree, m);
                }
            }
            view.namespace().attach(tree, target);
            return null;
        });
    }

    /**
     * A source inside the container root is bound from the view's own namespace, as Linux binds
     * it: the mounts this view made on it or below it before come along (an rbind carries them,
     * read-only ones staying read-only). Sources elsewhere are the host's.
     */
    private Location sourceInView(Vfs view, MountSpec m, Location resolved)
            throws MountStepException {
        String source = m.source().orElseThrow();
        String rootPath = stripTrailingSlashes(spec.root());
        if (!underRoot(source, rootPath)) {
            return resolved;
        }
        String below = source.substring(rootPath.length());
        try {
            return view.resolve(below.isEmpty() ? "/" : below, true);
        } catch (ErrnoException e) {
            throw new MountStepException(
                    SetupStep.STAT_SOURCE,
                    "statx",
                    e.errno().number(),
                    e.errno().describe(),
                    m.destination(),
                    "bind source " + source,
                    NioExceptions.of(e.errno(), source, null));
        }
    }

    /** {@code mount_setattr(AT_RECURSIVE, MOUNT_ATTR_RDONLY)}: fatal only with force-recursive. */
    private void readOnlySubmounts(Mount tree, MountSpec m) throws MountStepException {
        try {
            kernel.faults().check(Faults.Step.RECURSIVE_READ_ONLY, m.destination());
        } catch (ErrnoException e) {
            if (m.readOnlyForceRecursive()) {
                throw fail(SetupStep.RECURSIVE_RO, "mount_setattr", e.errno(), m.destination(), "");
            }
            LOG.debug(
                    "failed to make {} recursively read-only: {}",
                    m.destination(),
                    e.errno().describe());
            return;
        }
        for (Mount sub : tree.subtree()) {
            sub.setReadOnly(true);
        }
    }

    private void mountTmpfs(Vfs view, MountSpec m) throws MountStepException {
        String dest = m.destination();
        Location target = prepareTarget(view, dest, true);
        check(Faults.Step.MOUNT, dest, SetupStep.TMPFS, "fsmount");
        underLock(() -> {
            if (!target.inode().isDirectory()) {
                throw attachMismatch(SetupStep.TMPFS, dest);
            }
            Superblock sb = new Superblock(
                    kernel.newDev(),
                    "tmpfs",
                    "tmpfs",
                    m.tmpfsSizeBytes(),
                    m.tmpfsMode(),
                    kernel.now());
            view.namespace().attach(new Mount(sb, sb.root(), false), target);
            return null;
        });
    }

    /**
     * Resolves a destination inside the view's root, creating what is missing component by
     * component: directories, and for a file source an empty file last. A dangling symlink on the
     * way is followed inside the root (its target joined in the root's scope, {@code ..} stopping
     * at the root) and the walk starts again on the joined path, at most 40 times (ELOOP).
     */
    private Location prepareTarget(Vfs view, String dest, boolean directory)
            throws MountStepException {
        String path = dest;
        for (int links = 0; links <= MAX_LINKS; links++) {
            if (path.equals("/")) {
                // a volume over the whole root would hide the container: refused after resolution
                throw new MountStepException(
                        SetupStep.RESOLVE_TARGET,
                        "openat2",
                        0,
                        "",
                        dest,
                        "the destination resolves to the container root /",
                        null);
            }
            String[] parts = path.substring(1).split("/");
            StringBuilder prefix = new StringBuilder();
            String redirect = null;
            for (int i = 0; i < parts.length && redirect == null; i++) {
                String parent = prefix.length() == 0 ? "/" : prefix.toString();
                prefix.append('/').append(parts[i]);
                boolean last = i == parts.length - 1;
                Target t = resolveOrCreate(view, prefix.toString(), dest, last && !directory);
                if (t.danglingLink != null) {
                    String rest = String.join(
                            "/", java.util.Arrays.asList(parts).subList(i + 1, parts.length));
                    String joined = (t.danglingLink.startsWith("/") ? "" : parent + "/")
                            + t.danglingLink
                            + (rest.isEmpty() ? "" : "/" + rest);
                    redirect = Filepath.clean(joined);
                    LOG.debug(
                            "mount target {}: {} is a dangling symlink to {}, followed in the "
                                    + "root to {}",
                            dest,
                            prefix,
                            t.danglingLink,
                            redirect);
                    continue;
                }
                Location l = t.location;
                if (last) {
                    if (l.dentry() == view.root().dentry()
                            && l.mount() == view.root().mount()) {
                        throw new MountStepException(
                                SetupStep.RESOLVE_TARGET,
                                "openat2",
                                0,
                                "",
                                dest,
                                "the destination resolves to the container root /",
                                null);
                    }
                    return l;
                }
                if (!l.inode().isDirectory()) {
                    // the lookup of the next component fails, as linux's resolution of the target
                    throw fail(
                            SetupStep.RESOLVE_TARGET,
                            resolveSyscall(),
                            Errno.ENOTDIR,
                            dest,
                            prefix + " is not a directory");
                }
            }
            if (redirect == null) {
                throw new IllegalStateException("destination has no components: " + dest);
            }
            path = redirect;
        }
        throw fail(
                SetupStep.RESOLVE_TARGET,
                "openat2",
                Errno.ELOOP,
                dest,
                "more than " + MAX_LINKS + " dangling symlinks");
    }

    /**
     * One component: resolved if it exists, else looked up again and created under the exclusive
     * lock (as the kernel's {@code filename_create} looks the name up again under the directory's
     * lock), so a racing rename cannot slip between the second look and the creation.
     */
    private Target resolveOrCreate(Vfs view, String path, String dest, boolean file)
            throws MountStepException {
        try {
            return Target.found(view.resolve(path, true));
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ENOENT) {
                throw fail(
                        SetupStep.RESOLVE_TARGET, resolveSyscall(), e.errno(), dest, "at " + path);
            }
        }
        Target t = kernel.exclusive(() -> lookOrCreate(view, path, file));
        if (t.errno != null) {
            throw fail(
                    t.step,
                    t.syscall,
                    t.errno,
                    dest,
                    "at " + path
                            + (t.errno == Errno.ENOENT && t.step == SetupStep.CREATE_TARGET
                                    ? ": the target is missing and createMissingTargets(false) forbids "
                                            + "creating it"
                                    : ""));
        }
        if (t.created) {
            LOG.info(
                    "created the missing mount target {} ({}) in the container root {} for {}",
                    path,
                    file ? "an empty file" : "a directory",
                    spec.root(),
                    dest);
        }
        return t;
    }

    /** Under the exclusive lock. */
    private Target lookOrCreate(Vfs view, String path, boolean file) {
        try {
            return Target.found(view.resolveLocked(path, true));
        } catch (ErrnoException e) {
            if (e.errno() != Errno.ENOENT) {
                return Target.failed(SetupStep.RESOLVE_TARGET, resolveSyscall(), e.errno());
            }
        }
        String link = view.readlinkLocked(path);
        if (link != null) {
            return new Target(null, link, null, null, null, false);
        }
        if (!spec.createMissingTargets()) {
            // the caller asked that the container root never be written by an open
            return Target.failed(
                    SetupStep.CREATE_TARGET, file ? "openat" : "mkdirat", Errno.ENOENT);
        }
        try {
            kernel.faults().check(Faults.Step.CREATE_TARGET, path);
            Location l = view.createLocked(path, file, TARGET_MODE);
            created.add(l);
            return new Target(l, null, null, null, null, true);
        } catch (ErrnoException e) {
            return Target.failed(SetupStep.CREATE_TARGET, file ? "openat" : "mkdirat", e.errno());
        }
    }

    /** A failed open leaves the container root as it found it: the targets it made go again. */
    private void removeCreatedTargets() {
        kernel.exclusive(() -> {
            for (int i = created.size() - 1; i >= 0; i--) {
                dev.fsview.fake.host.Dentry d = created.get(i).dentry();
                boolean emptyDir = !(d.inode() instanceof dev.fsview.fake.host.Directory)
                        || ((dev.fsview.fake.host.Directory) d.inode()).isEmpty();
                if (d.isLinked() && !d.isMounted() && emptyDir) {
                    d.unlink(kernel.now());
                }
            }
            return null;
        });
    }

    /** What resolving a component found: a location, a dangling link, or a failed step. */
    private record Target(
            Location location,
            String danglingLink,
            SetupStep step,
            String syscall,
            Errno errno,
            boolean created) {
        static Target found(Location l) {
            return new Target(l, null, null, null, null, false);
        }

        static Target failed(SetupStep step, String syscall, Errno errno) {
            return new Target(null, null, step, syscall, errno, false);
        }
    }

    /**
     * A directory attached onto a non-directory or the other way round, named as the Linux
     * backend names it with the same {@code linux.mount-api} option: with the new mount API (the
     * default) the detached tree is refused by {@code move_mount} (EINVAL); with the classic one
     * by {@code mount(2)} itself (ENOTDIR).
     */
    private MountStepException attachMismatch(SetupStep classicStep, String dest) {
        String detail = "a directory and a non-directory cannot be mounted on each other";
        if (spec.option("linux.mount-api", "auto").equals("classic")) {
            return fail(classicStep, "mount", Errno.ENOTDIR, dest, detail);
        }
        return fail(
                SetupStep.MOVE_MOUNT, SetupStep.MOVE_MOUNT.syscall(), Errno.EINVAL, dest, detail);
    }

    /** The system call that resolves targets, as the Linux backend's {@code linux.resolve}. */
    private String resolveSyscall() {
        return spec.option("linux.resolve", "auto").equals("walk") ? "openat" : "openat2";
    }

    private void check(Faults.Step step, String path, SetupStep stepName, String syscall)
            throws MountStepException {
        try {
            kernel.faults().check(step, path);
        } catch (ErrnoException e) {
            throw fail(stepName, syscall, e.errno(), path, "");
        }
    }

    private static MountStepException fail(
            SetupStep step, String syscall, Errno errno, String dest, String detail) {
        return new MountStepException(
                step, syscall, errno.number(), errno.describe(), dest, detail, null);
    }

    private <T> T underLock(Kernel.Locked<T, MountStepException> op) throws MountStepException {
        return kernel.exclusive(op);
    }
}
