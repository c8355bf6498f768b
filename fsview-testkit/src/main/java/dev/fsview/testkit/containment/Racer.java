package dev.fsview.testkit.containment;

import dev.fsview.testkit.HostFixture;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The racing adversary: a thread that, again and again, swaps a directory of the container for a
 * symlink pointing outside and back, with atomic renames, as a process inside the container
 * could while a view opens or works. Each swap puts one of the given links in the directory's
 * place, then the directory back.
 */
public final class Racer implements AutoCloseable {
    /** How often a rename into place is retried while views keep recreating the directory. */
    private static final int MAX_ATTEMPTS = 100;

    private final HostFixture host;
    private final String dir;
    private final List<String> links;
    private final AtomicLong swaps = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean stop;

    private Racer(HostFixture host, String dir, List<String> targets) throws IOException {
        this.host = host;
        this.dir = dir;
        this.links = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            String link = dir + ".link" + i;
            host.symlink(link, targets.get(i));
            links.add(link);
        }
        this.thread = new Thread(this::race, "fsview-testkit-racer");
        this.thread.setDaemon(true);
    }

    /**
     * Starts swapping.
     *
     * @param host the host
     * @param dir host path of an existing directory inside the container root
     * @param targets what the links put in its place hold (e.g. a host path, a climb)
     * @return the running racer; close it to stop
     * @throws IOException if the links cannot be planted
     */
    public static Racer start(HostFixture host, String dir, List<String> targets)
            throws IOException {
        Racer r = new Racer(host, dir, targets);
        r.thread.start();
        return r;
    }

    private void race() {
        String parked = dir + ".real";
        try {
            while (!stop) {
                for (String link : links) {
                    // Every cycle ends with the directory back in place.
                    host.rename(dir, parked);
                    putInPlace(link, parked);
                    swaps.incrementAndGet();
                    host.rename(dir, link);
                    putInPlace(parked, parked);
                    swaps.incrementAndGet();
                }
            }
        } catch (IOException | RuntimeException e) {
            failure.set(e);
        }
    }

    /**
     * Renames {@code from} to the directory's name. While the directory was away, a view may have
     * created a new one there (mount targets are created with their parents): that one is moved
     * aside, as a process in the container could, and the rename done again.
     */
    private void putInPlace(String from, String parked) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                host.rename(from, dir);
                return;
            } catch (IOException occupied) {
                if (attempt == MAX_ATTEMPTS
                        || host.kind(dir) == HostFixture.Kind.MISSING
                        || host.kind(from) == HostFixture.Kind.MISSING) {
                    throw occupied;
                }
                host.rename(dir, parked + ".recreated-" + swaps.get() + "-" + attempt);
            }
        }
    }

    /**
     * Returns how many times the directory was replaced so far.
     *
     * @return the count
     */
    public long swaps() {
        return swaps.get();
    }

    /**
     * Returns whether the racer is still swapping.
     *
     * @return {@code false} once it stopped or failed
     */
    public boolean running() {
        return thread.isAlive();
    }

    /** Stops swapping, leaving the directory in place; fails if the racer itself failed. */
    @Override
    public void close() {
        stop = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new AssertionError("the racer did not stop");
        }
        if (failure.get() != null) {
            throw new AssertionError("the racer failed after " + swaps() + " swaps", failure.get());
        }
    }
}
