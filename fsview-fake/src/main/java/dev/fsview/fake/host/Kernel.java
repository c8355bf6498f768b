package dev.fsview.fake.host;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.StampedLock;

/**
 * The state the simulated kernel shares between a host and all the views on it: one lock that
 * guards every inode, dentry and mount (readers share it, changes take it alone), the clock, the
 * umask, device numbers, the count of open files, and the fault injection table. Internal: tests
 * use {@link dev.fsview.fake.FakeHost}.
 */
public final class Kernel {
    /** Wall-clock ns at start minus the monotonic clock then: now() costs one nanoTime call. */
    private static final long EPOCH_OFFSET = epochNanos() - System.nanoTime();

    private static long epochNanos() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** Not reentrant: no code path takes it while holding it. Cheaper than a RW lock to read. */
    private final StampedLock lock = new StampedLock();

    private final Lock readLock = lock.asReadLock();
    private final Lock writeLock = lock.asWriteLock();
    private final AtomicLong nextDev = new AtomicLong(0x21);
    private final Set<Object> openFiles = ConcurrentHashMap.newKeySet();
    private final Faults faults = new Faults();
    private volatile int umask = 022;

    /** Creates a kernel. */
    public Kernel() {}

    /** @return the shared lock, for lookups and reads */
    public Lock readLock() {
        return readLock;
    }

    /** @return the exclusive lock, for changes */
    public Lock writeLock() {
        return writeLock;
    }

    /**
     * Code run under the lock.
     *
     * @param <T> its result
     * @param <E> what it throws
     */
    @FunctionalInterface
    public interface Locked<T, E extends Exception> {
        /**
         * Runs.
         *
         * @return the result
         * @throws E its failure
         */
        T run() throws E;
    }

    /**
     * Runs code holding the shared lock.
     *
     * @param op the code
     * @param <T> its result
     * @param <E> what it throws
     * @return its result
     * @throws E its failure
     */
    public <T, E extends Exception> T shared(Locked<T, E> op) throws E {
        long stamp = lock.readLock();
        try {
            return op.run();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Runs code holding the exclusive lock.
     *
     * @param op the code
     * @param <T> its result
     * @param <E> what it throws
     * @return its result
     * @throws E its failure
     */
    public <T, E extends Exception> T exclusive(Locked<T, E> op) throws E {
        long stamp = lock.writeLock();
        try {
            return op.run();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** @return the current time in nanoseconds since the epoch */
    public long now() {
        return EPOCH_OFFSET + System.nanoTime();
    }

    /** @return the file mode creation mask applied to new files and directories */
    public int umask() {
        return umask;
    }

    /**
     * Sets the umask.
     *
     * @param mask bits {@code 0..0777}
     */
    public void setUmask(int mask) {
        this.umask = mask & 0777;
    }

    /** @return a fresh device number for a new file system */
    public long newDev() {
        return nextDev.getAndIncrement();
    }

    /** @return the fault injection table */
    public Faults faults() {
        return faults;
    }

    /**
     * Records a file or directory stream opened.
     *
     * @param handle the open object; its {@code toString} says what it refers to
     */
    public void opened(Object handle) {
        openFiles.add(handle);
    }

    /**
     * Records a file or directory stream closed.
     *
     * @param handle the object given to {@link #opened(Object)}
     */
    public void closed(Object handle) {
        openFiles.remove(handle);
    }

    /** @return how many files and directory streams are open now */
    public int openFiles() {
        return openFiles.size();
    }

    /** @return what each open file and directory stream refers to, sorted */
    public List<String> openFileNames() {
        List<String> names = new ArrayList<>();
        for (Object o : openFiles) {
            names.add(o.toString());
        }
        names.sort(null);
        return names;
    }
}
