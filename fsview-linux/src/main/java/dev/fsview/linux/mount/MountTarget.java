package dev.fsview.linux.mount;

import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.linux.step.Steps;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Statx;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SysMount;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Finds or creates a mount's target inside the container root and pins it with an {@code O_PATH}
 * fd, the way moby does ({@code GetResourcePath}, i.e. {@code FollowSymlinkInScope}, then
 * {@code os.Root.MkdirAll}), with the kernel (or the {@link WalkResolver}) doing every lookup
 * relative to the root fd.
 *
 * <p>A destination through a dangling symlink is first resolved in the root's scope: the link is
 * read and followed inside the root (an absolute target from the root, {@code ..} stopping at it),
 * so {@code /var/run/app.sock} with {@code /var/run -> /run} and no {@code /run} becomes
 * {@code /run/app.sock}. A destination that resolves to the root itself is refused.
 *
 * <p>A missing target is created one component at a time, each in the directory fd its parent
 * resolved to: directories for the path, and for the last component a directory or (for a file
 * source) an empty file created with {@code O_CREAT | O_EXCL | O_NOFOLLOW}, so an existing socket
 * or FIFO is never opened. Each created component is logged at INFO with its container path and
 * remembered, so that a failed open removes them ({@link #removeCreated()}). With
 * {@code createMissingTargets(false)} a missing target is refused instead.
 */
public final class MountTarget {
    private static final Logger LOG = LoggerFactory.getLogger(MountTarget.class);
    /** Mode of created directories and files, as moby creates them. */
    static final int CREATE_MODE = 0755;
    /** Symlinks followed while resolving one destination, as the kernel's limit. */
    private static final int MAX_LINKS = 40;

    private final TargetResolver resolver;
    private final Steps steps;
    private final boolean createMissing;
    private final List<Created> created = new ArrayList<>();
    private final int procDir;
    private String rootPath;
    private int rootPathFd = -1;

    /** A component this setup created: its parent (pinned), name and container path. */
    private record Created(Fd parent, String name, boolean directory, String containerPath) {}

    /**
     * Creates the helper.
     *
     * @param resolver how paths are resolved inside the root
     * @param steps the step runner
     * @param createMissing whether missing targets are created ({@code false}: refused)
     */
    public MountTarget(TargetResolver resolver, Steps steps, boolean createMissing) {
        this(resolver, steps, createMissing, -1);
    }

    /**
     * Creates the helper for a thread that has no {@code /proc} by path (in the empty namespace):
     * the kernel's names of fds are read through that thread's {@code /proc} directory, opened
     * while it was on the host.
     *
     * @param resolver how paths are resolved inside the root
     * @param steps the step runner
     * @param createMissing whether missing targets are created ({@code false}: refused)
     * @param procDir an fd of {@code /proc/thread-self}, or -1 to look names up by path
     */
    public MountTarget(TargetResolver resolver, Steps steps, boolean createMissing, int procDir) {
        this.resolver = resolver;
        this.steps = steps;
        this.createMissing = createMissing;
        this.procDir = procDir;
    }

    /** The kernel's name of an fd: {@code readlink /proc/self/fd/N}, or through procDir. */
    private String nameOf(int fd) throws SyscallException {
        return procDir < 0
                ? Sys.readlinkat(Linux.AT_FDCWD, "/proc/self/fd/" + fd)
                : Sys.readlinkat(procDir, "fd/" + fd);
    }

    /**
     * A target pinned by its fd, and the kernel's name for it when it was pinned (a host path:
     * targets are resolved before the root switch), by which a later mount is known to lie below
     * it.
     *
     * @param fd the {@code O_PATH} fd of the target
     * @param path {@code readlink /proc/self/fd/N} of it
     */
    public record Pinned(Fd fd, String path) implements AutoCloseable {
        /**
         * Whether this target is another's, or lies below it.
         *
         * @param other the kernel's name of the other target
         * @return {@code true} if a mount on {@code other} covers this target
         */
        public boolean isAtOrBelow(String other) {
            return path.equals(other) || path.startsWith(other.endsWith("/") ? other : other + "/");
        }

        @Override
        public void close() {
            fd.close();
        }
    }

    /**
     * Resolves a destination inside the root, creating it if missing, and pins it.
     *
     * @param rootFd the container root's fd
     * @param destination the cleaned absolute container path
     * @param directory whether a missing target is created as a directory (else an empty file)
     * @return the pinned target; the caller closes it
     * @throws MountStepException if it cannot be resolved or created
     */
    public Pinned open(int rootFd, String destination, boolean directory)
            throws MountStepException {
        Resolved r = resolveInScope(rootFd, destination);
        if (!r.complete()) {
            refuseCreating(destination, r.path());
            return refuseRoot(rootFd, destination, create(rootFd, r.path(), directory));
        }
        return refuseRoot(rootFd, destination, pin(r, destination));
    }

    /**
     * The fd the walk opened for the whole resolved path: resolving it again would be the same
     * {@code openat2} from the same root fd, one system call more.
     */
    private Fd pin(Resolved r, String destination) throws MountStepException {
        try {
            return new Fd(steps.run(SetupStep.RESOLVE_TARGET, destination, r::fd), destination);
        } catch (MountStepException | RuntimeException e) {
            Sys.close(r.fd());
            throw e;
        }
    }

    /**
     * Checks, creating nothing, that a destination exists or can be created: resolves it in the
     * root's scope (following dangling links there) and, with {@code createMissingTargets(false)},
     * refuses a missing one. Run for every mount before the first target is created, so a bad
     * destination fails the open with the root untouched.
     *
     * <p>An existing target comes back pinned, with its kernel name: the caller may attach to it
     * (the object checked is then the object mounted on, and it is not resolved a second time)
     * unless an earlier mount has landed on it or on a directory above it by then ({@link
     * Pinned#isAtOrBelow}); such a target must be resolved again ({@link #open}), into that mount,
     * as moby resolves each destination once the mounts before it are in place.
     *
     * @param rootFd the container root's fd
     * @param destination the cleaned absolute container path
     * @return the pinned target, which the caller closes; {@code null} if it is missing (then
     *     created by {@link #open})
     * @throws MountStepException if it cannot be resolved, resolves to the root, or is missing
     *     and may not be created
     */
    public Pinned check(int rootFd, String destination) throws MountStepException {
        Resolved r = resolveInScope(rootFd, destination);
        if (!r.complete()) {
            refuseCreating(destination, r.path());
            return null;
        }
        return refuseRoot(rootFd, destination, pin(r, destination));
    }

    /**
     * The destination after following dangling links in scope, and whether it all exists; if it
     * does, {@code fd} is the {@code O_PATH} fd of the whole path, which the caller owns.
     */
    private record Resolved(String path, boolean complete, int fd) {}

    private Resolved resolveInScope(int rootFd, String destination) throws MountStepException {
        String path = destination;
        int[] whole = {-1};
        for (int links = 0; links <= MAX_LINKS; links++) {
            String next = followDangling(rootFd, destination, path, whole);
            if (next == null) {
                return new Resolved(path, false, -1);
            }
            if (next.equals(path)) {
                return new Resolved(path, true, whole[0]);
            }
            if (next.equals("/")) {
                // A mount over the root would hide the whole container (tmp -> / with a mount at
                // /tmp).
                throw Steps.refusal(
                        SetupStep.RESOLVE_TARGET,
                        destination,
                        "the mount destination " + destination
                                + " resolves to the container root (through " + path + ")");
            }
            LOG.debug(
                    "mount destination {}: {} resolves in the root to {}", destination, path, next);
            path = next;
        }
        throw Steps.refusal(
                SetupStep.RESOLVE_TARGET,
                destination,
                "more than " + MAX_LINKS
                        + " dangling symlinks while resolving the mount destination "
                        + destination);
    }

    /**
     * Walks {@code path} prefix by prefix: returns it unchanged if every component resolves (and
     * puts the fd of the whole path in {@code whole[0]}),
     * {@code null} if a component is missing (not a link), or the path with the first dangling
     * link's target put in its place, cleaned lexically inside the root.
     */
    private String followDangling(int rootFd, String destination, String path, int[] whole)
            throws MountStepException {
        try {
            // The common case, an existing target, in one openat2; any failure is walked again
            // prefix by prefix below, which finds (and reports) the component at fault.
            whole[0] = resolver.open(rootFd, path.substring(1));
            return path;
        } catch (SyscallException walkToFindWhy) {
            whole[0] = -1;
        }
        String[] parts = path.substring(1).split("/");
        for (int k = 0; k < parts.length; k++) {
            final int i = k;
            String prefix = prefix(parts, i);
            try {
                int fd = resolver.open(rootFd, prefix.substring(1));
                if (i == parts.length - 1) {
                    whole[0] = fd; // the whole path resolves: the caller pins this fd
                } else {
                    Sys.close(fd);
                }
                continue;
            } catch (SyscallException e) {
                if (!e.is(Errno.ENOENT)) {
                    throw Steps.failure(SetupStep.RESOLVE_TARGET, destination, e);
                }
            }
            String parent = i == 0 ? "/" : prefix(parts, i - 1);
            try (Fd parentFd = i == 0
                    ? null
                    : new Fd(
                            steps.run(
                                    SetupStep.RESOLVE_TARGET,
                                    destination,
                                    () -> resolver.open(rootFd, parent.substring(1))),
                            parent)) {
                int dirfd = parentFd == null ? rootFd : parentFd.get();
                String link = steps.run(SetupStep.RESOLVE_TARGET, destination, () -> {
                    try {
                        Statx st = Sys.statx(dirfd, parts[i], Linux.AT_SYMLINK_NOFOLLOW);
                        return st.isSymlink() ? Sys.readlinkat(dirfd, parts[i]) : null;
                    } catch (SyscallException e) {
                        if (e.is(Errno.ENOENT)) {
                            return null;
                        }
                        throw e;
                    }
                });
                if (link == null) {
                    return null;
                }
                // The parent's own place in the root: earlier links in the prefix are followed.
                String base = link.startsWith("/") ? "" : containerPathOf(rootFd, dirfd, parent);
                StringBuilder rest = new StringBuilder(base).append('/').append(link);
                for (int j = i + 1; j < parts.length; j++) {
                    rest.append('/').append(parts[j]);
                }
                return cleanInRoot(rest.toString());
            }
        }
        return path;
    }

    /** Where a directory fd lies inside the root, from the kernel's names of both. */
    private String containerPathOf(int rootFd, int dirfd, String fallback)
            throws MountStepException {
        if (dirfd == rootFd) {
            return "";
        }
        String root = rootPath(rootFd, fallback);
        String dir = steps.run(SetupStep.RESOLVE_TARGET, fallback, () -> nameOf(dirfd));
        String prefix = root.equals("/") ? "" : root;
        if (!dir.startsWith(prefix + "/")) {
            // Renamed out of the root while we looked (or on another mount): do not guess.
            throw Steps.refusal(
                    SetupStep.RESOLVE_TARGET,
                    fallback,
                    "cannot tell where " + fallback + " lies inside the root (" + dir + ")");
        }
        return dir.substring(prefix.length());
    }

    /** Lexical cleaning, {@code ..} stopping at the root (as securejoin and moby do). */
    static String cleanInRoot(String path) {
        Deque<String> out = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                out.pollLast();
            } else {
                out.addLast(part);
            }
        }
        return "/" + String.join("/", out);
    }

    /** {@code createMissingTargets(false)}: a missing target is refused, before anything changes. */
    private void refuseCreating(String destination, String resolved) throws MountStepException {
        if (!createMissing) {
            throw Steps.refusal(
                    SetupStep.CREATE_TARGET,
                    destination,
                    "the mount target "
                            + resolved + " does not exist in the container root, and the spec says "
                            + "createMissingTargets(false); create it in the root, or allow fsview to");
        }
    }

    /**
     * Gives the kernel's name of the root fd when the caller has read it already.
     *
     * @param rootFd the container root's fd
     * @param path its name, as {@code readlink /proc/self/fd/N} gave it
     */
    public void knowRootPath(int rootFd, String path) {
        rootPath = path;
        rootPathFd = rootFd;
    }

    /**
     * The kernel's name of the root fd, read once per setup: the root directory is the host's,
     * named by the spec, and nothing in the container can rename it or an ancestor.
     */
    private String rootPath(int rootFd, String containerPath) throws MountStepException {
        if (rootPath == null || rootPathFd != rootFd) {
            rootPath = steps.run(SetupStep.RESOLVE_TARGET, containerPath, () -> nameOf(rootFd));
            rootPathFd = rootFd;
        }
        return rootPath;
    }

    /** A target that is the root itself (say tmp -> / with a mount at /tmp) is refused. */
    private Pinned refuseRoot(int rootFd, String destination, Fd target) throws MountStepException {
        try {
            String root = rootPath(rootFd, destination);
            String mine =
                    steps.run(SetupStep.RESOLVE_TARGET, destination, () -> nameOf(target.get()));
            if (root.equals(mine)) {
                // A mount over the root would hide the whole container behind the volume.
                throw Steps.refusal(
                        SetupStep.RESOLVE_TARGET,
                        destination,
                        "the mount destination " + destination + " resolves to the container root");
            }
            return new Pinned(target, mine);
        } catch (MountStepException | RuntimeException e) {
            target.close();
            throw e;
        }
    }

    /**
     * Removes, last first, every component this setup created: called when the open failed, once
     * the view's mounts are gone, so the root is left as it was. A component something else has
     * filled meanwhile stays (rmdir refuses a non-empty directory).
     */
    public void removeCreated() {
        for (int i = created.size() - 1; i >= 0; i--) {
            Created c = created.get(i);
            try {
                SysMount.unlinkat(
                        c.parent().get(), c.name(), c.directory() ? SysMount.AT_REMOVEDIR : 0);
                LOG.info("removed the mount target {} this failed open created", c.containerPath());
            } catch (SyscallException e) {
                LOG.warn(
                        "could not remove the mount target {} that a failed open created: {}",
                        c.containerPath(),
                        e.getMessage());
            }
        }
        forgetCreated();
    }

    /** Keeps what was created (the open succeeded) and closes the fds pinning their parents. */
    public void forgetCreated() {
        created.forEach(c -> c.parent().close());
        created.clear();
    }

    private Fd create(int rootFd, String destination, boolean directory) throws MountStepException {
        String[] parts = destination.substring(1).split("/");
        Fd parent = null;
        try {
            for (int i = 0; i < parts.length; i++) {
                String prefix = prefix(parts, i);
                boolean last = i == parts.length - 1;
                Fd next = openOrCreate(
                        rootFd,
                        parent == null ? rootFd : parent.get(),
                        parts[i],
                        prefix,
                        last && !directory);
                if (parent != null) {
                    parent.close();
                }
                parent = next;
            }
            Fd target = parent;
            parent = null;
            return target;
        } finally {
            if (parent != null) {
                parent.close();
            }
        }
    }

    /** Resolves one prefix of the destination, creating its last component if it is missing. */
    private Fd openOrCreate(int rootFd, int parentFd, String name, String prefix, boolean file)
            throws MountStepException {
        String relative = prefix.substring(1);
        try {
            return new Fd(resolver.open(rootFd, relative), prefix);
        } catch (SyscallException e) {
            if (!e.is(Errno.ENOENT)) {
                throw Steps.failure(SetupStep.RESOLVE_TARGET, prefix, e);
            }
        }
        steps.exec(SetupStep.CREATE_TARGET, prefix, () -> createIn(parentFd, name, prefix, file));
        return new Fd(
                steps.run(SetupStep.RESOLVE_TARGET, prefix, () -> resolver.open(rootFd, relative)),
                prefix);
    }

    private void createIn(int parentFd, String name, String prefix, boolean file)
            throws SyscallException, MountStepException {
        // Pinned first, so that a failed open removes exactly what it created, wherever it is now.
        Fd parent = new Fd(
                Sys.openat(
                        parentFd,
                        ".",
                        Arch.O_PATH | Arch.O_CLOEXEC | Arch.current().oDirectory(),
                        0),
                "parent of " + prefix);
        boolean made;
        try {
            made = createOnly(parentFd, name, prefix, file);
        } catch (SyscallException | MountStepException | RuntimeException e) {
            parent.close();
            throw e;
        }
        if (!made) {
            parent.close();
            return;
        }
        created.add(new Created(parent, name, !file, prefix));
        LOG.info(
                "created the missing mount target {} ({}) in the container root",
                prefix,
                file ? "an empty file" : "a directory");
    }

    /** Creates the component; false if something else created it first. */
    private static boolean createOnly(int parentFd, String name, String prefix, boolean file)
            throws SyscallException, MountStepException {
        try {
            if (file) {
                // O_EXCL | O_NOFOLLOW: never open whatever is already there (a FIFO would block, a
                // socket would fail, a symlink would be followed); create a new empty file or fail.
                int flags = Arch.O_CREAT
                        | Arch.O_EXCL
                        | Arch.O_WRONLY
                        | Arch.O_CLOEXEC
                        | Arch.current().oNofollow();
                Sys.close(Sys.openat(parentFd, name, flags, CREATE_MODE));
            } else {
                Sys.mkdirat(parentFd, name, CREATE_MODE);
            }
        } catch (SyscallException e) {
            if (!e.is(Errno.EEXIST)) {
                throw e;
            }
            refuseDanglingLink(parentFd, name, prefix);
            // Not a link: something created it concurrently; resolving it again decides.
            return false;
        }
        return true;
    }

    /** The name exists but did not resolve: if it is a symlink, it dangles. */
    private static void refuseDanglingLink(int parentFd, String name, String prefix)
            throws SyscallException, MountStepException {
        Statx st = Sys.statx(parentFd, name, Linux.AT_SYMLINK_NOFOLLOW);
        if (st.isSymlink()) {
            // Dangling symlink: creating "through" it would create wherever a hostile link says.
            throw Steps.refusal(
                    SetupStep.CREATE_TARGET,
                    prefix,
                    "refusing to create the mount target through the dangling symlink " + prefix
                            + " -> " + Sys.readlinkat(parentFd, name));
        }
    }

    private static String prefix(String[] parts, int last) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            b.append('/').append(parts[i]);
        }
        return b.toString();
    }
}
