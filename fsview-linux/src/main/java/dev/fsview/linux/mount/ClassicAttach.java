package dev.fsview.linux.mount;

import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.linux.step.Steps;
import dev.fsview.linux.sys.Arch;
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
 * open the new mount by that path and check in the view's mount table that the fd is on the mount
 * the bind made (the magic link of the target fd points below the new mount, where the kernel
 * refuses remounts). Remount read-only and nodev, make private and recursively read-only and nodev
 * through that pinned fd, then check every flag in the mount table.
 *
 * <p>Between the bind and the remount the mount is briefly writable, and it is found by path once;
 * a rename race there fails the open ({@link SetupStep#OPEN_MOUNT}), never leaves a mount writable.
 * The {@link NewApiAttach new API} has no such window and is preferred where the kernel has it.
 */
public final class ClassicAttach implements AttachStrategy {
    private final Steps steps;
    private final boolean nodev;

    /**
     * Creates the strategy.
     *
     * @param steps the step runner
     * @param nodev whether every bind (and the root) is made nodev, submounts included
     */
    public ClassicAttach(Steps steps, boolean nodev) {
        this.steps = steps;
        this.nodev = nodev;
    }

    @Override
    public void bind(MountSpec mount, Fd source, Fd target) throws MountStepException {
        String dest = mount.destination();
        long flags = Linux.MS_BIND | (mount.nonRecursive() ? 0 : Linux.MS_REC);
        long parent = mountIdOf(dest, target);
        Set<Long> before = table(dest).childIds(parent);
        steps.exec(
                SetupStep.BIND,
                dest,
                () -> SysMount.mount(source.procPath(), target.procPath(), null, flags, null));
        String real = realPath(dest, target);
        List<MountTable.Mount> made = table(dest).newChildren(parent, before);
        steps.exec(SetupStep.VERIFY_READ_ONLY, dest, () -> {
            if (made.size() != 1) {
                throw Steps.refusal(
                        SetupStep.VERIFY_READ_ONLY,
                        dest,
                        "expected the bind to add one " + "mount below the target's, found "
                                + made.size());
            }
        });
        try (Fd pinned = openMount(dest, real, made.get(0).id())) {
            lock(
                    dest,
                    pinned,
                    !mount.writable(),
                    mount.recursiveReadOnly(),
                    mount.readOnlyForceRecursive());
        }
    }

    @Override
    public void lockRoot(Fd root, String hostRoot, boolean readOnly) throws MountStepException {
        // By the host path, which lies outside the container: nothing in it can rename that.
        steps.exec(
                SetupStep.BIND_ROOT,
                "/",
                () -> SysMount.mount(hostRoot, hostRoot, null, Linux.MS_BIND | Linux.MS_REC, null));
        try (Fd pinned = openMount("/", hostRoot, -1)) {
            lock("/", pinned, readOnly, false, false);
        }
    }

    /**
     * Remounts, makes private, read-only and nodev through the pinned fd of the new mount, then
     * checks the flags in the view's mount table.
     */
    private void lock(String dest, Fd pinned, boolean readOnly, boolean recursiveRo, boolean force)
            throws MountStepException {
        String magic = pinned.procPath();
        long nodevFlag = nodev ? Linux.MS_NODEV : 0;
        if (readOnly) {
            steps.exec(
                    SetupStep.REMOUNT_RO,
                    dest,
                    () -> SysMount.mount(
                            null,
                            magic,
                            null,
                            Linux.MS_REMOUNT | Linux.MS_BIND | Linux.MS_RDONLY | nodevFlag,
                            null));
        } else if (nodev) {
            // A device node in the container (say a host disk's major:minor) would open the host's
            // device.
            steps.exec(
                    SetupStep.REMOUNT_NODEV,
                    dest,
                    () -> SysMount.mount(
                            null,
                            magic,
                            null,
                            Linux.MS_REMOUNT | Linux.MS_BIND | Linux.MS_NODEV,
                            null));
        }
        // Private: the lazy unmount when the view ends must not propagate to the source's peers.
        steps.exec(
                SetupStep.MAKE_PRIVATE,
                dest,
                () -> SysMount.mount(null, magic, null, Linux.MS_PRIVATE | Linux.MS_REC, null));
        // Through the pinned fd, never by path: a rename in the container cannot redirect it.
        boolean recursive = readOnly
                && recursiveRo
                && RecursiveReadOnly.apply(
                        steps,
                        SetupStep.RECURSIVE_RO,
                        dest,
                        force,
                        () -> SysMount.mountSetattr(
                                pinned.get(),
                                "",
                                Linux.AT_EMPTY_PATH | Linux.AT_RECURSIVE,
                                Linux.MOUNT_ATTR_RDONLY,
                                0,
                                dest));
        if (nodev) {
            RecursiveReadOnly.apply(
                    steps,
                    SetupStep.NODEV,
                    dest,
                    false,
                    () -> SysMount.mountSetattr(
                            pinned.get(),
                            "",
                            Linux.AT_EMPTY_PATH | Linux.AT_RECURSIVE,
                            Linux.MOUNT_ATTR_NODEV,
                            0,
                            dest));
        }
        verify(dest, mountIdOf(dest, pinned), readOnly, recursive);
    }

    /**
     * Opens the mount a bind just made by its real path and checks that the fd is on that mount's
     * root: a rename in the container between the bind and here fails the open instead.
     */
    private Fd openMount(String dest, String real, long expected) throws MountStepException {
        Fd fd = new Fd(
                steps.run(
                        SetupStep.OPEN_MOUNT,
                        dest,
                        () -> Sys.openat(
                                Linux.AT_FDCWD,
                                real,
                                Arch.O_PATH | Arch.O_CLOEXEC | Arch.current().oNofollow(),
                                0)),
                "mount at " + dest);
        try {
            long id = mountIdOf(dest, fd);
            boolean mountRoot = steps.run(
                    SetupStep.OPEN_MOUNT,
                    dest,
                    () -> Sys.statx(fd.get(), "", Linux.AT_EMPTY_PATH).isMountRoot());
            if (!mountRoot || (expected >= 0 && id != expected)) {
                // Rename race: the real path now names another mount, or a directory inside one.
                throw Steps.refusal(
                        SetupStep.OPEN_MOUNT,
                        dest,
                        real + " no longer names the root "
                                + "of the mount just made: a path component changed during setup (a rename "
                                + "race?)");
            }
            return fd;
        } catch (MountStepException | RuntimeException e) {
            fd.close();
            throw e;
        }
    }

    /**
     * The flags are checked in the view's mount table, whatever the calls returned: read-only on
     * the mount (and every submount when recursive read-only took), nodev on it and every submount.
     */
    private void verify(String dest, long id, boolean readOnly, boolean recursive)
            throws MountStepException {
        MountTable after = table(dest);
        MountTable.Mount ours = after.byId(id);
        List<MountTable.Mount> below = after.descendants(id);
        steps.exec(SetupStep.VERIFY_READ_ONLY, dest, () -> {
            if (ours == null) {
                throw Steps.refusal(
                        SetupStep.VERIFY_READ_ONLY,
                        dest,
                        "the mount just made is not " + "in the view's mount table");
            }
            List<MountTable.Mount> check = new ArrayList<>(List.of(ours));
            if (recursive) {
                check.addAll(below);
            }
            for (MountTable.Mount m : readOnly ? check : List.<MountTable.Mount>of()) {
                if (!m.readOnly()) {
                    // A read-only volume left writable: a race or a kernel that dropped the flag.
                    throw Steps.refusal(
                            SetupStep.VERIFY_READ_ONLY,
                            dest,
                            "the mount at " + m.mountPoint()
                                    + " is still writable after it was made read-only");
                }
            }
        });
        if (nodev) {
            steps.exec(SetupStep.VERIFY_NODEV, dest, () -> {
                List<MountTable.Mount> check = new ArrayList<>(List.of(ours));
                check.addAll(below);
                for (MountTable.Mount m : check) {
                    if (!m.nodev()) {
                        // A device node there would open the host's device.
                        throw Steps.refusal(
                                SetupStep.VERIFY_NODEV,
                                dest,
                                "the mount at "
                                        + m.mountPoint()
                                        + " still opens device nodes after it was made "
                                        + "nodev (a kernel without mount_setattr cannot make submounts "
                                        + "nodev: use ViewSpec.Builder.allowDevices() or a newer kernel)");
                    }
                }
            });
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
        return new MountStepException(
                SetupStep.VERIFY_READ_ONLY,
                "",
                0,
                "",
                dest,
                "cannot read the view's mount table to check the read-only flag: " + e,
                e);
    }

    @Override
    public void tmpfs(MountSpec mount, Fd target) throws MountStepException {
        String dest = mount.destination();
        steps.exec(
                SetupStep.TMPFS,
                dest,
                () -> SysMount.mount(
                        "tmpfs",
                        target.procPath(),
                        "tmpfs",
                        Linux.MS_NOSUID | Linux.MS_NODEV,
                        AttachStrategy.tmpfsOptions(mount)));
        String real = realPath(dest, target);
        steps.exec(
                SetupStep.MAKE_PRIVATE,
                dest,
                () -> SysMount.mount(null, real, null, Linux.MS_PRIVATE, null));
    }

    private String realPath(String dest, Fd target) throws MountStepException {
        return steps.run(
                SetupStep.READLINK_TARGET,
                dest,
                () -> Sys.readlinkat(Linux.AT_FDCWD, target.procPath()));
    }

    @Override
    public String name() {
        return "classic";
    }
}
