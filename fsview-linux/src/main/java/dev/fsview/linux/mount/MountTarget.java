package dev.fsview.linux.mount;

import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.linux.setup.Steps;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Statx;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;

/**
 * Finds or creates a mount's target inside the container root and pins it with an {@code O_PATH}
 * fd, the way moby's {@code createIfNotExists} over {@code os.Root} does, with the kernel (or the
 * {@link WalkResolver}) doing every lookup relative to the root fd.
 *
 * <p>A missing target is created one component at a time, each in the directory fd its parent
 * resolved to: directories for the path, and for the last component a directory or (for a file
 * source) an empty file created with {@code O_CREAT | O_EXCL | O_NOFOLLOW}, so an existing socket
 * or FIFO is never opened. A component that exists but does not resolve is a dangling symlink;
 * fsview refuses to create through it rather than guess where it points.
 */
public final class MountTarget {
    /** Mode of created directories and files, as moby creates them. */
    static final int CREATE_MODE = 0755;

    private final TargetResolver resolver;
    private final Steps steps;

    /**
     * Creates the helper.
     *
     * @param resolver how paths are resolved inside the root
     * @param steps the step runner
     */
    public MountTarget(TargetResolver resolver, Steps steps) {
        this.resolver = resolver;
        this.steps = steps;
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
    public Fd open(int rootFd, String destination, boolean directory) throws MountStepException {
        String relative = destination.substring(1);
        try {
            return new Fd(steps.run(SetupStep.RESOLVE_TARGET, destination,
                    () -> resolver.open(rootFd, relative)), destination);
        } catch (MountStepException e) {
            if (e.errno() != Errno.ENOENT.number()) {
                throw e;
            }
        }
        return create(rootFd, destination, directory);
    }

    /**
     * Checks, creating nothing, that a destination exists or can be created: resolves it prefix
     * by prefix up to the first missing component, which must not be a dangling symlink. Run for
     * every mount before the first target is created, so a bad destination fails the open with the
     * root untouched.
     *
     * @param rootFd the container root's fd
     * @param destination the cleaned absolute container path
     * @throws MountStepException if a prefix does not resolve for another reason than a missing
     *     last component, or the first missing component is a dangling symlink
     */
    public void check(int rootFd, String destination) throws MountStepException {
        String[] parts = destination.substring(1).split("/");
        Fd parent = null;
        try {
            for (int i = 0; i < parts.length; i++) {
                String prefix = prefix(parts, i);
                Fd next;
                try {
                    next = new Fd(resolver.open(rootFd, prefix.substring(1)), prefix);
                } catch (SyscallException e) {
                    if (!e.is(Errno.ENOENT)) {
                        throw Steps.failure(SetupStep.RESOLVE_TARGET, prefix, e);
                    }
                    missing(parent == null ? rootFd : parent.get(), parts[i], prefix);
                    return;
                }
                if (parent != null) {
                    parent.close();
                }
                parent = next;
            }
        } finally {
            if (parent != null) {
                parent.close();
            }
        }
    }

    /** The first missing component of a destination: fine if absent, refused if it dangles. */
    private static void missing(int parentFd, String name, String prefix)
            throws MountStepException {
        try {
            refuseDanglingLink(parentFd, name, prefix);
        } catch (SyscallException e) {
            if (!e.is(Errno.ENOENT)) {
                throw Steps.failure(SetupStep.RESOLVE_TARGET, prefix, e);
            }
        }
    }

    private Fd create(int rootFd, String destination, boolean directory)
            throws MountStepException {
        String[] parts = destination.substring(1).split("/");
        Fd parent = null;
        try {
            for (int i = 0; i < parts.length; i++) {
                String prefix = prefix(parts, i);
                boolean last = i == parts.length - 1;
                Fd next = openOrCreate(rootFd, parent == null ? rootFd : parent.get(), parts[i],
                        prefix, last && !directory);
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
        return new Fd(steps.run(SetupStep.RESOLVE_TARGET, prefix, () -> resolver.open(rootFd, relative)),
                prefix);
    }

    private static void createIn(int parentFd, String name, String prefix, boolean file)
            throws SyscallException, MountStepException {
        try {
            if (file) {
                // O_EXCL | O_NOFOLLOW: never open whatever is already there (a FIFO would block, a
                // socket would fail, a symlink would be followed); create a new empty file or fail.
                int flags = Arch.O_CREAT | Arch.O_EXCL | Arch.O_WRONLY | Arch.O_CLOEXEC
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
        }
    }

    /** The name exists but did not resolve: if it is a symlink, it dangles. */
    private static void refuseDanglingLink(int parentFd, String name, String prefix)
            throws SyscallException, MountStepException {
        Statx st = Sys.statx(parentFd, name, Linux.AT_SYMLINK_NOFOLLOW);
        if (st.isSymlink()) {
            // Dangling symlink: creating "through" it would create wherever a hostile link says.
            throw Steps.refusal(SetupStep.CREATE_TARGET, prefix,
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
