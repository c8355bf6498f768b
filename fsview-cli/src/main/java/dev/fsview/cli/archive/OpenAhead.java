package dev.fsview.cli.archive;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens the contents of an archive's next files on a few worker threads while the caller is still
 * writing earlier ones. A copy out of a container spends most of its time opening files through the
 * view (a lookup in the container, the open, a check of what was opened), one after the other;
 * with a few opens in flight those waits overlap each other and the writing. The bytes and the
 * checks are the same: each file is opened exactly as {@link Archive.Content#open()} opens it,
 * and its content is consumed in archive order.
 *
 * <p>At most {@code depth} files are open ahead of the one being written. Closing this closes
 * every file opened ahead and not taken (after a failure part way, say).
 */
public final class OpenAhead implements Closeable {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final List<Archive.Item> items;
    /** For each item, its position among the items with content; -1 for the others. */
    private final int[] position;
    /** The indexes of the items with content, in order. */
    private final int[] withContent;
    private final int depth;
    private final ExecutorService pool;
    private final Map<Integer, Future<InputStream>> pending = new HashMap<>();
    /** The next position among {@link #withContent} not yet handed to the pool. */
    private int nextToSchedule;
    private boolean closed;

    private OpenAhead(Archive archive, int threads, int depth) {
        this.items = archive.items();
        this.position = new int[items.size()];
        List<Integer> content = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            position[i] = items.get(i).content() == null ? -1 : content.size();
            if (items.get(i).content() != null) {
                content.add(i);
            }
        }
        this.withContent = content.stream().mapToInt(Integer::intValue).toArray();
        this.depth = depth;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fsview-open-ahead-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts opening ahead for an archive.
     *
     * @param archive the archive whose files will be read in order
     * @param threads how many opens may run at once
     * @param depth how many files may be open ahead of the one being read
     * @return the open-ahead; {@link #archive()} gives the archive to read, {@link #close()} ends it
     */
    public static OpenAhead of(Archive archive, int threads, int depth) {
        if (threads < 1 || depth < 1) {
            throw new IllegalArgumentException("threads and depth must be positive");
        }
        return new OpenAhead(archive, threads, depth);
    }

    /**
     * Returns the archive whose contents come from the files opened ahead: the same entries, in
     * the same order.
     *
     * @return the archive
     */
    public Archive archive() {
        List<Archive.Item> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Archive.Item item = items.get(i);
            int index = i;
            out.add(item.content() == null ? item
                    : new Archive.Item(item.entry(), () -> take(index)));
        }
        return new Archive(out);
    }

    private synchronized InputStream take(int index) throws IOException {
        if (closed) {
            throw new IOException("the copy was ended");
        }
        int p = position[index];
        // The window moves with the reader: files up to depth past this one are opening.
        int end = Math.min(withContent.length, p + 1 + depth);
        for (int s = Math.max(nextToSchedule, p); s < end; s++) {
            pending.put(s, pool.submit(items.get(withContent[s]).content()::open));
        }
        nextToSchedule = Math.max(nextToSchedule, end);
        Future<InputStream> f = pending.remove(p);
        if (f == null) {
            return items.get(index).content().open(); // read a second time: opened again
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.put(p, f); // closed by close()
            throw new InterruptedIOException("interrupted while opening " + items.get(index)
                    .entry().name());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause; // the same exception, so refusals stay refusals
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new UncheckedIOException(new IOException(cause));
        }
    }

    /** Closes every file opened ahead and not taken, and ends the worker threads. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Future<InputStream> f : pending.values()) {
            if (f.cancel(false)) {
                continue; // never started
            }
            try {
                f.get().close(); // an open under way is waited for, then closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | IOException | RuntimeException e) {
                // it failed to open or to close: nothing of it is left open
            }
        }
        pending.clear();
        pool.shutdown();
    }
}
