package dev.fsview.linux.ns;

import dev.fsview.linux.preload.ClassPathSeal;
import dev.fsview.spi.dispatch.ReusingCarrier;
import dev.fsview.spi.dispatch.ViewThread;

/**
 * Re-used view threads (issue 15): a view's thread that is provably back on the host after the
 * view waits, as a spare, for the next view instead of ending, which saves creating and ending a
 * platform thread per view.
 *
 * <p>A thread is back on the host when, after its teardown ({@link MountNamespace#returnToHost()},
 * {@code setns} to the namespace of the JVM's first thread through a pidfd, made only once the
 * view's task queue is closed), both of these hold, checked in this order:
 * <ol>
 *   <li>its root {@code /} is the host's root: the same device, inode and mount id as a host
 *       thread saw. Until then no path is read, since a path would be the container's;
 *   <li>its {@code /proc/thread-self/ns/mnt} is the host's mount namespace (nsfs device and inode).
 * </ol>
 * Those two are what the kernel renders {@code /proc/thread-self/mountinfo} from, so they prove
 * that the thread's mount table is the host thread's, byte for byte ({@link HostIdentity}).
 * Any failure retires the thread: it ends. If {@code setns} itself failed (a task started a
 * thread that shares the view thread's fs; a kernel without {@code setns} through a pidfd; ...),
 * the view's {@code close()} waits for it to end, as without re-use. If {@code setns} succeeded,
 * the view's namespace and mounts are gone with it, so {@code close()} returns then, and the two
 * checks (two {@code statx} calls) run after it while the thread holds a spare's place:
 * it serves again only once they pass. A re-used thread is reset
 * (name, context class loader, priority, interrupt status, uncaught-exception handler,
 * {@linkplain ClassPathSeal#isContained() contained} mark); thread-locals a task set stay. The
 * pool itself is the SPI's {@link ReusingCarrier}; this class says what "back" means on Linux.
 *
 * <p>At most {@value #DEFAULT_SPARES} spares by default (system property
 * {@value #PROPERTY}; 0 turns re-use off).
 */
public final class SpareThreads implements ViewThread.Carrier {
    /** The system property giving the number of spare threads kept. */
    public static final String PROPERTY = "fsview.linux.spareThreads";
    /** Spare threads kept unless {@value #PROPERTY} says otherwise. */
    public static final int DEFAULT_SPARES = 2;

    private static SpareThreads shared;

    private final ReusingCarrier threads;

    private SpareThreads(int max, HostIdentity host) {
        // A thread serves again only once provably on the host; the contained mark is reset so
        // that the class-path seal treats it as a host thread again.
        this.threads = new ReusingCarrier(
                "fsview-spare-linux-", max, new BackOnHost(host), ClassPathSeal::markHost);
    }

    /**
     * A thread that left its view's namespace has released the view: the view's close() returns
     * then, and the proof that the thread is back runs after it, before it serves again.
     */
    private record BackOnHost(HostIdentity host) implements ReusingCarrier.ReturnCheck {
        @Override
        public boolean isThisThreadBack() {
            return host.isThisThreadOnHost();
        }

        @Override
        public boolean hasReleasedView() {
            return MountNamespace.leftOnThisThread();
        }
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
    public long[] counts() {
        return threads.counts();
    }

    @Override
    public Thread carry(String name, Runnable body, ViewThread.Done done) {
        return threads.carry(name, body, done);
    }
}
