package dev.fsview.cli.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes an extraction's regular files on worker threads — each created, filled, given its mode
 * and time — while the extracting thread goes on with the other entries. Making a file is mostly
 * the kernel's work (allocating an inode, copying the content): on two cores, two files are made
 * at once. At most {@link #AHEAD} files wait in the queue.
 *
 * <p>Files are handed over {@link #BATCH} at a time. One at a time, the extracting thread (faster
 * than the workers) found the queue full after nearly every file and slept, and each worker's
 * take woke it again: a wake-up, and on two cores a worker preempted, per file.
 *
 * <p>After a task fails, the ones still queued are abandoned, and the first failure is thrown, as
 * the task threw it, by the next {@link #submit}, {@link #awaitIdle} or {@link #finish}. Nothing
 * is left behind: {@link #close} stops and joins the threads, whatever happened.
 */
final class FileFinisher implements AutoCloseable {
    /** Files that may wait: a bound on open descriptors and memory, whatever the archive. */
    static final int AHEAD = 64;

    /** Files handed to a worker at once. */
    static final int BATCH = 16;

    /** One thread per core, up to four: beyond that the disk, not the CPU, is the limit. */
    static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** Ends a worker; told from a batch by identity (a batch is never empty). */
    private static final List<Task> END = List.of();

    private final BlockingQueue<List<Task>> queue = new ArrayBlockingQueue<>(AHEAD / BATCH);
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Object idle = new Object();
    private List<Task> batch = new ArrayList<>(BATCH); // the extracting thread's, not yet queued
    private int outstanding; // guarded by idle: queued, not yet run or abandoned
    private volatile boolean stopped;

    /** One file to make. */
    interface Task {
        /**
         * Makes the file.
         *
         * @throws IOException if it cannot be
         */
        void run() throws IOException;

        /** Gives the file up: closes what it holds. */
        void abandon();
    }

    /** Starts the threads. */
    FileFinisher() {
        for (int i = 0; i < THREADS; i++) {
            Thread t = new Thread(this::work, "fsview-cp-files-" + i);
            t.setDaemon(true); // never keeps the JVM alive, even if a close were missed
            workers.add(t);
            t.start();
        }
    }

    /**
     * Queues a file, waiting while {@link #AHEAD} are queued.
     *
     * @param task the file
     * @throws IOException an earlier task's failure (the task is abandoned), or an interrupt
     */
    void submit(Task task) throws IOException {
        try {
            rethrowFailure();
        } catch (IOException | RuntimeException | Error e) {
            task.abandon();
            throw e;
        }
        batch.add(task);
        if (batch.size() == BATCH) {
            flush();
        }
    }

    /** Queues the files gathered so far; on a failure or an interrupt, abandons them. */
    private void flush() throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        List<Task> full = batch;
        batch = new ArrayList<>(BATCH);
        synchronized (idle) {
            outstanding += full.size();
        }
        try {
            queue.put(full);
        } catch (InterruptedException e) {
            abandon(full);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying");
        }
    }

    /**
     * Waits until every file queued so far is made: before a name whose file may still be queued
     * is replaced (the task would make or finish the file by that name).
     *
     * @throws IOException a task's failure, or an interrupt
     */
    void awaitIdle() throws IOException {
        flush();
        synchronized (idle) {
            while (outstanding > 0) {
                try {
                    idle.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while copying");
                }
            }
        }
        rethrowFailure();
    }

    /**
     * Waits until every file is made.
     *
     * @throws IOException a task's failure, or an interrupt
     */
    void finish() throws IOException {
        awaitIdle();
    }

    /** Abandons what is still queued, and ends and joins the threads. */
    @Override
    public void close() {
        stopped = true;
        for (Task t : batch) {
            t.abandon(); // gathered, never queued: not counted as outstanding
        }
        batch.clear();
        boolean interrupted = Thread.interrupted();
        int ends = 0;
        while (ends < workers.size()) {
            try {
                queue.put(END); // one per thread; they drain the queue, so never a long wait
                ends++;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (Thread t : workers) {
            interrupted |= ThreadJoins.joinThroughInterrupts(t);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        while (true) {
            List<Task> next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return; // nobody interrupts these threads: close() ends them with END
            }
            if (next == END) {
                return;
            }
            for (Task task : next) {
                run(task);
            }
        }
    }

    private void run(Task task) {
        try {
            if (stopped || failure.get() != null) {
                task.abandon();
            } else {
                task.run();
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            task.abandon();
        } finally {
            done(1);
        }
    }

    /** Gives up queued files that no worker will take. */
    private void abandon(List<Task> tasks) {
        for (Task t : tasks) {
            t.abandon();
        }
        done(tasks.size());
    }

    private void done(int tasks) {
        synchronized (idle) {
            outstanding -= tasks;
            if (outstanding == 0) {
                idle.notifyAll();
            }
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable t = failure.get();
        if (t instanceof IOException) {
            throw (IOException) t;
        }
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        if (t != null) {
            throw new IOException(t);
        }
    }
}
