package dev.fsview.testkit.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import dev.fsview.spi.Mountinfo;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A mount namespace of the test JVM's own, owned by one dedicated thread: the third opinion of the
 * differential check makes its real bind mounts and tmpfs mounts there, never in the host's
 * namespace. The thread calls {@code unshare(CLONE_FS | CLONE_NEWNS)} (its own root, cwd and
 * mount table) and makes every mount it inherited private, so nothing it mounts propagates back
 * to the host. The namespace lives exactly as long as its thread: when the JVM ends — even killed
 * with SIGKILL — the kernel drops it and every mount in it, so no mount can leak onto the host.
 * Code that must see these mounts runs on the thread ({@link #call}); everything else in the JVM
 * (including {@code /proc/self/mountinfo}, which shows the main thread's namespace) sees the host.
 *
 * <p>One namespace per JVM ({@link #get()}), made on first use; it needs CAP_SYS_ADMIN.
 */
public final class PrivateMountNamespace {
    private static final int CLONE_FS = 0x00000200;
    private static final int CLONE_NEWNS = 0x00020000;
    private static final long MS_RDONLY = 1;
    private static final long MS_NOSUID = 2;
    private static final long MS_NODEV = 4;
    private static final long MS_REMOUNT = 32;
    private static final long MS_BIND = 4096;
    private static final long MS_REC = 16384;
    private static final long MS_PRIVATE = 1 << 18;
    private static final int MNT_DETACH = 2;

    /** The libc calls the namespace needs. */
    private interface LibC extends Library {
        int unshare(int flags) throws LastErrorException;

        int mount(String source, String target, String type, long flags, Pointer data)
                throws LastErrorException;

        int mount(String source, String target, String type, long flags, String data)
                throws LastErrorException;

        int umount2(String target, int flags) throws LastErrorException;

        int chdir(String path) throws LastErrorException;

        Pointer getcwd(byte[] buf, long size) throws LastErrorException;

        String strerror(int errno);

        int open(String path, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        /** open_tree(dfd, path, flags), fsopen(name, flags). */
        int syscall(long number, int dfd, String path, int flags) throws LastErrorException;

        /** fsopen(name, flags). */
        int syscall(long number, String name, int flags) throws LastErrorException;

        /** move_mount(from_dfd, from_path, to_dfd, to_path, flags). */
        int syscall(long number, int fromFd, String fromPath, int toFd, String toPath, int flags)
                throws LastErrorException;

        /** fsconfig(fd, cmd, key, value, aux). */
        int syscall(long number, int fd, int cmd, Pointer key, Pointer value, int aux)
                throws LastErrorException;

        /** fsmount(fsfd, flags, attr_flags). */
        int syscall(long number, int fd, int flags, int attrFlags) throws LastErrorException;
    }

    // The new mount API's system calls have one number on every architecture (from 428 on).
    private static final long SYS_OPEN_TREE = 428;
    private static final long SYS_MOVE_MOUNT = 429;
    private static final long SYS_FSOPEN = 430;
    private static final long SYS_FSCONFIG = 431;
    private static final long SYS_FSMOUNT = 432;
    private static final int AT_FDCWD = -100;
    private static final int AT_RECURSIVE = 0x8000;
    private static final int OPEN_TREE_CLONE = 1;
    private static final int O_PATH = 010000000;
    private static final int O_CLOEXEC = 02000000;
    private static final int FSCONFIG_CMD_CREATE = 6;
    private static final int MOVE_MOUNT_F_EMPTY_PATH = 0x4;
    private static final int MOVE_MOUNT_T_EMPTY_PATH = 0x40;

    private static final Object LOCK = new Object();
    private static PrivateMountNamespace instance;

    private final LibC libc = Native.load("c", LibC.class);
    private volatile Thread owner;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fsview-testkit-mount-namespace");
        t.setDaemon(true);
        owner = t;
        return t;
    });

    private PrivateMountNamespace() throws IOException {
        run("unshare", "/", () -> {
            libc.unshare(CLONE_FS | CLONE_NEWNS);
            // Nothing mounted here may propagate to the host (a test must never change the
            // host's mount table), nor arrive from it: every inherited mount becomes private.
            libc.mount("none", "/", null, MS_REC | MS_PRIVATE, (Pointer) null);
            return null;
        });
    }

    /**
     * Returns the JVM's private mount namespace, making it on first use.
     *
     * @return the namespace
     * @throws IOException if it cannot be made (e.g. without CAP_SYS_ADMIN)
     */
    public static PrivateMountNamespace get() throws IOException {
        synchronized (LOCK) {
            if (instance == null) {
                instance = new PrivateMountNamespace();
            }
            return instance;
        }
    }

    /**
     * Runs code on the namespace's thread, where its mounts are seen and relative paths resolve
     * against the thread's own working directory ({@link #chdir}).
     *
     * @param <T> the result type
     * @param task the code
     * @return its result
     * @throws Exception what it threw
     */
    public <T> T call(Callable<T> task) throws Exception {
        if (Thread.currentThread() == owner) {
            return task.call(); // already on the namespace's thread: a nested call runs inline
        }
        Future<T> f = thread.submit(task);
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted waiting for the namespace");
        }
    }

    private void run(String what, String path, Callable<Object> task) throws IOException {
        try {
            call(task);
        } catch (LastErrorException e) {
            throw new FileSystemException(
                    path,
                    null,
                    what + ": " + libc.strerror(e.getErrorCode()) + " (errno " + e.getErrorCode()
                            + ")");
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /**
     * Bind-mounts a file or directory, recursively ({@code rbind}) unless told otherwise, and
     * makes it read-only (recursively for an rbind's top only, as {@code mount -o remount,ro}).
     *
     * @param source the host path mounted
     * @param target where, in this namespace (symlinks in it are followed, as by mount(2))
     * @param readOnly whether to make the mount read-only
     * @param recursive {@code rbind} rather than {@code bind}
     * @throws IOException naming the failed call and errno
     */
    public void bind(String source, String target, boolean readOnly, boolean recursive)
            throws IOException {
        run("bind " + source, target, () -> {
            libc.mount(source, target, null, MS_BIND | (recursive ? MS_REC : 0), (Pointer) null);
            if (readOnly) {
                libc.mount(
                        "none",
                        target,
                        null,
                        MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV,
                        (Pointer) null);
            }
            return null;
        });
    }

    /**
     * Mounts a fresh tmpfs.
     *
     * @param target where
     * @param mode the mode of its root
     * @throws IOException naming the failed call and errno
     */
    public void tmpfs(String target, int mode) throws IOException {
        run("tmpfs", target, () -> {
            libc.mount(
                    "fsview-testkit",
                    target,
                    "tmpfs",
                    MS_NOSUID | MS_NODEV,
                    "size=16m,mode=0" + Integer.toOctalString(mode));
            return null;
        });
    }

    /**
     * Detaches every mount of this namespace at or below a directory, newest first
     * ({@code MNT_DETACH}: a busy one goes too). Found in the thread's own mount table, so a mount
     * whose path a test renamed or whose path led through a symlink since deleted is found too.
     *
     * @param dir an absolute, real directory path
     * @throws IOException if one cannot be detached (the namespace still dies with the JVM)
     */
    public void unmountUnder(String dir) throws IOException {
        run("umount", dir, () -> {
            for (int round = 0; round < 1000; round++) {
                List<String> points = new ArrayList<>();
                for (String line : Files.readAllLines(Path.of("/proc/thread-self/mountinfo"))) {
                    String point = Mountinfo.parse(line).mountPoint();
                    if (point.equals(dir) || point.startsWith(dir + "/")) {
                        points.add(point);
                    }
                }
                if (points.isEmpty()) {
                    return null;
                }
                libc.umount2(points.get(points.size() - 1), MNT_DETACH);
            }
            throw new IOException("mounts under " + dir + " do not go away");
        });
    }

    /**
     * Changes the namespace thread's working directory (its own: the thread has unshared
     * CLONE_FS), as chdir(2).
     *
     * @param path the new directory
     * @return 0, or the errno chdir(2) failed with
     * @throws IOException if the thread cannot be reached
     */
    public int chdir(String path) throws IOException {
        return errnoOf(() -> libc.chdir(path));
    }

    /**
     * Returns the namespace thread's working directory, as getcwd(2) says.
     *
     * @return the directory, or {@code "errno N"} where getcwd(2) fails (ENOENT: deleted)
     * @throws IOException if the thread cannot be reached
     */
    public String getcwd() throws IOException {
        try {
            return call(() -> {
                byte[] buf = new byte[8192];
                try {
                    libc.getcwd(buf, buf.length);
                } catch (LastErrorException e) {
                    return "errno " + e.getErrorCode();
                }
                return Native.toString(buf, "UTF-8");
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private int errnoOf(Callable<Integer> syscall) throws IOException {
        try {
            return call(() -> {
                try {
                    syscall.call();
                    return 0;
                } catch (LastErrorException e) {
                    return e.getErrorCode();
                }
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /**
     * Tries a bind mount and says how the kernel answered, leaving nothing mounted.
     *
     * @param source the host path
     * @param target where
     * @return 0, or the errno mount(2) failed with
     * @throws IOException if the thread cannot be reached
     */
    public int bindErrno(String source, String target) throws IOException {
        return errnoOf(() -> {
            libc.mount(source, target, null, MS_BIND | MS_REC, (Pointer) null);
            libc.umount2(target, MNT_DETACH);
            return 0;
        });
    }

    /**
     * Tries to mount a fresh tmpfs and says how the kernel answered, leaving nothing mounted.
     *
     * @param target where
     * @return 0, or the errno mount(2) failed with
     * @throws IOException if the thread cannot be reached
     */
    public int tmpfsErrno(String target) throws IOException {
        return errnoOf(() -> {
            libc.mount("fsview-testkit", target, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m");
            libc.umount2(target, MNT_DETACH);
            return 0;
        });
    }

    /**
     * Tries the new mount API's attach, as a view attaches a volume: a detached tree (a clone of
     * {@code source} by {@code open_tree}, or a fresh tmpfs by {@code fsopen}/{@code fsmount})
     * moved onto an {@code O_PATH} descriptor of the target by {@code move_mount}, and says how
     * {@code move_mount} answered. Nothing stays mounted.
     *
     * @param source the host path to clone, or {@code null} for a fresh tmpfs
     * @param target where
     * @return 0, or the errno move_mount failed with
     * @throws IOException naming the call, if a step before move_mount failed
     */
    public int moveMountErrno(String source, String target) throws IOException {
        int[] moved = new int[1];
        run("move_mount", target, () -> {
            int tree;
            if (source != null) {
                tree = libc.syscall(
                        SYS_OPEN_TREE,
                        AT_FDCWD,
                        source,
                        OPEN_TREE_CLONE | AT_RECURSIVE | O_CLOEXEC);
            } else {
                int fs = libc.syscall(SYS_FSOPEN, "tmpfs", 0);
                try {
                    libc.syscall(
                            SYS_FSCONFIG,
                            fs,
                            FSCONFIG_CMD_CREATE,
                            (Pointer) null,
                            (Pointer) null,
                            0);
                    tree = libc.syscall(SYS_FSMOUNT, fs, 0, 0);
                } finally {
                    libc.close(fs);
                }
            }
            try {
                int to = libc.open(target, O_PATH | O_CLOEXEC);
                try {
                    libc.syscall(
                            SYS_MOVE_MOUNT,
                            tree,
                            "",
                            to,
                            "",
                            MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH);
                    libc.umount2(target, MNT_DETACH);
                } catch (LastErrorException e) {
                    moved[0] = e.getErrorCode();
                } finally {
                    libc.close(to);
                }
            } finally {
                libc.close(tree);
            }
            return null;
        });
        return moved[0];
    }

    /**
     * Opens a path as a view resolves a mount target ({@code O_PATH}) and says how the kernel
     * answered.
     *
     * @param path the path
     * @return 0, or the errno open(2) failed with
     * @throws IOException if the thread cannot be reached
     */
    public int openPathErrno(String path) throws IOException {
        return errnoOf(() -> libc.close(libc.open(path, O_PATH | O_CLOEXEC)));
    }

    /**
     * Returns a text description of an errno, as strerror(3).
     *
     * @param errno the number
     * @return e.g. "Not a directory"
     */
    public String strerror(int errno) {
        return libc.strerror(errno);
    }
}
