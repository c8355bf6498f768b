package dev.fsview.fake.host;

/** A regular file inode; its bytes are in a {@link ByteStore}. */
public final class RegularFile extends Inode {
    private final ByteStore content = new ByteStore();
    private long deniedSize = -1;
    /** Non-null while the bytes are still on the disk (a lazy import). */
    private volatile Loader loader;

    private long diskSize;

    /** Reads a file's bytes from where they really are (the disk), when first opened. */
    @FunctionalInterface
    public interface Loader {
        /**
         * Reads the whole content; runs once, while the caller holds the kernel's lock.
         *
         * @param file the file
         * @return the bytes
         * @throws ErrnoException EACCES when this process may not read them, EIO when the disk's
         *     entry is no longer the file that was listed
         */
        byte[] read(RegularFile file) throws ErrnoException;
    }

    /**
     * Creates an empty regular file.
     *
     * @param sb the file system
     * @param permissions permission bits
     * @param uid owner
     * @param gid group
     * @param now the current time
     */
    public RegularFile(Superblock sb, int permissions, int uid, int gid, long now) {
        super(sb, S_IFREG | (permissions & 07777), uid, gid, now);
    }

    /**
     * Makes the bytes come from a loader when first opened; for a file not yet visible to anyone.
     * Its pages are counted on its file system now, at the disk's size.
     *
     * @param l the loader
     * @param size the size the disk gave it
     */
    public void loadLazily(Loader l, long size) {
        this.diskSize = size;
        superblock().resize(0, size);
        this.loader = l;
    }

    /** @return whether the bytes are still to be read (a lazily imported file) */
    public boolean isLazy() {
        return loader != null;
    }

    /**
     * Reads the bytes in now if they are still on the disk (once). The caller holds the kernel's
     * lock; called by every open but a truncating one.
     *
     * @throws ErrnoException what the content fails with (EACCES, EIO)
     */
    public void load() throws ErrnoException {
        if (loader != null) {
            synchronized (this) {
                Loader l = loader;
                if (l != null) {
                    try {
                        byte[] bytes = l.read(this);
                        superblock().resize(diskSize, bytes.length);
                        content.replace(bytes);
                    } catch (ErrnoException e) {
                        deniedSize = diskSize;
                        failContent(e.errno());
                    } finally {
                        loader = null;
                    }
                }
            }
        }
        if (contentError() != null) {
            throw ErrnoException.of(contentError());
        }
    }

    /**
     * Forgets the disk's bytes unread (an open with O_TRUNC replaces them all); the file is empty.
     */
    public void discardLazyContent() {
        if (loader != null) {
            synchronized (this) {
                if (loader != null) {
                    superblock().resize(diskSize, 0);
                    loader = null;
                }
            }
        }
    }

    /** @return the content (read from the disk first if it is still there) */
    public ByteStore content() {
        if (loader != null) {
            try {
                load();
            } catch (ErrnoException e) {
                // kept: the next open fails with it
            }
        }
        return content;
    }

    /**
     * Marks this file unreadable (see {@link #denyContent()}) while it reports the size the disk
     * gave it.
     *
     * @param diskSize the real file's size
     */
    public void denyContent(long diskSize) {
        denyContent();
        this.deniedSize = diskSize;
    }

    @Override
    public long size() {
        if (loader != null) {
            return diskSize;
        }
        return deniedSize >= 0 ? deniedSize : content.size();
    }
}
