package dev.fsview.fake.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A directory inode: its entries by name, in creation order. On a tmpfs its size is 20 bytes per
 * entry plus 40 for {@code .} and {@code ..}; on the host's disk file system whole 4096-byte
 * blocks, as ext4 (a new directory 4096, growing with a linear directory's entries). A removed directory is dead: lookups and creations
 * in it fail with ENOENT, as the kernel's {@code IS_DEADDIR} makes them.
 */
public final class Directory extends Inode {
    private static final int BOGO_DIRENT_SIZE = 20;

    private final Map<String, Dentry> entries = new LinkedHashMap<>();
    private Dentry dentry;
    private boolean dead;
    private long diskSize = -1;
    /** False while the entries are still on the disk (a lazy import); published after loading. */
    private volatile boolean ready = true;
    /** Guarded by this object's monitor. */
    private Loader loader;

    private boolean loading;

    /**
     * Reads a directory's entries from where they really are (the disk), the first time the
     * directory is walked into.
     */
    @FunctionalInterface
    public interface Loader {
        /**
         * Links the entries into the directory (with {@link Dentry#link}); runs once, while the
         * caller holds the kernel's lock (shared or exclusive), so it must not take that lock.
         *
         * @param dir the directory to fill
         * @throws ErrnoException what reading fails with (EACCES, EIO); the directory then
         *     stays empty and opening it or looking a name up in it fails with that errno
         */
        void load(Directory dir) throws ErrnoException;
    }
    /** Blocks of a directory on a disk file system: they grow with the entries, never shrink. */
    private long blocks = 1;
    /** Bytes of a linear ext4 directory: "." and ".." (12 each) and each entry. */
    private long direntBytes = 24;

    private static final long DISK_BLOCK = 4096;

    /**
     * Creates an empty directory (nlink 2).
     *
     * @param sb the file system
     * @param permissions permission bits
     * @param uid owner
     * @param gid group
     * @param now the current time
     */
    public Directory(Superblock sb, int permissions, int uid, int gid, long now) {
        super(sb, S_IFDIR | (permissions & 07777), uid, gid, now);
        addLinks(2);
    }

    /**
     * Makes the entries come from a loader when first needed; for a directory not yet visible
     * to anyone (a lazy import creates it with this).
     *
     * @param l the loader
     */
    public void loadLazily(Loader l) {
        synchronized (this) {
            this.loader = l;
        }
        this.ready = false;
    }

    /** @return whether the entries are still to be read (a lazily imported directory) */
    public boolean isLazy() {
        return !ready;
    }

    /**
     * Reads the entries in now if they are still on the disk (once: concurrent callers wait for
     * the first). The caller holds the kernel's lock.
     *
     * @throws ErrnoException what the directory's content fails with (EACCES, EIO)
     */
    public void load() throws ErrnoException {
        if (!ready) {
            synchronized (this) {
                if (!ready && !loading) {
                    loading = true;
                    try {
                        loader.load(this);
                    } catch (ErrnoException e) {
                        failContent(e.errno());
                    } finally {
                        loader = null;
                        loading = false;
                        ready = true;
                    }
                }
            }
        }
        if (contentError() != null) {
            throw ErrnoException.of(contentError());
        }
    }

    /** The entries, loaded if lazy; a failed load leaves none (and {@link #load()} says why). */
    private Map<String, Dentry> entries() {
        if (!ready) {
            try {
                load();
            } catch (ErrnoException e) {
                // the failure is kept: opendir and lookups report it
            }
        }
        return entries;
    }

    /** @return the one dentry of this directory (directories have no hard links) */
    public Dentry dentry() {
        return dentry;
    }

    void setDentry(Dentry d) {
        this.dentry = d;
    }

    /**
     * Looks a name up.
     *
     * @param name one component
     * @return its dentry, or {@code null}
     */
    public Dentry get(String name) {
        return entries().get(name);
    }

    /** @return whether the directory has no entries */
    public boolean isEmpty() {
        return entries().isEmpty();
    }

    /** @return the number of entries */
    public int entryCount() {
        return entries().size();
    }

    /** @return a snapshot of the entries, in order */
    public List<Dentry> list() {
        return new ArrayList<>(entries().values());
    }

    void put(Dentry d) {
        entries().put(d.name(), d);
        direntBytes += direntSize(d.name());
        // a disk file system (ext4): whole blocks, which a directory keeps once it has them
        blocks = Math.max(blocks, (direntBytes + DISK_BLOCK - 1) / DISK_BLOCK);
    }

    void remove(String name) {
        if (entries().remove(name) != null) {
            direntBytes -= direntSize(name);
        }
    }

    /** An ext4 linear directory entry: 8 bytes and the name, rounded up to 4. */
    private static long direntSize(String name) {
        return (8 + utf8Length(name) + 3) & ~3;
    }

    /** Without encoding an ASCII name, the usual kind, only to count its bytes. */
    private static int utf8Length(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
        }
        return name.length();
    }

    /** @return whether the directory was removed */
    public boolean isDead() {
        return dead;
    }

    void kill() {
        dead = true;
    }

    /**
     * Makes this directory report the size a disk file system gave it (ext4: whole 4096-byte
     * blocks) instead of tmpfs's per-entry size, so that a tree imported from disk lists as the
     * disk lists it.
     *
     * @param bytes the size to report
     */
    public void recordDiskSize(long bytes) {
        this.diskSize = bytes;
    }

    @Override
    public long size() {
        if (diskSize >= 0) {
            return diskSize;
        }
        if (superblock().type().equals("tmpfs")) {
            return (long) BOGO_DIRENT_SIZE * (entries().size() + 2);
        }
        return blocks * DISK_BLOCK;
    }
}
