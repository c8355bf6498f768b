package dev.fsview.cli.copy;

import dev.fsview.cli.archive.Archive;
import dev.fsview.cli.archive.ThreadJoins;
import dev.fsview.cli.archive.TreeArchiver;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tree's walk on its own thread, at most {@link #AHEAD} entries (and the batch it is
 * filling) ahead of the thread that consumes them, handed over {@link #BATCH} at a time. A tar
 * stream then lists and stats the tree on one core while it sends the files on the other, and
 * while the consumer is behind the walker opens files for it too, at most {@link #OPEN_AHEAD} at
 * a time (benchmarks/README.md, "The walk opens files ahead"): before, the whole walk ran first
 * and the writing started only after it.
 *
 * <p>Nothing is left behind: whatever ends the consumer (the walk's failure, its own, an
 * interrupt), the walker is stopped and joined before {@link #drain} returns or throws, and every
 * file it opened that the consumer did not take is closed.
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

    /**
     * Regular files the walker may hold open that the consumer has not taken yet: a bound on the
     * fds a copy holds (far below any soft limit a JVM starts with), whatever the tree.
     */
    static final int OPEN_AHEAD = 128;

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD / BATCH);
    private final Semaphore openAhead = new Semaphore(OPEN_AHEAD);
    private volatile boolean stopped;
    /** The walker's entries not handed over yet; the walker's thread only, until it is joined. */
    private List<Archive.Item> batch = new ArrayList<>(BATCH);
    /** The batch the consumer is writing; its thread only. */
    private List<Archive.Item> consuming = List.of();

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
            ahead.discardQueued(); // a walker blocked on a full queue sees the stop at once
            ThreadJoins.joinUninterruptibly(walker);
            // The walker is gone: what it queued while it was stopped, what it had not handed
            // over, and what the consumer had not taken are closed here, not left open.
            ahead.discardQueued();
            discard(ahead.batch);
            discard(ahead.consuming);
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

    /**
     * Adds one entry to the batch, and hands the batch over once it is full. A regular file is
     * opened here when the consumer is behind: a tar stream's writer was the busier of the two
     * threads, the open (a lookup from the root, a check of what was found, a reopen) a third of
     * its work per file, and opened here it is work taken from the thread that holds the copy
     * back (benchmarks/README.md, "The walk opens files ahead"). When the consumer waits for the
     * walk instead, it opens the file itself, as the walk is then the slower side.
     */
    private void add(Archive.Item item) throws Stopped {
        batch.add(consumerBehind() && item.content() != null ? openedAhead(item) : item);
        if (batch.size() == BATCH) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** Whether a whole batch waits for the consumer. */
    private boolean consumerBehind() {
        return !queue.isEmpty();
    }

    /** The item with its file open, or as it was once {@link #OPEN_AHEAD} files wait open. */
    private Archive.Item openedAhead(Archive.Item item) {
        if (!openAhead.tryAcquire()) {
            return item;
        }
        return new Archive.Item(item.entry(), new OpenedAhead(item.content(), openAhead));
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
            consuming = batchOf(next);
            for (Archive.Item item : consuming) {
                consumer.add(item);
            }
            discard(consuming); // a consumer that never opened an item's content left it open
        }
    }

    /** Empties the queue, closing the files of its batches. */
    private void discardQueued() {
        List<Object> left = new ArrayList<>();
        queue.drainTo(left);
        for (Object queued : left) {
            if (queued instanceof List) {
                discard(batchOf(queued));
            }
        }
    }

    /** Closes the files of a batch that were opened ahead and not taken. */
    private static void discard(List<Archive.Item> items) {
        for (Archive.Item item : items) {
            if (item.content() instanceof OpenedAhead) {
                ((OpenedAhead) item.content()).discard();
            }
        }
    }

    /**
     * A file's content opened on the walker's thread, handed to the consumer once: its
     * {@link #open()} gives the open stream, or throws what opening threw (a refusal is then
     * reported where the file is written, as if it had been opened there). A stream nobody took
     * is closed by {@link #discard()}.
     */
    static final class OpenedAhead implements Archive.Content {
        private final Semaphore permits;
        private InputStream stream;
        private IOException failure;
        private boolean taken;

        /** Opens now, holding one of {@code permits} until the stream is taken or discarded. */
        OpenedAhead(Archive.Content content, Semaphore permits) {
            this.permits = permits;
            try {
                stream = content.open();
            } catch (IOException e) {
                failure = e;
            } catch (RuntimeException | Error e) {
                permits.release();
                throw e;
            }
            if (stream == null) {
                permits.release(); // nothing held open
            }
        }

        @Override
        public synchronized InputStream open() throws IOException {
            if (taken) {
                throw new IllegalStateException("content already taken");
            }
            taken = true;
            if (stream == null) {
                throw failure;
            }
            permits.release(); // the consumer closes it from here on
            return stream;
        }

        synchronized void discard() {
            if (taken) {
                return;
            }
            taken = true;
            if (stream != null) {
                permits.release();
                try {
                    stream.close();
                } catch (IOException e) {
                    // Closing a file only read from: nothing was lost.
                }
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
