package dev.fsview.linux.ns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a host thread sees, read on one: its root's device and inode, its mount namespace. A thread
 * is provably on the host when it sees the same, and the same mount table as the JVM's first
 * thread, which never enters a view (see {@link SpareThreads} for the order of the checks).
 */
record HostIdentity(Object rootDev, Object rootIno, String mountNamespace) {
    private static final int MOUNTINFO_TRIES = 3; // read again if the host's mounts changed
    private static final Path ROOT = Path.of("/");
    private static final Path OWN_NAMESPACE = Path.of("/proc/thread-self/ns/mnt");
    private static final String OWN_MOUNTINFO = "/proc/thread-self/mountinfo";
    // Kept per spare thread across views: the check reads two mountinfo files every time.
    private static final ThreadLocal<ProcReads[]> BUFFERS =
            ThreadLocal.withInitial(() -> new ProcReads[] {new ProcReads(), new ProcReads()});
    private static final String FIRST_MOUNTINFO =
            "/proc/" + ProcessHandle.current().pid() + "/task/"
                    + ProcessHandle.current().pid() + "/mountinfo";

    /** On a host thread; null if it cannot be read. */
    static HostIdentity ofThisThread() {
        try {
            Map<String, Object> root = Files.readAttributes(ROOT, "unix:dev,ino");
            return new HostIdentity(
                    root.get("dev"),
                    root.get("ino"),
                    Files.readSymbolicLink(OWN_NAMESPACE).toString());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether this thread is provably on the host: a thread back from a view, or one just made.
     */
    boolean isThisThreadOnHost() {
        ProcReads own = BUFFERS.get()[0];
        ProcReads first = BUFFERS.get()[1];
        try {
            // Root first: until it is the host's, every path below would be the container's.
            Map<String, Object> root = Files.readAttributes(ROOT, "unix:dev,ino");
            if (!rootDev.equals(root.get("dev")) || !rootIno.equals(root.get("ino"))) {
                return false;
            }
            if (!mountNamespace.equals(Files.readSymbolicLink(OWN_NAMESPACE).toString())) {
                return false;
            }
            for (int i = 0; i < MOUNTINFO_TRIES; i++) {
                if (own.read(OWN_MOUNTINFO).sameAs(first.read(FIRST_MOUNTINFO))) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
