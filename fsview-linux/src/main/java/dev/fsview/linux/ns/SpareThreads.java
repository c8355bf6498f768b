package dev.fsview.linux.ns;

import dev.fsview.linux.preload.ClassPathSeal;
import dev.fsview.spi.dispatch.ViewThread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Re-used view threads (issue 15): a view's thread that is provably back on the host after the
 * view waits, as a spare, for the next view instead of ending, which saves creating and ending a
 * platform thread per view.
 *
 * <p>A thread is back on the host when, after its teardown ({@link MountNamespace#returnToHost()},
 * {@code setns} to the namespace of the JVM's first thread through a pidfd, made only once the
 * view's task queue is closed), all of these hold, checked in this order:
 * <ol>
 *   <li>its root {@code /} is the host's root directory (device and inode, as a host thread saw
 *       them): until then no path is read, since a path would be the container's;
 *   <li>its {@code /proc/thread-self/ns/mnt} is the host's mount namespace;
 *   <li>its {@code /proc/thread-self/mountinfo} is byte for byte that of the JVM's first thread
 *       (read again a few times if the host's mounts changed meanwhile).
 * </ol>
 * Any failure (a task started a thread that shares the view thread's fs, so {@code setns} was
 * refused; a kernel without {@code setns} through a pidfd; ...) retires the thread: it ends, and
 * the view's {@code close()} waits for it to end, as without re-use. A re-used thread is reset
 * (name, context class loader, priority, interrupt status, uncaught-exception handler,
 * {@linkplain ClassPathSeal#isContained() contained} mark); thread-locals a task set stay.
 *
 * <p>At most {@value #DEFAULT_SPARES} spares by default (system property
 * {@value #PROPERTY}; 0 turns re-use off).
 */
public final class SpareThreads implements ViewThread.Carrier {
    /** The system property giving the number of spare threads kept. */
    public static final String PROPERTY = "fsview.linux.spareThreads";
    /** Spare threads kept unless {@value #PROPERTY} says otherwise. */
    public static final int DEFAULT_SPARES = 2;
    private static final int MOUNTINFO_TRIES = 3;
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static SpareThreads shared;

    private final int max;
    private final HostIdentity host;
    private final Deque<Spare> idle = new ArrayDeque<>();
    private final AtomicLong reused = new AtomicLong();
    private final AtomicLong retired = new AtomicLong();

    private SpareThreads(int max, HostIdentity host) {
        this.max = max;
        this.host = host;
    }

    /**
     * The JVM's spare threads, or new threads per view when re-use is off or this thread cannot
     * tell what the host is (its root is a container's).
     *
     * @return the carrier for linux views
     */
    public static synchronized ViewThread.Carrier carrier() {
        int max = Integer.getInteger(PROPERTY, DEFAULT_SPARES);
        if (max <= 0 || ClassPathSeal.isContained()) {
            return ViewThread.NEW_THREADS;
        }
        if (shared == null) {
            HostIdentity h = HostIdentity.ofThisThread();
            if (h == null) {
                return ViewThread.NEW_THREADS;
            }
            shared = new SpareThreads(max, h);
        }
        return shared;
    }

    /**
     * Counts, for tests and diagnostics.
     *
     * @return {@code [idle, reused, retired]}
     */
    public synchronized long[] counts() {
        return new long[] {idle.size(), reused.get(), retired.get()};
    }

    @Override
    public Thread carry(String name, Runnable body, ViewThread.Done done) {
        Job job = new Job(name, body, done, Thread.currentThread().getContextClassLoader());
        Spare spare;
        synchronized (this) {
            spare = idle.pollFirst();
        }
        if (spare != null) {
            reused.incrementAndGet();
            spare.hand(job);
            return spare.thread;
        }
        spare = new Spare(job);
        spare.thread.start();
        return spare.thread;
    }

    private synchronized boolean keep(Spare s) {
        if (idle.size() >= max) {
            return false;
        }
        idle.addFirst(s);
        return true;
    }

    private record Job(String name, Runnable body, ViewThread.Done done, ClassLoader loader) {
    }

    private final class Spare implements Runnable {
        final Thread thread;
        private final String spareName = "fsview-spare-linux-" + SEQ.incrementAndGet();
        // Kept across views: the return check reads two mountinfo files every time.
        private final ProcReads own = new ProcReads();
        private final ProcReads first = new ProcReads();
        private Job next;

        Spare(Job first) {
            next = first;
            thread = new Thread(null, this, first.name(), 0);
            thread.setDaemon(true);
        }

        synchronized void hand(Job job) {
            next = job;
            notifyAll();
        }

        private synchronized Job take() {
            while (next == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    // Nobody interrupts an idle spare on purpose: keep waiting for a view.
                }
            }
            Job j = next;
            next = null;
            return j;
        }

        @Override
        public void run() {
            while (true) {
                Job job = take();
                thread.setName(job.name());
                thread.setContextClassLoader(job.loader());
                boolean livesOn = false;
                try {
                    job.body().run();
                    livesOn = host.isThisThreadBack(own, first);
                } finally {
                    if (livesOn) {
                        reset();
                        livesOn = keep(this);
                    } else {
                        retired.incrementAndGet();
                    }
                    job.done().ended(livesOn);
                }
                if (!livesOn) {
                    return;
                }
            }
        }

        private void reset() {
            Thread.interrupted();
            ClassPathSeal.markHost();
            thread.setName(spareName);
            thread.setPriority(Thread.NORM_PRIORITY);
            thread.setUncaughtExceptionHandler(null);
            thread.setContextClassLoader(null);
        }
    }

    /** What a host thread sees: its root's device and inode, its mount namespace. */
    private record HostIdentity(Object rootDev, Object rootIno, String mountNamespace) {
        private static final Path ROOT = Path.of("/");
        private static final Path OWN_NAMESPACE = Path.of("/proc/thread-self/ns/mnt");
        private static final String OWN_MOUNTINFO = "/proc/thread-self/mountinfo";
        private static final String FIRST_MOUNTINFO = "/proc/" + ProcessHandle.current().pid()
                + "/task/" + ProcessHandle.current().pid() + "/mountinfo";

        /** On a host thread; null if it cannot be read. */
        static HostIdentity ofThisThread() {
            try {
                Map<String, Object> root = Files.readAttributes(ROOT, "unix:dev,ino");
                return new HostIdentity(root.get("dev"), root.get("ino"),
                        Files.readSymbolicLink(OWN_NAMESPACE).toString());
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /**
         * On a thread back from a view: whether it is provably on the host again.
         *
         * @param own a reader for this thread's mountinfo
         * @param first a reader for the JVM's first thread's mountinfo
         */
        boolean isThisThreadBack(ProcReads own, ProcReads first) {
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
}
