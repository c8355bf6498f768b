package dev.fsview.fake.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A directory inode: its entries by name, in creation order. Like tmpfs, its size is 20 bytes per
 * entry plus 40 for {@code .} and {@code ..}. A removed directory is dead: lookups and creations
 * in it fail with ENOENT, as the kernel's {@code IS_DEADDIR} makes them.
 */
public final class Directory extends Inode {
    private static final int BOGO_DIRENT_SIZE = 20;

    private final Map<String, Dentry> entries = new LinkedHashMap<>();
    private Dentry dentry;
    private boolean dead;

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
    }

    void remove(String name) {
        entries.remove(name);
    }

    /** @return whether the directory was removed */
    public boolean isDead() {
        return dead;
    }

    void kill() {
        dead = true;
    }

    @Override
    public long size() {
        return (long) BOGO_DIRENT_SIZE * (entries.size() + 2);
    }
}
