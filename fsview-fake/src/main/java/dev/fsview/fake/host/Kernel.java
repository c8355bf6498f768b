package dev.fsview.fake.host;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The state the simulated kernel shares between a host and all the views on it: one lock that
 * guards every inode, dentry and mount (readers share it, changes take it alone), the clock, the
 * umask, device numbers, the count of open files, and the fault injection table. Internal: tests
 * use {@link dev.fsview.fake.FakeHost}.
 */
public final class Kernel {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong nextDev = new AtomicLong(0x21);
    private final AtomicInteger openFiles = new AtomicInteger();
    private final Faults faults = new Faults();
    private volatile int umask = 022;

    /** Creates a kernel. */
    public Kernel() {
    }

    /** @return the shared lock, for lookups and reads */
    public Lock readLock() {
        return lock.readLock();
    }

    /** @return the exclusive lock, for changes */
    public Lock writeLock() {
        return lock.writeLock();
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
        Lock l = lock.readLock();
        l.lock();
        try {
            return op.run();
        } finally {
            l.unlock();
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
        Lock l = lock.writeLock();
        l.lock();
        try {
            return op.run();
        } finally {
            l.unlock();
        }
    }

    /** @return the current time in nanoseconds since the epoch */
    public long now() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
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

    /** Counts a file or directory opened. */
    public void opened() {
        openFiles.incrementAndGet();
    }

    /** Counts a file or directory closed. */
    public void closed() {
        openFiles.decrementAndGet();
    }

    /** @return how many files and directory streams are open now */
    public int openFiles() {
        return openFiles.get();
    }
}
