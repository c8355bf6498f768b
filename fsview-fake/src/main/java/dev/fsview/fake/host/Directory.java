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
        return entries.get(name);
    }

    /** @return whether the directory has no entries */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** @return the number of entries */
    public int entryCount() {
        return entries.size();
    }

    /** @return a snapshot of the entries, in order */
    public List<Dentry> list() {
        return new ArrayList<>(entries.values());
    }

    void put(Dentry d) {
        entries.put(d.name(), d);
        direntBytes += direntSize(d.name());
        // a disk file system (ext4): whole blocks, which a directory keeps once it has them
        blocks = Math.max(blocks, (direntBytes + DISK_BLOCK - 1) / DISK_BLOCK);
    }

    void remove(String name) {
        if (entries.remove(name) != null) {
            direntBytes -= direntSize(name);
        }
    }

    /** An ext4 linear directory entry: 8 bytes and the name, rounded up to 4. */
    private static long direntSize(String name) {
        return (8 + name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 3) & ~3;
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
            return (long) BOGO_DIRENT_SIZE * (entries.size() + 2);
        }
        return blocks * DISK_BLOCK;
    }
}
