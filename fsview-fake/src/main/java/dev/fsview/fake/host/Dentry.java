package dev.fsview.fake.host;

/**
 * A name of an inode in its parent directory: the kernel's dentry. Mounts attach to dentries, not
 * to inodes, so a hard-linked file has several dentries of which only the one mounted on is a
 * mount point; and a dentry keeps its mounts when it is renamed. A dentry that was unlinked is
 * negative ({@link #isLinked()} false) and stays so: a new file with the same name gets a new
 * dentry, which is not a mount point.
 */
public final class Dentry {
    private String name;
    private Dentry parent;
    private final Inode inode;
    private boolean linked;
    private int mounted;

    private Dentry(String name, Dentry parent, Inode inode) {
        this.name = name;
        this.parent = parent;
        this.inode = inode;
    }

    /**
     * Creates the root dentry of a file system (its own parent, as in the kernel).
     *
     * @param dir the root directory
     * @return the dentry
     */
    static Dentry root(Directory dir) {
        Dentry d = new Dentry("/", null, dir);
        d.parent = d;
        d.linked = true;
        dir.setDentry(d);
        return d;
    }

    /**
     * Links an inode under a name in a directory, updating link counts, the directory's size and
     * times. The caller has checked that the name is free.
     *
     * @param parent the directory's dentry
     * @param name the name
     * @param inode the inode to link
     * @param now the current time
     * @return the new dentry
     */
    public static Dentry link(Dentry parent, String name, Inode inode, long now) {
        Directory dir = (Directory) parent.inode;
        Dentry d = new Dentry(name, parent, inode);
        d.linked = true;
        dir.put(d);
        if (inode instanceof Directory) {
            ((Directory) inode).setDentry(d);
            dir.addLinks(1);
        } else {
            inode.addLinks(1);
            inode.changed(now);
        }
        dir.modified(now);
        return d;
    }

    /**
     * Removes this name from its directory. A directory dies with its name; another inode lives
     * on while it has names or open files.
     *
     * @param now the current time
     */
    public void unlink(long now) {
        Directory dir = (Directory) parent.inode;
        dir.remove(name);
        linked = false;
        if (inode instanceof Directory) {
            dir.addLinks(-1);
            inode.addLinks(-2);
            ((Directory) inode).kill();
        } else {
            inode.addLinks(-1);
        }
        inode.changed(now);
        dir.modified(now);
    }

    /**
     * Moves this dentry to a new name, possibly in another directory of the same file system; the
     * caller has removed whatever the new name held.
     *
     * @param newParent the directory to move to
     * @param newName the new name
     * @param now the current time
     */
    public void move(Dentry newParent, String newName, long now) {
        Directory from = (Directory) parent.inode;
        Directory to = (Directory) newParent.inode;
        from.remove(name);
        if (inode instanceof Directory && from != to) {
            from.addLinks(-1);
            to.addLinks(1);
        }
        this.name = newName;
        this.parent = newParent;
        to.put(this);
        from.modified(now);
        to.modified(now);
        inode.changed(now);
    }

    /** @return the name ({@code "/"} for a file system root) */
    public String name() {
        return name;
    }

    /** @return the parent dentry; a file system root is its own parent */
    public Dentry parent() {
        return parent;
    }

    /** @return the inode */
    public Inode inode() {
        return inode;
    }

    /** @return whether this name still exists */
    public boolean isLinked() {
        return linked;
    }

    /** @return whether this is the root of its file system */
    public boolean isRoot() {
        return parent == this;
    }

    /**
     * Returns whether this dentry is {@code ancestor} or lies below it (the kernel's
     * {@code is_subdir}).
     *
     * @param ancestor a directory dentry
     * @return {@code true} if {@code ancestor} is on the way up from here
     */
    public boolean isSubdirOf(Dentry ancestor) {
        Dentry d = this;
        while (true) {
            if (d == ancestor) {
                return true;
            }
            if (d.isRoot()) {
                return false;
            }
            d = d.parent;
        }
    }

    /** @return whether some mount, in any namespace, is attached here (the kernel's DCACHE_MOUNTED) */
    public boolean isMounted() {
        return mounted > 0;
    }

    /**
     * Counts a mount attached to, or detached from, this dentry.
     *
     * @param delta {@code +1} or {@code -1}
     */
    public void countMount(int delta) {
        mounted += delta;
    }

    @Override
    public String toString() {
        // iterative: no depth of tree overflows the stack
        java.util.ArrayDeque<String> names = new java.util.ArrayDeque<>();
        for (Dentry d = this; !d.isRoot(); d = d.parent) {
            names.addFirst(d.name);
        }
        return "/" + String.join("/", names);
    }
}
