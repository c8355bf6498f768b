package dev.fsview.testkit.host;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Mounts in the host's own mount namespace, made with util-linux's {@code mount} and undone with
 * {@code umount} (the kit uses no native library of its own). Every mount is recorded as soon as
 * it exists, so {@link #undoAll()} removes it even if a later step of the same request failed.
 */
final class HostMounts {
    private final Deque<String> mounted = new ArrayDeque<>();

    /** Mounts a fresh, small tmpfs at a directory. */
    synchronized void tmpfs(String dir) throws IOException {
        mount(dir, "mount", "-t", "tmpfs", "-o", "size=16m,mode=0755", "fsview-testkit", dir);
    }

    /** Bind-mounts a directory onto itself and makes that mount read-only. */
    synchronized void readOnlySelfBind(String dir) throws IOException {
        mount(dir, "mount", "--bind", dir, dir);
        HostCommands.run("mount", "-o", "remount,bind,ro", dir);
    }

    /**
     * Runs a mount command and records the new mount, even when the command failed after
     * mounting or timed out: whatever now stacks on {@code dir} beyond what was there is ours.
     */
    private void mount(String dir, String... command) throws IOException {
        long before = stackedOn(dir);
        try {
            HostCommands.run(command);
        } finally {
            for (long n = stackedOn(dir); n > before; n--) {
                mounted.push(dir);
            }
        }
    }

    private static long stackedOn(String dir) {
        return ProcSelf.mounts().stream()
                .filter(m -> m.mountPoint().equals(dir))
                .count();
    }

    /** The mount points this fixture mounted and has not unmounted yet. */
    synchronized List<String> current() {
        return new ArrayList<>(mounted);
    }

    /**
     * Unmounts everything, newest first. A busy mount is detached lazily rather than left behind.
     *
     * @return the failures, empty if all went
     */
    synchronized List<String> undoAll() {
        List<String> failures = new ArrayList<>();
        while (!mounted.isEmpty()) {
            String dir = mounted.pop();
            detach(dir, failures);
        }
        return failures;
    }

    /** Unmounts a mount point: normally, else lazily (MNT_DETACH); records what failed. */
    static void detach(String dir, List<String> failures) {
        try {
            HostCommands.run("umount", dir);
        } catch (IOException busy) {
            try {
                HostCommands.run("umount", "-l", dir);
            } catch (IOException e) {
                failures.add(dir + ": " + e.getMessage());
            }
        }
    }
}
