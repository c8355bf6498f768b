package dev.fsview.fake.mount;

import dev.fsview.fake.host.Dentry;
import dev.fsview.fake.host.Inode;

/**
 * A place in a mount tree: a mount and a dentry of its file system (the kernel's
 * {@code struct path}). The same dentry seen through two mounts is two locations: one may be
 * read-only and the other not, and {@code ..} leaves them differently.
 *
 * @param mount the mount
 * @param dentry the dentry
 */
public record Location(Mount mount, Dentry dentry) {
    /** @return the inode at this location */
    public Inode inode() {
        return dentry.inode();
    }

    /** @return whether this location is the root of its mount */
    public boolean isMountRoot() {
        return dentry == mount.root();
    }

    /**
     * Compares by identity of mount and dentry, as the kernel's {@code path_equal}.
     *
     * @param other another location
     * @return whether both name the same mount and dentry
     */
    public boolean same(Location other) {
        return mount == other.mount && dentry == other.dentry;
    }
}
