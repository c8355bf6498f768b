package dev.fsview.linux.process;

import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.dispatch.ThreadJoins;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One thread, {@code fsview-process-watcher}, that {@code poll}s the pidfds of every open process
 * view and ends a view whose process exited (a pidfd becomes readable when its process exits). The
 * thread runs only while some view is watched, and ends when the last one is unwatched, so a JVM
 * without process views has no such thread. An eventfd wakes it when the set of pidfds changes.
 *
 * <p>It holds only the pidfd and what to call on exit, never the view, so a dropped view is still
 * collected and closed by its Cleaner.
 */
final class ExitWatcher {
    private static final Logger LOG = LoggerFactory.getLogger("dev.fsview");
    private static final ExitWatcher INSTANCE = new ExitWatcher();

    private final Map<Integer, Runnable> watched = new LinkedHashMap<>();
    private Thread thread;
    private int wakeFd = -1;
    /** Counts the watcher's rounds, so that unwatch can wait for one that no longer polls. */
    private long round;

    private ExitWatcher() {}

    static ExitWatcher get() {
        return INSTANCE;
    }

    /**
     * Watches a pidfd.
     *
     * @param pidfd the pidfd, open until {@link #unwatch(int)} returned
     * @param onExit run once on the watcher thread when the process exits; must not block
     * @throws SyscallException if the eventfd the watcher needs cannot be made
     */
    synchronized void watch(int pidfd, Runnable onExit) throws SyscallException {
        if (wakeFd < 0) {
            wakeFd = ProcessCalls.eventfd();
        }
        watched.put(pidfd, onExit);
        if (thread == null) {
            thread = new Thread(null, this::loop, "fsview-process-watcher", 0);
            thread.setDaemon(true);
            thread.start();
        } else {
            ProcessCalls.signal(wakeFd);
        }
    }

    /**
     * Stops watching a pidfd, and returns only once the watcher no longer polls it, so the caller
     * may close it right after. The watcher thread ends, and its eventfd is closed, when nothing
     * is left to watch.
     *
     * @param pidfd the pidfd
     */
    void unwatch(int pidfd) {
        Thread ending = null;
        synchronized (this) {
            if (watched.remove(pidfd) == null || thread == Thread.currentThread()) {
                return; // not watched (its exit was seen), or on the watcher, which polls no more
            }
            Thread t = thread;
            ProcessCalls.signal(wakeFd);
            awaitRound();
            if (thread == null) {
                ending = t; // the last one: the watcher thread is ending
            }
        }
        if (ending != null) {
            ThreadJoins.joinUninterruptibly(ending);
        }
    }

    /** Waits until the watcher has begun a new round of poll (which no longer has the fd). */
    private void awaitRound() {
        long seen = round;
        boolean interrupted = false;
        while (round == seen && thread != null) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (true) {
            int[] fds;
            List<Runnable> actions;
            int wake;
            synchronized (this) {
                round++;
                notifyAll();
                if (watched.isEmpty()) {
                    // Nothing left: the thread and the eventfd go; a later watch() starts afresh.
                    Sys.close(wakeFd);
                    wakeFd = -1;
                    thread = null;
                    notifyAll();
                    return;
                }
                wake = wakeFd;
                fds = new int[watched.size() + 1];
                actions = new ArrayList<>(watched.values());
                int i = 0;
                for (int fd : watched.keySet()) {
                    fds[i++] = fd;
                }
                fds[i] = wake;
            }
            boolean[] ready = new boolean[fds.length];
            try {
                ProcessCalls.pollIn(fds, ready, -1);
            } catch (SyscallException e) {
                LOG.error(
                        "fsview-process-watcher: poll failed ({}); views of processes that "
                                + "exit now end only when closed",
                        e.getMessage());
                return;
            }
            if (ready[fds.length - 1]) {
                ProcessCalls.drain(wake);
            }
            synchronized (this) {
                for (int i = 0; i < fds.length - 1; i++) {
                    // Removed meanwhile means unwatched: its view is closing already.
                    if (ready[i] && watched.remove(fds[i]) != null) {
                        run(actions.get(i));
                    }
                }
            }
        }
    }

    private static void run(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.error("fsview-process-watcher: ending a view failed", e);
        }
    }
}
