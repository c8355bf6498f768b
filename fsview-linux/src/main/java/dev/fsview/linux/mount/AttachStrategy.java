package dev.fsview.linux.mount;

import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.linux.sys.Fd;

/** How a mount is attached to its pinned target: the seed's classic sequence or the new API. */
public interface AttachStrategy {
    /**
     * Bind-mounts a source onto the target with the spec's options.
     *
     * @param mount a bind spec
     * @param source the source, opened by {@link MountSource}
     * @param target the pinned target
     * @throws MountStepException if a step fails
     */
    void bind(MountSpec mount, Fd source, Fd target) throws MountStepException;

    /**
     * Mounts a fresh tmpfs, private to this view, onto the target.
     *
     * @param mount a tmpfs spec
     * @param target the pinned target (a directory)
     * @throws MountStepException if a step fails
     */
    void tmpfs(MountSpec mount, Fd target) throws MountStepException;

    /**
     * Makes the root's mount nodev (submounts included) and, if asked, read-only (that mount only:
     * volumes keep their own modes), after every volume is attached and before the root switch.
     * Leaves the root a mount point, so the root switch pivots to it without binding it again.
     *
     * @param root the container root's fd
     * @param hostRoot the container root's host path
     * @param readOnly whether the root itself is made read-only
     * @throws MountStepException if a step fails
     */
    void lockRoot(Fd root, String hostRoot, boolean readOnly) throws MountStepException;

    /**
     * Returns the strategy's name.
     *
     * @return {@code "classic"} or {@code "new"}
     */
    String name();

    /**
     * The tmpfs options string, as {@code mount -o} takes it.
     *
     * @param mount a tmpfs spec
     * @return e.g. {@code "mode=1777,size=1048576"}
     */
    static String tmpfsOptions(MountSpec mount) {
        String mode = "mode=" + Integer.toOctalString(mount.tmpfsMode());
        return mount.tmpfsSizeBytes() > 0 ? mode + ",size=" + mount.tmpfsSizeBytes() : mode;
    }
}
