package dev.fsview.cli.copy;

import dev.fsview.cli.archive.Archive;
import dev.fsview.cli.archive.ThreadJoins;
import dev.fsview.cli.archive.TreeArchiver;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tree's walk on its own thread, at most {@link #AHEAD} entries (and the batch it is
 * filling) ahead of the thread that consumes them, handed over {@link #BATCH} at a time. A tar
 * stream then lists and stats the tree on one core while it opens and sends the files on the other
 * (benchmarks/README.md, "cp :/ - while walking"): before, the whole walk ran first and the
 * writing started only after it.
 *
 * <p>Nothing is left behind: whatever ends the consumer (the walk's failure, its own, an
 * interrupt), the walker is stopped and joined before {@link #drain} returns or throws.
 */
final class WalkAhead {
    /** Entries the walk may read ahead: a bound on memory, whatever the size of the tree. */
    static final int AHEAD = 1024;

    /**
     * Entries handed over at a time. One by one, the consumer (faster than the walk on most
     * trees) emptied the queue and slept after nearly every entry, to be woken by the next: a
     * futex wake and a context switch per entry on both threads.
     */
    static final int BATCH = 64;

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD / BATCH);
    private volatile boolean stopped;
    /** The walker's entries not handed over yet; the walker's thread only. */
    private List<Archive.Item> batch = new ArrayList<>(BATCH);

    private WalkAhead() {}

    /** A walk to run: {@code TreeArchiver.Walk::run}. */
    @FunctionalInterface
    interface Walk {
        /**
         * Runs the walk.
         *
         * @param sink receives each entry, in order
         * @throws IOException if the walk fails
         */
        void run(TreeArchiver.Sink sink) throws IOException;
    }

    /** What ended the walk early, carried to the consumer's thread. */
    private record Failed(Throwable cause) {}

    /** Thrown on the walker's thread to end the walk once the consumer has stopped. */
    private static final class Stopped extends IOException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("the consumer of the walk stopped");
        }
    }

    /**
     * Walks on a new thread and hands each entry, in order, to {@code consumer} on this thread.
     *
     * @param walk the walk, its top already checked
     * @param consumer takes each entry
     * @throws IOException the walk's failure, as it was thrown, or the consumer's
     */
    static void drain(Walk walk, TreeArchiver.Sink consumer) throws IOException {
        WalkAhead ahead = new WalkAhead();
        Thread walker = new Thread(() -> ahead.walk(walk), "fsview-cp-walk");
        walker.setDaemon(true); // never keeps the JVM alive, even if a stop were missed
        walker.start();
        try {
            ahead.consume(consumer);
        } finally {
            ahead.stopped = true;
            ahead.queue.clear(); // a walker blocked on a full queue sees the stop at once
            ThreadJoins.joinUninterruptibly(walker);
        }
    }

    private void walk(Walk walk) {
        Object last = END;
        try {
            walk.run(this::add);
        } catch (Stopped s) {
            return;
        } catch (Throwable t) {
            last = new Failed(t);
        }
        try {
            if (!batch.isEmpty()) {
                put(batch); // the entries before the end or the failure, as they were walked
            }
            put(last);
        } catch (Stopped s) {
            // the consumer is gone: nobody to tell
        }
    }

    /** Adds one entry to the batch, and hands the batch over once it is full. */
    private void add(Archive.Item item) throws Stopped {
        batch.add(item);
        if (batch.size() == BATCH) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Queues a batch or the end, waiting while the queue is full, until the consumer stops. */
    private void put(Object queued) throws Stopped {
        try {
            while (!stopped) {
                if (queue.offer(queued, 20, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new Stopped();
    }

    private void consume(TreeArchiver.Sink consumer) throws IOException {
        while (true) {
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while copying");
            }
            if (next == END) {
                return;
            }
            if (next instanceof Failed) {
                throw rethrown(((Failed) next).cause());
            }
            for (Archive.Item item : batchOf(next)) {
                consumer.add(item);
            }
        }
    }

    @SuppressWarnings("unchecked") // only the walker's batches are queued besides END and Failed
    private static List<Archive.Item> batchOf(Object queued) {
        return (List<Archive.Item>) queued;
    }

    /** The walk's failure, as the walk would have thrown it on this thread. */
    private static IOException rethrown(Throwable cause) {
        if (cause instanceof IOException) {
            return (IOException) cause;
        }
        if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new IOException(cause);
    }
}
