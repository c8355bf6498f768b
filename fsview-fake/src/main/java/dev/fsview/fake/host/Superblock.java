package dev.fsview.fake.host;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One file system instance: the host's own, or a tmpfs. Gives its inodes their numbers and its
 * device number, and accounts for space when it has a size limit (like tmpfs, in 4 KiB pages).
 */
public final class Superblock {
    private static final long PAGE = 4096;

    private final long dev;
    private final String type;
    private final String source;
    private final long sizeLimit;
    private final AtomicLong nextIno = new AtomicLong(1);
    /** Atomic rather than locked: every write that grows a file by a page accounts for it. */
    private final AtomicLong usedPages = new AtomicLong();

    private Dentry root;

    /**
     * Creates a file system with an empty root directory.
     *
     * @param dev its device number
     * @param type e.g. {@code "tmpfs"}
     * @param source what {@code /proc/mounts} shows as the source, e.g. {@code "tmpfs"}
     * @param sizeLimit bytes, {@code 0} for no limit
     * @param rootMode permission bits of the root directory
     * @param now the current time
     */
    public Superblock(
            long dev, String type, String source, long sizeLimit, int rootMode, long now) {
        this.dev = dev;
        this.type = type;
        this.source = source;
        this.sizeLimit = sizeLimit;
        this.root = Dentry.root(new Directory(this, rootMode, 0, 0, now));
    }

    long nextIno() {
        return nextIno.getAndIncrement();
    }

    /** @return the device number */
    public long dev() {
        return dev;
    }

    /** @return the file system type */
    public String type() {
        return type;
    }

    /** @return the source shown in the mount table */
    public String source() {
        return source;
    }

    /** @return the root dentry */
    public Dentry root() {
        return root;
    }

    /** @return the size limit in bytes, 0 for none */
    public long sizeLimit() {
        return sizeLimit;
    }

    /** @return the bytes in use, counted in pages */
    public long usedBytes() {
        return usedPages.get() * PAGE;
    }

    /**
     * Accounts for a file growing or shrinking from {@code oldSize} to {@code newSize}.
     *
     * @param oldSize the size before
     * @param newSize the size after
     * @return whether it fits (nothing is accounted if not)
     */
    public boolean resize(long oldSize, long newSize) {
        long delta = pages(newSize) - pages(oldSize);
        if (delta == 0) {
            return true; // most writes stay within their last page
        }
        if (delta < 0 || sizeLimit == 0) {
            usedPages.addAndGet(delta);
            return true;
        }
        while (true) {
            long used = usedPages.get();
            if ((used + delta) * PAGE > sizeLimit) {
                return false;
            }
            if (usedPages.compareAndSet(used, used + delta)) {
                return true;
            }
        }
    }

    /**
     * How many bytes a file of size {@code size} may grow to on this file system.
     *
     * @param size the current size
     * @return the largest size that fits
     */
    public long roomFor(long size) {
        if (sizeLimit == 0) {
            return Long.MAX_VALUE;
        }
        long freePages = sizeLimit / PAGE - usedPages.get();
        return Math.max(size, pages(size) * PAGE + freePages * PAGE);
    }

    private static long pages(long size) {
        return (size + PAGE - 1) / PAGE;
    }
}
