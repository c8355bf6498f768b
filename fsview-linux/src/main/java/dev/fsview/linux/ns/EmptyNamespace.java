package dev.fsview.linux.ns;

import dev.fsview.linux.preload.ClassPathSeal;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SysMount;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.dispatch.ThreadJoins;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A mount namespace that holds one mount and nothing else: an empty, read-only tmpfs (nodev,
 * nosuid, noexec) with one directory, {@link #MOUNT_POINT}. Made once per JVM; a view's thread
 * enters it ({@code setns}) and unshares its own copy, attaches the view's tree at the mount point
 * and makes that tree its root ({@code chroot}).
 *
 * <p>Why, against unsharing a copy of the host's namespace and pivoting out of it:
 * <ul>
 *   <li>no host mount is ever in a view's namespace, not even for the microseconds before the old
 *       root's detach, and nothing is stacked on the view's root (the class of escape in
 *       ARCHITECTURE.md, "a lookup that climbs to the root");
 *   <li>a view pays for no old root: no detach and its RCU grace period, no copy of the host's
 *       mount table (on a host with hundreds of container mounts, the copy and its teardown grow
 *       with them); its close still waits for one grace period, its namespace's;
 *   <li>a chroot escape by a task's own code reaches this empty tmpfs, nothing of the host.
 * </ul>
 *
 * <p>The namespace lives as long as the JVM, through one fd (close-on-exec). It is proved before
 * use: its mount table, read through the making thread's {@code /proc} directory, must be exactly
 * the one tmpfs; otherwise views are set up the classic way (unshare and pivot_root).
 */
public final class EmptyNamespace {
    /** Where a view attaches its tree in its copy of the namespace. */
    public static final String MOUNT_POINT = "/v";

    private static final Logger LOG = LoggerFactory.getLogger(EmptyNamespace.class);
    private static final int MOUNT_ATTR_NOEXEC = 0x8;
    // Loaded with this class, on the host: after the pivot the making thread finds no class file
    // by path, and a failure there must still be reported (and the namespace's fd closed).
    private static final List<Class<?>> USED_AFTER_THE_PIVOT =
            List.of(SyscallException.class, Fd.class, Sys.class, SysMount.class);
    private static EmptyNamespace shared;
    private static boolean tried;

    private final Fd ns;

    private EmptyNamespace(Fd ns) {
        this.ns = ns;
    }

    /**
     * The JVM's empty namespace, made on first use; {@code null} if this kernel or host cannot
     * make it (the view is then set up the classic way).
     *
     * @return the namespace, or null
     */
    public static synchronized EmptyNamespace shared() {
        // A thread inside a view would derive it from the view's namespace, without a /proc.
        if (!tried && !ClassPathSeal.isContained()) {
            tried = true;
            shared = make();
        }
        return shared;
    }

    /**
     * Moves the calling thread into the empty namespace (its root and cwd become the tmpfs). The
     * thread must have its own fs ({@code unshare(CLONE_FS)}).
     *
     * @throws SyscallException if setns fails
     */
    public void enter() throws SyscallException {
        SysMount.setns(ns.get(), Linux.CLONE_NEWNS);
    }

    /** Makes the namespace on a thread of its own, which ends after; null on any failure. */
    private static EmptyNamespace make() {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(() -> result.set(makeHere()), "fsview-empty-namespace");
        t.setDaemon(true);
        t.start();
        ThreadJoins.joinUninterruptibly(t);
        Object r = result.get();
        if (r instanceof Fd) {
            return new EmptyNamespace((Fd) r);
        }
        LOG.debug("no empty mount namespace ({}); views unshare the host's and pivot", r);
        return null;
    }

    /**
     * On the making thread: a private copy of the host's namespace, a fresh tmpfs pivoted to as its
     * root, the host's tree detached, the tmpfs made read-only, then proved. The thread ends right
     * after, in that namespace; only the returned fd keeps it.
     */
    private static Object makeHere() {
        try (Fd proc = open(Linux.AT_FDCWD, "/proc/thread-self", Arch.O_PATH)) {
            SysMount.unshare(Linux.CLONE_FS | Linux.CLONE_NEWNS);
            // Private first: the old root's detach below must not propagate to the host's peers.
            SysMount.mount(null, "/", null, Linux.MS_PRIVATE | Linux.MS_REC, null);
            Fd ns = open(proc.get(), "ns/mnt", Arch.O_RDONLY);
            try {
                pivotToTmpfs();
                SysMount.mountSetattr(
                        Linux.AT_FDCWD, "/", 0, Linux.MOUNT_ATTR_RDONLY, 0, MOUNT_POINT);
                String table = mountinfo(proc);
                if (!isOnlyTheTmpfs(table)) {
                    // A host mount left here would be in every view's namespace.
                    ns.close();
                    return "its mount table is not one tmpfs: " + table.strip();
                }
                return ns;
            } catch (SyscallException | RuntimeException | Error e) {
                ns.close();
                throw e;
            }
        } catch (SyscallException | RuntimeException | Error e) {
            return e;
        }
    }

    /** A tmpfs with the mount point in it, stacked on "/", pivoted to; the old root detached. */
    private static void pivotToTmpfs() throws SyscallException {
        try (Fd context = new Fd(SysMount.fsopen("tmpfs"), "tmpfs")) {
            SysMount.fsconfigString(context.get(), "mode", "700");
            SysMount.fsconfigString(context.get(), "size", "4k");
            SysMount.fsconfigString(context.get(), "nr_inodes", "4");
            SysMount.fsconfigCreate(context.get());
            try (Fd tmpfs = new Fd(
                            SysMount.fsmount(
                                    context.get(),
                                    Linux.MOUNT_ATTR_NODEV
                                            | Linux.MOUNT_ATTR_NOSUID
                                            | MOUNT_ATTR_NOEXEC),
                            "tmpfs mount");
                    Fd oldRoot = open(Linux.AT_FDCWD, "/", Arch.O_RDONLY)) {
                Sys.mkdirat(tmpfs.get(), MOUNT_POINT.substring(1), 0700);
                SysMount.moveMount(tmpfs.get(), oldRoot.get(), "/");
                Sys.fchdir(tmpfs.get(), "tmpfs");
                SysMount.pivotRoot(".", ".");
                // The old root is stacked on the tmpfs now: step onto it and detach it, whole.
                Sys.fchdir(oldRoot.get(), "old root");
                SysMount.umount2(".", Linux.MNT_DETACH);
                Sys.chdir("/");
            }
        }
    }

    /** A thread's mount table, read through its {@code /proc} directory's fd (no path lookup). */
    static String mountinfo(Fd proc) throws SyscallException {
        try (Fd info = open(proc.get(), "mountinfo", Arch.O_RDONLY)) {
            byte[] buf = new byte[4096];
            int n = 0;
            int r;
            while (n < buf.length && (r = Sys.read(info.get(), buf, n)) > 0) {
                n += r;
            }
            return new String(buf, 0, n, StandardCharsets.UTF_8);
        }
    }

    /** One line: the root is a tmpfs mounted read-only. */
    static boolean isOnlyTheTmpfs(String table) {
        String[] lines = table.strip().split("\n");
        if (lines.length != 1) {
            return false;
        }
        String[] f = lines[0].split(" ");
        int dash = java.util.Arrays.asList(f).indexOf("-");
        return f.length > 5
                && f[3].equals("/")
                && f[4].equals("/")
                && (f[5].equals("ro") || f[5].startsWith("ro,"))
                && dash > 0
                && dash + 1 < f.length
                && f[dash + 1].equals("tmpfs");
    }

    private static Fd open(int dirfd, String path, int flags) throws SyscallException {
        return new Fd(Sys.openat(dirfd, path, flags | Arch.O_CLOEXEC, 0), path);
    }
}
