package dev.fsview.linux.mount;

import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.linux.step.Steps;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.spi.Filepath;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Opens the source of a bind mount as an {@code O_PATH} fd, which the attach step then mounts
 * from, so the source is looked up exactly once. A source is a host path; but once its spelling
 * reaches the container root (say {@code <root>/data}, or {@code <root>/a/../../x}), the rest of it
 * is a container path and is resolved inside the root like a destination, {@code ..} stopping at
 * the root: every component below the root is the container's to plant symlinks in.
 */
public final class MountSource {
    private final TargetResolver resolver;
    private final Steps steps;
    private final Fd root;
    private final String[] rootPaths;

    private MountSource(TargetResolver resolver, Steps steps, Fd root, String[] rootPaths) {
        this.resolver = resolver;
        this.steps = steps;
        this.root = root;
        this.rootPaths = rootPaths;
    }

    /**
     * Creates the helper for one container root.
     *
     * @param resolver how paths inside the root are resolved
     * @param steps the step runner
     * @param root the container root's fd
     * @param rootPath the root as the spec gives it
     * @return the helper, which knows the root by its given and its real path
     * @throws MountStepException if the root's real path cannot be read
     */
    public static MountSource of(TargetResolver resolver, Steps steps, Fd root, String rootPath)
            throws MountStepException {
        String real = steps.run(
                SetupStep.OPEN_ROOT, "/", () -> Sys.readlinkat(Linux.AT_FDCWD, root.procPath()));
        return new MountSource(
                resolver, steps, root, new String[] {Filepath.clean(rootPath), real});
    }

    /**
     * The kernel's name of the root fd, as read when this helper was made.
     *
     * @return the root's real path on the host
     */
    public String realRoot() {
        return rootPaths[1];
    }

    /**
     * The same helper resolving sources inside the root from another fd of it (the view's copy
     * of the root's tree), still recognising them by their host spellings.
     *
     * @param otherRoot the fd to resolve from
     * @return the helper
     */
    public MountSource resolvingFrom(Fd otherRoot) {
        return new MountSource(resolver, steps, otherRoot, rootPaths);
    }

    /**
     * Says whether a source is spelled through the container root (and so resolves inside it).
     *
     * @param source the source as given in the spec
     * @return {@code true} if it lies at or below the root
     */
    public boolean isInRoot(String source) {
        return belowRoot(source) != null;
    }

    /**
     * Opens a bind source.
     *
     * @param source the source as given in the spec
     * @param destination the mount's destination, for messages
     * @return the source's fd; the caller closes it
     * @throws MountStepException step {@code stat-source} if it does not resolve
     */
    public Fd open(String source, String destination) throws MountStepException {
        String below = belowRoot(source);
        if (below != null) {
            // A source spelled through the container root: a symlink or ".." chain planted there
            // must not steer the mount to a host path, so it resolves inside the root.
            return new Fd(
                    steps.run(
                            SetupStep.STAT_SOURCE,
                            destination,
                            () -> below.isEmpty()
                                    ? Sys.openat(root.get(), ".", Arch.O_PATH | Arch.O_CLOEXEC, 0)
                                    : resolver.open(root.get(), below)),
                    source);
        }
        return new Fd(
                steps.run(
                        SetupStep.STAT_SOURCE,
                        destination,
                        () -> Sys.openat(Linux.AT_FDCWD, source, Arch.O_PATH | Arch.O_CLOEXEC, 0)),
                source);
    }

    /**
     * Walks the source's spelling lexically; once it stands on the root, returns the rest of the
     * spelling ("" for the root itself), else null.
     */
    String belowRoot(String source) {
        String[] parts = source.split("/");
        Deque<String> at = new ArrayDeque<>();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals("..")) {
                at.pollLast();
            } else if (!p.isEmpty() && !p.equals(".")) {
                at.addLast(p);
            }
            String here = "/" + String.join("/", at);
            for (String r : rootPaths) {
                if (here.equals(r)) {
                    return String.join("/", Arrays.asList(parts).subList(i + 1, parts.length))
                            .replaceAll("^/+", "");
                }
            }
        }
        return null;
    }

    /**
     * Says whether an opened source is a directory (else its target is created as a file).
     *
     * @param source the source's fd
     * @param destination the mount's destination, for messages
     * @return {@code true} for a directory
     * @throws MountStepException if it cannot be stat'ed
     */
    public boolean isDirectory(Fd source, String destination) throws MountStepException {
        return steps.run(
                SetupStep.STAT_SOURCE,
                destination,
                () -> Sys.statx(source.get(), "", Linux.AT_EMPTY_PATH).isDirectory());
    }
}
