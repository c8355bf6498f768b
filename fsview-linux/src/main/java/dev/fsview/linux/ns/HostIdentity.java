package dev.fsview.linux.ns;

import dev.fsview.linux.sys.FileIdentity;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;

/**
 * What a host thread sees, read on one: the identity of its root (device, inode and mount id) and
 * of its mount namespace (the nsfs inode behind {@code /proc/thread-self/ns/mnt}). A thread is
 * provably on the host when it sees the same two (see {@link SpareThreads} for the order).
 *
 * <p>These two are exactly what the kernel renders a thread's {@code /proc/thread-self/mountinfo}
 * from ({@code mounts_open_common}: the reader's mount namespace and its root; every line is a
 * mount of that namespace, its path relative to that root). So equal identities mean a mount table
 * equal byte for byte to the host thread's, without reading and comparing two mountinfo files on
 * every return: that took about 50 µs of CPU, and held the namespace lock that the next view's
 * {@code unshare} and mounts wait for; on a host with thousands of mounts, far longer. It also
 * never retires a thread because the host's mounts changed during the read.
 */
record HostIdentity(FileIdentity root, FileIdentity mountNamespace) {
    private static final String OWN_NAMESPACE = "/proc/thread-self/ns/mnt";

    /** On a host thread; null if it cannot be read, or the kernel does not name mounts. */
    static HostIdentity ofThisThread() {
        try {
            HostIdentity host = new HostIdentity(rootOfThisThread(), namespaceOfThisThread());
            // Without a mount id a bind mount of the host root elsewhere would pass for the root.
            return host.root().knowsMount() ? host : null;
        } catch (SyscallException e) {
            return null;
        }
    }

    /**
     * Whether this thread is provably on the host: a thread back from a view, or one just made.
     */
    boolean isThisThreadOnHost() {
        try {
            // Root first: until it is the host's root mount, every path below would be looked up
            // in the container (a planted /proc/thread-self/ns/mnt would answer anything).
            if (!root.equals(rootOfThisThread())) {
                return false;
            }
            // A root can be the host's in another namespace (chroot to an fd of the host's root).
            return mountNamespace.equals(namespaceOfThisThread());
        } catch (SyscallException e) {
            return false;
        }
    }

    private static FileIdentity rootOfThisThread() throws SyscallException {
        return Sys.identity(Linux.AT_FDCWD, "/", 0);
    }

    private static FileIdentity namespaceOfThisThread() throws SyscallException {
        FileIdentity ns = Sys.identity(Linux.AT_FDCWD, OWN_NAMESPACE, 0);
        // nsfs's one internal mount says nothing more: the namespace is its device and inode.
        return new FileIdentity(ns.dev(), ns.ino(), 0);
    }
}
