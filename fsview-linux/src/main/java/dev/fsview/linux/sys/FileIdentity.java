package dev.fsview.linux.sys;

/**
 * What names one file object in one mount: its device, its inode and the id of the mount the path
 * reached it through ({@code statx}: {@code stx_dev_*}, {@code stx_ino}, {@code stx_mnt_id}). Two
 * live mounts never share an id, so two paths with equal identities reach the same object through
 * the same mount, whichever namespace they were looked up in.
 *
 * @param dev the device, {@code major << 32 | minor}
 * @param ino the inode number
 * @param mountId the mount's id; -1 where the kernel does not report it (before Linux 5.8)
 */
public record FileIdentity(long dev, long ino, long mountId) {
    /**
     * Whether the kernel reported the mount id, so that {@link #equals} tells mounts apart too.
     *
     * @return {@code true} if {@link #mountId()} is known
     */
    public boolean knowsMount() {
        return mountId >= 0;
    }

    // equals and hashCode written out: a record's generated ones are bootstrapped by
    // ObjectMethods at their first call, which spins method-handle classes (about 15, several
    // milliseconds) on the thread that first compares, here a view thread during its open.

    @Override
    public boolean equals(Object o) {
        return o instanceof FileIdentity other
                && dev == other.dev
                && ino == other.ino
                && mountId == other.mountId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(dev) * 961 + Long.hashCode(ino) * 31 + Long.hashCode(mountId);
    }
}
