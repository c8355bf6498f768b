package dev.fsview.fake.mount;

import dev.fsview.fake.host.Dentry;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mount namespace: a tree of mounts under one root mount. The host has one; each view has its
 * own, made of clones, so that what a view mounts is seen by no one else and vanishes with it.
 * Knows its mount points, because removing or renaming a mount point of one's own namespace fails
 * with EBUSY (in another namespace, it is allowed and the mount goes with the name).
 */
public final class MountNamespace {
    private final Mount root;
    private final Map<Dentry, Integer> mountpoints = new IdentityHashMap<>();
    private boolean disposed;

    /**
     * Makes a namespace of a detached mount tree.
     *
     * @param root the mount that becomes the namespace's root
     */
    public MountNamespace(Mount root) {
        this.root = root;
        adopt(root);
    }

    /** @return the root mount */
    public Mount root() {
        return root;
    }

    /**
     * Attaches a detached mount tree at a location of this namespace. If a mount is already on
     * top of that location, the new one goes on top of it (mounts stack).
     *
     * @param tree the detached mount tree
     * @param at where, in a mount of this namespace
     */
    public void attach(Mount tree, Location at) {
        Mount parent = at.mount();
        Dentry point = at.dentry();
        Mount top = parent.childAt(point);
        while (top != null) {
            parent = top;
            point = top.root();
            top = parent.childAt(point);
        }
        parent.attachChild(tree, point);
        count(point, +1);
        adopt(tree);
    }

    /**
     * Detaches a mount and everything below it ({@code umount -l}).
     *
     * @param m a mount of this namespace other than the root
     */
    public void detach(Mount m) {
        for (Mount sub : m.subtree()) {
            release(sub);
        }
        Mount parent = m.parent();
        Dentry point = m.mountpoint();
        parent.detachChild(m);
        count(point, -1);
    }

    /**
     * Returns whether a dentry is a mount point in this namespace.
     *
     * @param d a dentry
     * @return {@code true} if a mount of this namespace is attached there
     */
    public boolean isMountpoint(Dentry d) {
        return d.isMounted() && mountpoints.containsKey(d);
    }

    /** @return every mount, parents first */
    public List<Mount> mounts() {
        return root.subtree();
    }

    /** Releases the namespace: its dentries are no longer mount points. Idempotent. */
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        for (Mount m : new ArrayList<>(root.subtree())) {
            release(m);
        }
    }

    private void adopt(Mount tree) {
        for (Mount m : tree.subtree()) {
            m.setNamespace(this);
            if (m != tree) {
                count(m.mountpoint(), +1);
            }
        }
    }

    private void release(Mount m) {
        for (Mount c : m.children()) {
            count(c.mountpoint(), -1);
            c.setNamespace(null);
        }
        m.setNamespace(null);
    }

    private void count(Dentry d, int delta) {
        d.countMount(delta);
        int n = mountpoints.getOrDefault(d, 0) + delta;
        if (n <= 0) {
            mountpoints.remove(d);
        } else {
            mountpoints.put(d, n);
        }
    }
}
