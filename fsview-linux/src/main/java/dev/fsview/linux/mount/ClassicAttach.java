package dev.fsview.linux.mount;

import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.linux.setup.Step;
import dev.fsview.linux.setup.Steps;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SysMount;

/**
 * The seed's sequence: bind onto {@code /proc/self/fd/N} (so the mount lands on the pinned inode
 * whatever a racing process renames), read the link back to get the real path, then remount
 * read-only, make private and make recursively read-only by that path (the kernel refuses remount
 * and propagation changes through the magic link, which points below the new mount).
 *
 * <p>Between the bind and the remount the mount is briefly writable, and the later steps go by
 * path; the {@link NewApiAttach new API} has neither weakness and is preferred where the kernel has
 * it.
 */
public final class ClassicAttach implements AttachStrategy {
    private final Steps steps;

    /**
     * Creates the strategy.
     *
     * @param steps the step runner
     */
    public ClassicAttach(Steps steps) {
        this.steps = steps;
    }

    @Override
    public void bind(MountSpec mount, Fd source, Fd target) throws MountStepException {
        String dest = mount.destination();
        long flags = Linux.MS_BIND | (mount.nonRecursive() ? 0 : Linux.MS_REC);
        steps.exec(Step.BIND, dest,
                () -> SysMount.mount(source.procPath(), target.procPath(), null, flags, null));
        String real = realPath(dest, target);
        if (!mount.writable()) {
            steps.exec(Step.REMOUNT_RO, dest, () -> SysMount.mount(null, real, null,
                    Linux.MS_REMOUNT | Linux.MS_BIND | Linux.MS_RDONLY, null));
        }
        // Private: the lazy unmount when the view ends must not propagate to the source's peers.
        steps.exec(Step.MAKE_PRIVATE, dest,
                () -> SysMount.mount(null, real, null, Linux.MS_PRIVATE | Linux.MS_REC, null));
        if (mount.recursiveReadOnly()) {
            RecursiveReadOnly.apply(steps, mount, () -> SysMount.mountSetattr(Linux.AT_FDCWD, real,
                    Linux.AT_RECURSIVE, Linux.MOUNT_ATTR_RDONLY, 0, real));
        }
    }

    @Override
    public void tmpfs(MountSpec mount, Fd target) throws MountStepException {
        String dest = mount.destination();
        steps.exec(Step.TMPFS, dest, () -> SysMount.mount("tmpfs", target.procPath(), "tmpfs",
                Linux.MS_NOSUID | Linux.MS_NODEV, AttachStrategy.tmpfsOptions(mount)));
        String real = realPath(dest, target);
        steps.exec(Step.MAKE_PRIVATE, dest,
                () -> SysMount.mount(null, real, null, Linux.MS_PRIVATE, null));
    }

    private String realPath(String dest, Fd target) throws MountStepException {
        return steps.run(Step.READLINK_TARGET, dest,
                () -> Sys.readlinkat(Linux.AT_FDCWD, target.procPath()));
    }

    @Override
    public String name() {
        return "classic";
    }
}
