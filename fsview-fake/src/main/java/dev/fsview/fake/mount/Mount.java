package dev.fsview.fake.mount;

import dev.fsview.fake.host.Dentry;
import dev.fsview.fake.host.Superblock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One mount: a file system (its superblock) seen from a root dentry, attached at a mount point of
 * a parent mount, read-only or not. Bind mounts are clones: {@link #cloneTree(Dentry, boolean)}
 * copies a mount and, recursively, the mounts below the bound dentry, as the kernel's
 * {@code copy_tree} does for {@code MS_BIND|MS_REC}.
 */
public final class Mount {
    private static final AtomicInteger IDS = new AtomicInteger(1);

    private final int id = IDS.getAndIncrement();
    private final Superblock sb;
    private final Dentry root;
    private boolean readOnly;
    private boolean noDev;
    private Mount parent;
    private Dentry mountpoint;
    private MountNamespace namespace;
    private final Map<Dentry, Mount> children = new LinkedHashMap<>(4);

    /**
     * Creates a detached mount.
     *
     * @param sb the file system
     * @param root the dentry it shows as its root
     * @param readOnly whether writes through it fail with EROFS
     */
    public Mount(Superblock sb, Dentry root, boolean readOnly) {
        this.sb = sb;
        this.root = root;
        this.readOnly = readOnly;
    }

    /**
     * Clones this mount from a dentry (a bind mount of that dentry): the clone is read-only if
     * this mount is. When recursive, every mount attached below {@code from} is cloned too, at the
     * same place, with its own flags.
     *
     * @param from a dentry of this mount's file system, at or below its root
     * @param recursive {@code rbind} rather than {@code bind}
     * @return the detached clone
     */
    public Mount cloneTree(Dentry from, boolean recursive) {
        Mount top = new Mount(sb, from, readOnly);
        top.noDev = noDev;
        if (!recursive) {
            return top;
        }
        // iterative (an explicit stack of original/clone pairs): no nesting of mounts overflows
        java.util.ArrayDeque<Mount[]> pending = new java.util.ArrayDeque<>();
        pending.push(new Mount[] {this, top});
        while (!pending.isEmpty()) {
            Mount[] pair = pending.pop();
            Mount original = pair[0];
            Mount copy = pair[1];
            for (Mount child : original.children.values()) {
                if (child.mountpoint.isSubdirOf(original == this ? from : original.root)) {
                    Mount sub = new Mount(child.sb, child.root, child.readOnly);
                    sub.noDev = child.noDev;
                    sub.parent = copy;
                    sub.mountpoint = child.mountpoint;
                    copy.children.put(child.mountpoint, sub);
                    pending.push(new Mount[] {child, sub});
                }
            }
        }
        return top;
    }

    /** @return a number that identifies the mount, as in {@code /proc/self/mountinfo} */
    public int id() {
        return id;
    }

    /** @return the file system */
    public Superblock superblock() {
        return sb;
    }

    /** @return the root dentry */
    public Dentry root() {
        return root;
    }

    /** @return whether the mount is read-only */
    public boolean isReadOnly() {
        return readOnly;
    }

    /**
     * Sets the read-only flag of this mount only.
     *
     * @param value the flag
     */
    public void setReadOnly(boolean value) {
        this.readOnly = value;
    }

    /** @return whether device nodes under this mount refuse to open ({@code nodev}) */
    public boolean isNoDev() {
        return noDev;
    }

    /**
     * Sets the {@code nodev} flag of this mount only.
     *
     * @param value the flag
     */
    public void setNoDev(boolean value) {
        this.noDev = value;
    }

    /** @return the parent mount, or {@code null} for the root of a namespace */
    public Mount parent() {
        return parent;
    }

    /** @return the dentry of the parent mount this one is attached at, or {@code null} */
    public Dentry mountpoint() {
        return mountpoint;
    }

    /** @return the namespace the mount belongs to, or {@code null} while detached */
    public MountNamespace namespace() {
        return namespace;
    }

    /**
     * Returns the mount attached at a dentry of this mount.
     *
     * @param d a dentry
     * @return the mount on top of it, or {@code null}
     */
    public Mount childAt(Dentry d) {
        return children.isEmpty() ? null : children.get(d);
    }

    /** @return the mounts attached directly to this one */
    public List<Mount> children() {
        return new ArrayList<>(children.values());
    }

    /** @return this mount and every mount below it, parents first */
    public List<Mount> subtree() {
        // iterative, depth first in attachment order, parents before their children
        List<Mount> out = new ArrayList<>();
        java.util.ArrayDeque<Mount> pending = new java.util.ArrayDeque<>();
        pending.push(this);
        while (!pending.isEmpty()) {
            Mount m = pending.pop();
            out.add(m);
            List<Mount> kids = new ArrayList<>(m.children.values());
            for (int i = kids.size() - 1; i >= 0; i--) {
                pending.push(kids.get(i));
            }
        }
        return out;
    }

    void attachChild(Mount child, Dentry at) {
        child.parent = this;
        child.mountpoint = at;
        children.put(at, child);
    }

    void detachChild(Mount child) {
        children.remove(child.mountpoint);
        child.parent = null;
        child.mountpoint = null;
    }

    void setNamespace(MountNamespace ns) {
        this.namespace = ns;
    }

    @Override
    public String toString() {
        return "mount " + id + " (" + sb.type() + " " + root + (readOnly ? ", ro)" : ", rw)");
    }
}
