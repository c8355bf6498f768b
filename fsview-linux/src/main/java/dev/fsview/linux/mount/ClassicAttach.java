package dev.fsview.linux.mount;

import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.linux.setup.Steps;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SysMount;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
        long parent = mountIdOf(dest, target);
        Set<Long> before = table(dest).childIds(parent);
        steps.exec(SetupStep.BIND, dest,
                () -> SysMount.mount(source.procPath(), target.procPath(), null, flags, null));
        String real = realPath(dest, target);
        if (!mount.writable()) {
            steps.exec(SetupStep.REMOUNT_RO, dest, () -> SysMount.mount(null, real, null,
                    Linux.MS_REMOUNT | Linux.MS_BIND | Linux.MS_RDONLY, null));
        }
        // Private: the lazy unmount when the view ends must not propagate to the source's peers.
        steps.exec(SetupStep.MAKE_PRIVATE, dest,
                () -> SysMount.mount(null, real, null, Linux.MS_PRIVATE | Linux.MS_REC, null));
        boolean recursive = mount.recursiveReadOnly() && RecursiveReadOnly.apply(steps, mount,
                () -> SysMount.mountSetattr(Linux.AT_FDCWD, real, Linux.AT_RECURSIVE,
                        Linux.MOUNT_ATTR_RDONLY, 0, real));
        if (!mount.writable()) {
            verifyReadOnly(dest, real, parent, before, recursive);
        }
    }

    /**
     * The by-path steps name the mount by a path a process in the container can redirect with a
     * rename between the bind and the remount (say to the host's /sys, a mount root too). Checks
     * in the mount table that the read-only flag reached the mount the bind made, and fails closed
     * otherwise: a read-only volume is never left writable.
     */
    private void verifyReadOnly(String dest, String real, long parent, Set<Long> before,
            boolean recursive) throws MountStepException {
        MountTable after = table(dest);
        List<MountTable.Mount> made = after.newChildren(parent, before);
        steps.exec(SetupStep.VERIFY_READ_ONLY, dest, () -> {
            if (made.size() != 1) {
                throw Steps.refusal(SetupStep.VERIFY_READ_ONLY, dest, "expected the bind to add one "
                        + "mount below the target's, found " + made.size());
            }
        });
        MountTable.Mount ours = made.get(0);
        List<MountTable.Mount> check = new ArrayList<>(List.of(ours));
        if (recursive) {
            check.addAll(after.descendants(ours.id()));
        }
        for (MountTable.Mount m : check) {
            if (!m.readOnly()) {
                // Rename race: the remount went to whatever the real path named by then.
                throw Steps.refusal(SetupStep.VERIFY_READ_ONLY, dest, "the volume mount at "
                        + m.mountPoint() + " is still writable after remounting " + real
                        + " read-only: a path component changed during setup (a rename race?)");
            }
        }
    }

    private long mountIdOf(String dest, Fd target) throws MountStepException {
        try {
            return MountTable.mountIdOf(target);
        } catch (IOException | RuntimeException e) {
            throw unreadable(dest, e);
        }
    }

    private MountTable table(String dest) throws MountStepException {
        try {
            return MountTable.read();
        } catch (IOException | RuntimeException e) {
            throw unreadable(dest, e);
        }
    }

    private static MountStepException unreadable(String dest, Exception e) {
        return new MountStepException(SetupStep.VERIFY_READ_ONLY, "", 0, "", dest,
                "cannot read the view's mount table to check the read-only flag: " + e, e);
    }

    @Override
    public void tmpfs(MountSpec mount, Fd target) throws MountStepException {
        String dest = mount.destination();
        steps.exec(SetupStep.TMPFS, dest, () -> SysMount.mount("tmpfs", target.procPath(), "tmpfs",
                Linux.MS_NOSUID | Linux.MS_NODEV, AttachStrategy.tmpfsOptions(mount)));
        String real = realPath(dest, target);
        steps.exec(SetupStep.MAKE_PRIVATE, dest,
                () -> SysMount.mount(null, real, null, Linux.MS_PRIVATE, null));
    }

    private String realPath(String dest, Fd target) throws MountStepException {
        return steps.run(SetupStep.READLINK_TARGET, dest,
                () -> Sys.readlinkat(Linux.AT_FDCWD, target.procPath()));
    }

    @Override
    public String name() {
        return "classic";
    }
}
