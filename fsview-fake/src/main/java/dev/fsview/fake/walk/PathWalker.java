package dev.fsview.fake.walk;

import dev.fsview.fake.host.Dentry;
import dev.fsview.fake.host.Directory;
import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.host.Symlink;
import dev.fsview.fake.mount.Location;
import dev.fsview.fake.mount.Mount;
import dev.fsview.spi.errno.Errno;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The path walk: the one algorithm every operation of the fake resolves paths with, a port of the
 * kernel's {@code link_path_walk} and its helpers, one lookup per instance (the kernel's
 * {@code nameidata}).
 *
 * <ul>
 *   <li>Component by component, from the process root for an absolute path, else from the cwd;
 *       every component but the last must be a directory after it is resolved (ENOTDIR).
 *   <li>Symlinks are followed with Linux's budget: 40 per lookup, the 41st fails with ELOOP. An
 *       absolute link body restarts at the process root, never above it (chroot semantics).
 *   <li>{@code ..} never leaves the process root; at the root of a mount it goes to the mount
 *       point in the parent mount first; and it fails with ENOENT when the dentry has been moved
 *       out from under the root of a bind mount (the kernel's {@code path_connected}).
 *   <li>Walking down onto a mount point enters the mount stacked on top of it.
 *   <li>A trailing slash makes the final component follow links and be a directory.
 *   <li>ENAMETOOLONG for a path of 4096 bytes or more, and for a name of more than 255 bytes when
 *       it is looked up.
 * </ul>
 * The caller holds the kernel's lock.
 */
public final class PathWalker {
    /** Most symlinks followed in one lookup. */
    public static final int MAXSYMLINKS = 40;
    /** Longest name, in bytes. */
    public static final int NAME_MAX = 255;
    /** Size of the kernel's path buffer: paths must be shorter, in bytes. */
    public static final int PATH_MAX = 4096;

    /** What kind of name the last component is (the kernel's {@code last_type}). */
    public enum LastType {
        /** An ordinary name. */
        NORM,
        /** {@code .} */
        DOT,
        /** {@code ..} */
        DOTDOT,
        /** No name at all: the path is {@code /} (or a link to it). */
        ROOT
    }

    private final Location root;
    /** The path or link body being consumed; {@code null} once the last component is found. */
    private Segment top;
    /**
     * What links interrupted, to resume once {@link #top} is consumed, the last interrupted first
     * ({@code top} and this are the kernel's stack of names); made by the first link followed
     * mid-path, as most lookups follow none.
     */
    private ArrayDeque<Segment> below;

    private Location current;
    private int links;
    private String last;
    private LastType lastType;
    private boolean mustBeDirectory;

    /**
     * Starts a lookup.
     *
     * @param root the process root: absolute paths and link bodies start here, {@code ..} stops here
     * @param cwd where relative paths start, or {@code null} for a caller that only takes
     *     absolute paths (the host's own API)
     * @param path the path as given
     * @throws ErrnoException ENOENT for an empty path, ENAMETOOLONG for a path too long
     * @throws IllegalArgumentException for a NUL byte, or a relative path without a cwd
     */
    public PathWalker(Location root, Location cwd, String path) throws ErrnoException {
        if (path.isEmpty()) {
            throw ErrnoException.of(Errno.ENOENT);
        }
        if (path.indexOf('\0') >= 0) {
            // The kernel would see the path cut at the NUL: "/data\0/../etc" must not become
            // "/data".
            throw new IllegalArgumentException(
                    "a path cannot contain a NUL byte: " + path.replace("\0", "\\0"));
        }
        if (cwd == null && path.charAt(0) != '/') {
            throw new IllegalArgumentException("not an absolute path: " + path);
        }
        if (root.mount().namespace() == null) {
            // The view's namespace is gone (it closed): a walk from its root would find the
            // container's own directory under a volume's mount point, and a write racing the
            // close would land there. Linux refuses such a lookup before the mounts go
            // (ViewRoot.closeLookups); the fake refuses it here, under the kernel's lock.
            throw ErrnoException.of(Errno.ESTALE);
        }
        if (path.length() >= PATH_MAX / 3 && utf8Length(path) >= PATH_MAX) {
            throw ErrnoException.of(Errno.ENAMETOOLONG);
        }
        this.root = root;
        this.current = path.charAt(0) == '/' ? root : cwd;
        this.top = new Segment(path);
    }

    /**
     * Resolves a whole path.
     *
     * @param root the process root
     * @param cwd the working directory
     * @param path the path
     * @param follow whether a symlink as the last component is followed
     * @return where the path leads
     * @throws ErrnoException what the kernel's lookup fails with
     */
    public static Location resolve(Location root, Location cwd, String path, boolean follow)
            throws ErrnoException {
        return new PathWalker(root, cwd, path).resolveLast(follow);
    }

    /**
     * Walks every component but the last. Afterwards {@link #parent()}, {@link #last()},
     * {@link #lastType()} and {@link #trailingSlash()} describe the last component.
     *
     * @throws ErrnoException ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG on the way
     */
    public void walkParent() throws ErrnoException {
        while (true) {
            Segment seg = top;
            String name = seg.next();
            boolean outermost = below == null || below.isEmpty();
            if (name == null) {
                if (outermost) {
                    top = null;
                    setLast(null, LastType.ROOT);
                    return;
                }
                top = below.pop();
                continue;
            }
            requireDirectory(current);
            if (outermost && !seg.hasMore()) {
                mustBeDirectory |= seg.trailing;
                top = null;
                setLast(name, typeOf(name));
                return;
            }
            step(name);
        }
    }

    /**
     * Finishes a lookup after {@link #walkParent()}: resolves the last component.
     *
     * @param follow whether a final symlink is followed (a trailing slash always follows)
     * @return the location
     * @throws ErrnoException ENOENT if it does not exist, ENOTDIR for a trailing slash on a
     *     non-directory, ELOOP past the link budget
     */
    public Location resolveLast(boolean follow) throws ErrnoException {
        walkParent();
        while (true) {
            Location result;
            switch (lastType) {
                case ROOT:
                case DOT:
                    result = current;
                    break;
                case DOTDOT:
                    result = dotdot(current);
                    break;
                default:
                    Dentry d = lookupLast();
                    if (d == null) {
                        throw ErrnoException.of(Errno.ENOENT);
                    }
                    result = crossMounts(current.mount(), d);
                    if (result.inode().isSymlink() && (follow || mustBeDirectory)) {
                        followLast((Symlink) result.inode());
                        walkParent();
                        continue;
                    }
            }
            if (mustBeDirectory && !result.inode().isDirectory()) {
                throw ErrnoException.of(Errno.ENOTDIR);
            }
            return result;
        }
    }

    /**
     * Looks the last component up in the parent, without entering a mount on it.
     *
     * @return the dentry, or {@code null} if the name does not exist
     * @throws ErrnoException ENAMETOOLONG for a name too long, ENOENT in a removed directory
     */
    public Dentry lookupLast() throws ErrnoException {
        return lookup(current, last);
    }

    /**
     * Continues the lookup into the body of a symlink found as the last component; call
     * {@link #walkParent()} next.
     *
     * @param link the symlink
     * @throws ErrnoException ELOOP past the budget, ENOENT for an empty link
     */
    public void followLast(Symlink link) throws ErrnoException {
        pushLink(link);
    }

    /** @return where the last component is looked up (after {@link #walkParent()}) */
    public Location parent() {
        return current;
    }

    /** @return the last component, {@code null} for {@link LastType#ROOT} */
    public String last() {
        return last;
    }

    /** @return the kind of the last component */
    public LastType lastType() {
        return lastType;
    }

    /** @return whether the last component must be a directory (a trailing slash) */
    public boolean trailingSlash() {
        return mustBeDirectory;
    }

    /** @return the process root */
    public Location root() {
        return root;
    }

    /**
     * Goes to {@code ..} from a location, as the kernel's {@code follow_dotdot} does.
     *
     * @param from a directory location
     * @return the parent location
     * @throws ErrnoException ENOENT if {@code from} was moved out from under its mount's root
     */
    public Location dotdot(Location from) throws ErrnoException {
        if (from.same(root)) {
            return from; // chroot: ".." at the process root is the root
        }
        Mount m = from.mount();
        Dentry d = from.dentry();
        if (d == m.root()) {
            Mount up = m;
            Dentry point = null;
            while (up.parent() != null) {
                Dentry mp = up.mountpoint();
                up = up.parent();
                if (root.mount() == up && root.dentry() == mp) {
                    break; // the mount sits on the process root: stay
                }
                if (mp != up.root()) {
                    point = mp;
                    break;
                }
            }
            if (point == null) {
                return from;
            }
            m = up;
            d = point;
        }
        Dentry parent = d.parent();
        // A directory renamed out from under a bind mount's root would otherwise let ".." climb
        // into the rest of the file system the bind only exposes a part of (bind-mount escape).
        if (m.root() != m.superblock().root() && !parent.isSubdirOf(m.root())) {
            throw ErrnoException.of(Errno.ENOENT);
        }
        return crossMounts(m, parent);
    }

    /**
     * Enters the mounts stacked on a dentry (the kernel's {@code traverse_mounts}).
     *
     * @param m the mount the dentry was found in
     * @param d the dentry
     * @return the topmost mount's root, or the dentry itself if nothing is mounted on it
     */
    public static Location crossMounts(Mount m, Dentry d) {
        if (!d.isMounted()) {
            return new Location(m, d);
        }
        Mount top = m.childAt(d);
        while (top != null) {
            m = top;
            d = top.root();
            top = m.childAt(d);
        }
        return new Location(m, d);
    }

    private void step(String name) throws ErrnoException {
        if (name.equals(".")) {
            return;
        }
        if (name.equals("..")) {
            current = dotdot(current);
            return;
        }
        Dentry d = lookup(current, name);
        if (d == null) {
            throw ErrnoException.of(Errno.ENOENT);
        }
        Location next = crossMounts(current.mount(), d);
        if (next.inode().isSymlink()) {
            pushLink((Symlink) next.inode());
        } else {
            current = next;
        }
    }

    private void pushLink(Symlink link) throws ErrnoException {
        if (links++ >= MAXSYMLINKS) {
            throw ErrnoException.of(Errno.ELOOP);
        }
        String body = link.target();
        if (body.isEmpty()) {
            throw ErrnoException.of(Errno.ENOENT);
        }
        if (body.charAt(0) == '/') {
            current = root; // an absolute link restarts at the process root, not the host's "/"
        }
        if (top != null) {
            if (below == null) {
                below = new ArrayDeque<>(4);
            }
            below.push(top);
        }
        top = new Segment(body);
    }

    private static Dentry lookup(Location dir, String name) throws ErrnoException {
        if (name.length() > NAME_MAX / 3 && utf8Length(name) > NAME_MAX) {
            throw ErrnoException.of(Errno.ENAMETOOLONG);
        }
        Directory d = (Directory) dir.inode();
        if (d.isDead()) {
            throw ErrnoException.of(Errno.ENOENT);
        }
        d.load(); // a lazily imported directory is read from the disk when first walked into
        return d.get(name);
    }

    private static void requireDirectory(Location loc) throws ErrnoException {
        if (!loc.inode().isDirectory()) {
            throw ErrnoException.of(Errno.ENOTDIR);
        }
    }

    private void setLast(String name, LastType type) {
        this.last = name;
        this.lastType = type;
    }

    private static LastType typeOf(String name) {
        if (name.equals(".")) {
            return LastType.DOT;
        }
        return name.equals("..") ? LastType.DOTDOT : LastType.NORM;
    }

    /**
     * Length of a string in UTF-8 bytes, as the kernel measures names.
     *
     * @param s the string
     * @return its encoded length
     */
    public static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** One path string being consumed, component by component. */
    private static final class Segment {
        final String s;
        int pos;
        boolean trailing;

        Segment(String s) {
            this.s = s;
        }

        String next() {
            int n = s.length();
            while (pos < n && s.charAt(pos) == '/') {
                pos++;
            }
            if (pos == n) {
                return null;
            }
            int start = pos;
            while (pos < n && s.charAt(pos) != '/') {
                pos++;
            }
            String name = s.substring(start, pos);
            int after = pos;
            while (after < n && s.charAt(after) == '/') {
                after++;
            }
            trailing = after == n && pos < n;
            return name;
        }

        boolean hasMore() {
            int n = s.length();
            for (int i = pos; i < n; i++) {
                if (s.charAt(i) != '/') {
                    return true;
                }
            }
            return false;
        }
    }
}
