package dev.fsview.fake.vfs;

import dev.fsview.fake.host.Dentry;
import dev.fsview.fake.host.Directory;
import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.host.Faults;
import dev.fsview.fake.host.Inode;
import dev.fsview.fake.host.Kernel;
import dev.fsview.fake.host.RegularFile;
import dev.fsview.fake.host.SpecialFile;
import dev.fsview.fake.host.Superblock;
import dev.fsview.fake.host.Symlink;
import dev.fsview.fake.mount.Location;
import dev.fsview.fake.mount.Mount;
import dev.fsview.fake.mount.MountNamespace;
import dev.fsview.fake.walk.LexicalPaths;
import dev.fsview.fake.walk.PathWalker;
import dev.fsview.fake.walk.PathWalker.LastType;
import dev.fsview.spi.errno.Errno;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The system calls of one simulated process: a mount namespace, a root and a working directory.
 * Each method is one syscall with the kernel's checks in the kernel's order, so that when several
 * things are wrong, the same errno wins as on Linux (e.g. {@code mkdir} of an existing name on a
 * read-only mount is EEXIST, of a new name EROFS). The caller runs as root: permission bits are
 * stored, not enforced. Thread-safe: every call takes the kernel's lock.
 */
public final class Vfs {
    private final Kernel kernel;
    private final MountNamespace ns;
    private final Location root;
    private volatile Location cwd;
    private volatile String cwdPath = "/";

    /**
     * Creates a process.
     *
     * @param kernel the kernel
     * @param ns its mount namespace
     * @param root its root directory (also its first working directory)
     */
    public Vfs(Kernel kernel, MountNamespace ns, Location root) {
        this.kernel = kernel;
        this.ns = ns;
        this.root = root;
        this.cwd = root;
    }

    /**
     * Creates a process that takes absolute paths only (a relative one is refused with
     * {@link IllegalArgumentException}): the host's own API, where a relative path is a mistake.
     *
     * @param kernel the kernel
     * @param ns its mount namespace
     * @param root its root directory
     * @return the process
     */
    public static Vfs absoluteOnly(Kernel kernel, MountNamespace ns, Location root) {
        Vfs v = new Vfs(kernel, ns, root);
        v.cwd = null;
        return v;
    }

    private <T> T read(Kernel.Locked<T, ErrnoException> op) throws ErrnoException {
        return kernel.shared(op);
    }

    private <T> T write(Kernel.Locked<T, ErrnoException> op) throws ErrnoException {
        return kernel.exclusive(op);
    }

    /** @return the kernel */
    public Kernel kernel() {
        return kernel;
    }

    /** @return the mount namespace */
    public MountNamespace namespace() {
        return ns;
    }

    /** @return the process root */
    public Location root() {
        return root;
    }

    Location cwd() {
        return cwd;
    }

    /**
     * The working directory as {@code getcwd} reports it now: after a rename of the directory or
     * of one of its ancestors, its new path. A removed working directory has no path
     * ({@code getcwd} fails with ENOENT): then the path it had when last seen.
     *
     * @return an absolute path inside this process's root
     */
    public String cwdPath() {
        Location l = cwd;
        if (l == null) {
            return cwdPath;
        }
        return kernel.shared(() -> {
            if (l.dentry().isLinked()) {
                cwdPath = pathOf(l);
            }
            return cwdPath;
        });
    }

    /**
     * Resolves a path (the caller holds the lock).
     *
     * @param path the path
     * @param follow whether to follow a final symlink
     * @return the location
     * @throws ErrnoException lookup failures
     */
    public Location resolveLocked(String path, boolean follow) throws ErrnoException {
        return PathWalker.resolve(root, cwd, path, follow);
    }

    /**
     * Resolves a path under the lock.
     *
     * @param path the path
     * @param follow whether to follow a final symlink
     * @return the location
     * @throws ErrnoException lookup failures
     */
    public Location resolve(String path, boolean follow) throws ErrnoException {
        return read(() -> resolveLocked(path, follow));
    }

    /**
     * {@code stat} / {@code lstat}.
     *
     * @param path the path
     * @param follow {@code false} for lstat
     * @return the stat
     * @throws ErrnoException ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG
     */
    public Stat stat(String path, boolean follow) throws ErrnoException {
        fault(Faults.Step.STAT, path);
        return read(() -> Stat.of(resolveLocked(path, follow).inode()));
    }

    /**
     * {@code stat} / {@code lstat} for basic attributes only: a lazily imported file's permissions,
     * owner and link count stay on the disk.
     *
     * @param path the path
     * @param follow {@code false} for lstat
     * @return the basic stat
     * @throws ErrnoException ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG
     */
    public BasicStat basicStat(String path, boolean follow) throws ErrnoException {
        fault(Faults.Step.STAT, path);
        return read(() -> BasicStat.of(resolveLocked(path, follow).inode()));
    }

    /**
     * {@code readlink}.
     *
     * @param path the path of a symlink
     * @return its target
     * @throws ErrnoException EINVAL if it is not a symlink, or lookup failures
     */
    public String readlink(String path) throws ErrnoException {
        return read(() -> {
            Inode i = resolveLocked(path, false).inode();
            if (!(i instanceof Symlink)) {
                throw ErrnoException.of(Errno.EINVAL);
            }
            i.accessed(kernel.now());
            return ((Symlink) i).target();
        });
    }

    /**
     * {@code access} as root: existence, and EROFS for write on a read-only mount, EACCES for
     * execute of a non-directory without any execute bit.
     *
     * @param path the path (followed)
     * @param writeAccess W_OK
     * @param executeAccess X_OK
     * @throws ErrnoException EROFS, EACCES, or lookup failures
     */
    public void access(String path, boolean writeAccess, boolean executeAccess)
            throws ErrnoException {
        read(() -> {
            Location l = resolveLocked(path, true);
            Inode i = l.inode();
            if (writeAccess
                    && l.mount().isReadOnly()
                    && (i.isRegular() || i.isDirectory() || i.isSymlink())) {
                throw ErrnoException.of(Errno.EROFS);
            }
            if (executeAccess && !i.isDirectory() && (i.mode() & 0111) == 0) {
                throw ErrnoException.of(Errno.EACCES);
            }
            return null;
        });
    }

    /**
     * {@code mkdir}.
     *
     * @param path the new directory
     * @param perm permission bits before the umask
     * @throws ErrnoException EEXIST, EROFS, ENOENT, ENOTDIR, ...
     */
    public void mkdir(String path, int perm) throws ErrnoException {
        fault(Faults.Step.MKDIR, path);
        write(() -> mkdirLocked(path, perm));
    }

    private Dentry mkdirLocked(String path, int perm) throws ErrnoException {
        PathWalker w = prepareCreate(path, true);
        Directory parent = (Directory) w.parent().inode();
        int mode = perm & 01777 & ~kernel.umask();
        if ((parent.mode() & Inode.S_ISGID) != 0) {
            mode |= Inode.S_ISGID; // setgid directories pass the bit on to subdirectories
        }
        long now = kernel.now();
        Directory d = new Directory(parent.superblock(), mode, 0, groupFor(parent), now);
        return Dentry.link(w.parent().dentry(), w.last(), d, now);
    }

    /**
     * Creates a directory, or a new empty file (never following or opening anything already
     * there), and resolves it. The caller holds the exclusive lock.
     *
     * @param path the path
     * @param file an empty file rather than a directory
     * @param perm permission bits before the umask
     * @return where it was created
     * @throws ErrnoException EEXIST, EROFS, ENOENT, ...
     */
    public Location createLocked(String path, boolean file, int perm) throws ErrnoException {
        if (file) {
            new OpenCall(this, path, null, null)
                    .open(
                            OpenFlags.O_WRONLY
                                    | OpenFlags.O_CREAT
                                    | OpenFlags.O_EXCL
                                    | OpenFlags.O_NOFOLLOW,
                            perm)
                    .close();
        } else {
            mkdirLocked(path, perm);
        }
        return resolveLocked(path, true);
    }

    /**
     * Reads a symlink if one is at the path. The caller holds a lock.
     *
     * @param path the path
     * @return its target, or {@code null} if nothing or no symlink is there
     */
    public String readlinkLocked(String path) {
        try {
            Inode i = resolveLocked(path, false).inode();
            return i instanceof Symlink ? ((Symlink) i).target() : null;
        } catch (ErrnoException e) {
            return null;
        }
    }

    /**
     * {@code mknod}: a regular file, FIFO, socket or device node.
     *
     * @param path the new node
     * @param mode type and permission bits (before the umask)
     * @param rdev device number for a device
     * @throws ErrnoException EEXIST, EROFS, ENOENT, EINVAL for a bad type
     */
    public void mknod(String path, int mode, long rdev) throws ErrnoException {
        int type = mode & Inode.S_IFMT;
        if (type == Inode.S_IFDIR || type == Inode.S_IFLNK) {
            throw ErrnoException.of(Errno.EINVAL);
        }
        write(() -> {
            PathWalker w = prepareCreate(path, false);
            Directory parent = (Directory) w.parent().inode();
            int perm = mode & 07777 & ~kernel.umask();
            long now = kernel.now();
            Inode node = type == 0 || type == Inode.S_IFREG
                    ? new RegularFile(parent.superblock(), perm, 0, groupFor(parent), now)
                    : new SpecialFile(
                            parent.superblock(), type | perm, rdev, 0, groupFor(parent), now);
            Dentry.link(w.parent().dentry(), w.last(), node, now);
            return null;
        });
    }

    /**
     * {@code symlink}.
     *
     * @param target what the link holds, verbatim
     * @param path the new link
     * @throws ErrnoException ENOENT for an empty target, ENAMETOOLONG, EEXIST, EROFS, ...
     */
    public void symlink(String target, String path) throws ErrnoException {
        if (target.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a link target cannot contain a NUL byte");
        }
        if (target.isEmpty()) {
            throw ErrnoException.of(Errno.ENOENT);
        }
        if (PathWalker.utf8Length(target) >= PathWalker.PATH_MAX) {
            throw ErrnoException.of(Errno.ENAMETOOLONG);
        }
        write(() -> {
            PathWalker w = prepareCreate(path, false);
            Directory parent = (Directory) w.parent().inode();
            long now = kernel.now();
            Symlink link = new Symlink(parent.superblock(), target, 0, groupFor(parent), now);
            Dentry.link(w.parent().dentry(), w.last(), link, now);
            return null;
        });
    }

    /**
     * {@code link}: a new name for an existing inode (a final symlink is not followed).
     *
     * @param existing the existing path
     * @param path the new name
     * @throws ErrnoException EXDEV across mounts, EPERM for a directory, EEXIST, EROFS, ENOENT
     */
    public void link(String existing, String path) throws ErrnoException {
        write(() -> {
            Location old = resolveLocked(existing, false);
            PathWalker w = prepareCreate(path, false);
            if (old.mount() != w.parent().mount()) {
                throw ErrnoException.of(Errno.EXDEV);
            }
            Inode i = old.inode();
            if (i.isDirectory()) {
                throw ErrnoException.of(Errno.EPERM);
            }
            if (i.nlink() == 0) {
                throw ErrnoException.of(Errno.ENOENT);
            }
            Dentry.link(w.parent().dentry(), w.last(), i, kernel.now());
            return null;
        });
    }

    /**
     * {@code unlink}: removes a name that is not a directory.
     *
     * @param path the name
     * @throws ErrnoException EISDIR, EROFS, ENOENT, EBUSY for a mount point of this namespace
     */
    public void unlink(String path) throws ErrnoException {
        fault(Faults.Step.DELETE, path);
        write(() -> {
            PathWalker w = new PathWalker(root, cwd, path);
            w.walkParent();
            if (w.lastType() != LastType.NORM) {
                throw ErrnoException.of(Errno.EISDIR);
            }
            requireWritable(w.parent().mount());
            Dentry d = w.lookupLast();
            if (d == null) {
                throw ErrnoException.of(Errno.ENOENT);
            }
            if (d.inode().isDirectory()) {
                throw ErrnoException.of(Errno.EISDIR);
            }
            if (w.trailingSlash()) {
                throw ErrnoException.of(Errno.ENOTDIR);
            }
            requireNotMountpoint(d);
            d.unlink(kernel.now());
            released(d.inode());
            return null;
        });
    }

    /**
     * {@code rmdir}.
     *
     * @param path the directory
     * @throws ErrnoException ENOTEMPTY, EINVAL for {@code .}, EBUSY, EROFS, ENOTDIR, ENOENT
     */
    public void rmdir(String path) throws ErrnoException {
        fault(Faults.Step.DELETE, path);
        write(() -> {
            PathWalker w = new PathWalker(root, cwd, path);
            w.walkParent();
            switch (w.lastType()) {
                case DOTDOT:
                    throw ErrnoException.of(Errno.ENOTEMPTY);
                case DOT:
                    throw ErrnoException.of(Errno.EINVAL);
                case ROOT:
                    throw ErrnoException.of(Errno.EBUSY);
                default:
                    break;
            }
            requireWritable(w.parent().mount());
            Dentry d = w.lookupLast();
            if (d == null) {
                throw ErrnoException.of(Errno.ENOENT);
            }
            if (!d.inode().isDirectory()) {
                throw ErrnoException.of(Errno.ENOTDIR);
            }
            requireNotMountpoint(d);
            if (!((Directory) d.inode()).isEmpty()) {
                throw ErrnoException.of(Errno.ENOTEMPTY);
            }
            d.unlink(kernel.now());
            return null;
        });
    }

    /**
     * {@code rename}, replacing the target as Linux does.
     *
     * @param from the old name
     * @param to the new name
     * @throws ErrnoException EXDEV across mounts, EBUSY, EROFS, ENOENT, EINVAL (into itself),
     *     ENOTEMPTY, ENOTDIR, EISDIR
     */
    public void rename(String from, String to) throws ErrnoException {
        renameat(from, this, to);
    }

    /**
     * {@code renameat}: {@code from} relative to this process's directory, {@code to} relative
     * to another's (a directory stream's).
     *
     * @param from the old name
     * @param toDir the process whose working directory {@code to} is relative to
     * @param to the new name
     * @throws ErrnoException as {@link #rename(String, String)}
     */
    public void renameat(String from, Vfs toDir, String to) throws ErrnoException {
        fault(Faults.Step.RENAME, from);
        write(() -> {
            PathWalker a = new PathWalker(root, cwd, from);
            a.walkParent();
            PathWalker b = new PathWalker(root, toDir.cwd, to);
            b.walkParent();
            if (a.parent().mount() != b.parent().mount()) {
                throw ErrnoException.of(Errno.EXDEV);
            }
            if (a.lastType() != LastType.NORM || b.lastType() != LastType.NORM) {
                throw ErrnoException.of(Errno.EBUSY);
            }
            requireWritable(a.parent().mount());
            Dentry old = a.lookupLast();
            if (old == null) {
                throw ErrnoException.of(Errno.ENOENT);
            }
            Dentry target = b.lookupLast();
            boolean isDir = old.inode().isDirectory();
            if (!isDir && (a.trailingSlash() || b.trailingSlash())) {
                throw ErrnoException.of(Errno.ENOTDIR);
            }
            Dentry newParent = b.parent().dentry();
            if (newParent.isSubdirOf(old)) {
                throw ErrnoException.of(Errno.EINVAL); // a directory cannot move into itself
            }
            if (target != null && a.parent().dentry().isSubdirOf(target)) {
                throw ErrnoException.of(Errno.ENOTEMPTY);
            }
            renameChecked(old, target, newParent, b.last());
            return null;
        });
    }

    private void renameChecked(Dentry old, Dentry target, Dentry newParent, String newName)
            throws ErrnoException {
        boolean isDir = old.inode().isDirectory();
        if (target != null) {
            if (target.inode() == old.inode()) {
                return; // two names of one file: rename does nothing, successfully
            }
            if (isDir && !target.inode().isDirectory()) {
                throw ErrnoException.of(Errno.ENOTDIR);
            }
            if (!isDir && target.inode().isDirectory()) {
                throw ErrnoException.of(Errno.EISDIR);
            }
        }
        requireNotMountpoint(old);
        if (target != null) {
            requireNotMountpoint(target);
            if (isDir && !((Directory) target.inode()).isEmpty()) {
                throw ErrnoException.of(Errno.ENOTEMPTY);
            }
            target.unlink(kernel.now());
            released(target.inode());
        }
        old.move(newParent, newName, kernel.now());
    }

    /**
     * {@code chmod}; with {@code follow} false on a symlink, EOPNOTSUPP as {@code fchmodat}
     * with {@code AT_SYMLINK_NOFOLLOW} gives on Linux.
     *
     * @param path the path
     * @param perm bits {@code 0..07777}
     * @param follow whether to follow a final symlink
     * @throws ErrnoException EROFS, EOPNOTSUPP, lookup failures
     */
    public void chmod(String path, int perm, boolean follow) throws ErrnoException {
        write(() -> {
            Location l = resolveLocked(path, follow);
            requireWritable(l.mount());
            if (l.inode().isSymlink()) {
                throw ErrnoException.of(Errno.EOPNOTSUPP);
            }
            l.inode().chmod(perm, kernel.now());
            return null;
        });
    }

    /**
     * {@code chown} / {@code lchown}.
     *
     * @param path the path
     * @param uid the owner or -1
     * @param gid the group or -1
     * @param follow whether to follow a final symlink
     * @throws ErrnoException EROFS, lookup failures
     */
    public void chown(String path, int uid, int gid, boolean follow) throws ErrnoException {
        write(() -> {
            Location l = resolveLocked(path, follow);
            requireWritable(l.mount());
            l.inode().chown(uid, gid, kernel.now());
            return null;
        });
    }

    /**
     * {@code utimensat}.
     *
     * @param path the path
     * @param atime ns, or {@link Long#MIN_VALUE} to leave it
     * @param mtime ns, or {@link Long#MIN_VALUE} to leave it
     * @param follow whether to follow a final symlink
     * @throws ErrnoException EROFS, lookup failures
     */
    public void utimens(String path, long atime, long mtime, boolean follow) throws ErrnoException {
        write(() -> {
            Location l = resolveLocked(path, follow);
            requireWritable(l.mount());
            l.inode().setTimes(atime, mtime, kernel.now());
            return null;
        });
    }

    /**
     * {@code listxattr} of the {@code user.} namespace.
     *
     * @param path the path
     * @param follow whether to follow a final symlink
     * @return the names, without the {@code user.} prefix
     * @throws ErrnoException lookup failures
     */
    public List<String> listxattr(String path, boolean follow) throws ErrnoException {
        return read(() ->
                new ArrayList<>(resolveLocked(path, follow).inode().xattrs().keySet()));
    }

    /**
     * {@code getxattr} of {@code user.name}.
     *
     * @param path the path
     * @param name the name without the prefix
     * @param follow whether to follow a final symlink
     * @return a copy of the value
     * @throws ErrnoException ENODATA if there is no such attribute, lookup failures
     */
    public byte[] getxattr(String path, String name, boolean follow) throws ErrnoException {
        return read(() -> {
            Inode i = resolveLocked(path, follow).inode();
            if (name.isEmpty()) {
                throw ErrnoException.of(Errno.EINVAL); // the kernel's empty xattr name
            }
            byte[] v = i.xattrs().get(name);
            if (v == null) {
                throw ErrnoException.of(Errno.ENODATA);
            }
            return v.clone();
        });
    }

    /**
     * {@code setxattr} of {@code user.name}: only regular files and directories take user
     * attributes (EPERM otherwise, as the kernel's {@code xattr_permission}).
     *
     * @param path the path
     * @param name the name without the prefix
     * @param value the value (copied)
     * @param follow whether to follow a final symlink
     * @throws ErrnoException EROFS, EPERM, lookup failures
     */
    public void setxattr(String path, String name, byte[] value, boolean follow)
            throws ErrnoException {
        write(() -> {
            Inode i = writableXattrs(path, follow, name);
            i.xattrs().put(name, value.clone());
            i.changed(kernel.now());
            return null;
        });
    }

    /**
     * {@code removexattr} of {@code user.name}.
     *
     * @param path the path
     * @param name the name without the prefix
     * @param follow whether to follow a final symlink
     * @throws ErrnoException ENODATA, EROFS, EPERM, lookup failures
     */
    public void removexattr(String path, String name, boolean follow) throws ErrnoException {
        write(() -> {
            Inode i = writableXattrs(path, follow, name);
            if (i.xattrs().remove(name) == null) {
                throw ErrnoException.of(Errno.ENODATA);
            }
            i.changed(kernel.now());
            return null;
        });
    }

    private Inode writableXattrs(String path, boolean follow, String name) throws ErrnoException {
        Location l = resolveLocked(path, follow);
        requireWritable(l.mount());
        if (name.isEmpty()) {
            throw ErrnoException.of(Errno.EINVAL); // after EROFS, as the kernel's
        }
        Inode i = l.inode();
        if (!i.isRegular() && !i.isDirectory()) {
            throw ErrnoException.of(Errno.EPERM);
        }
        return i;
    }

    /**
     * {@code open}.
     *
     * @param path the path
     * @param flags {@link OpenFlags}
     * @param perm permission bits for a created file, before the umask
     * @return the open file
     * @throws ErrnoException what {@code open(2)} fails with; ENXIO for special files, which are
     *     inert here
     */
    public OpenFile open(String path, int flags, int perm) throws ErrnoException {
        return open(path, flags, perm, null);
    }

    /**
     * {@code open}, inspecting an existing object first under the same hold of the lock.
     *
     * @param path the path
     * @param flags {@link OpenFlags}
     * @param perm permission bits for a created file, before the umask
     * @param check what the object found must pass, or {@code null}
     * @return the open file, or {@code null} when the check refused the object (see
     *     {@link OpenCheck#refused()})
     * @throws ErrnoException what {@code open(2)} fails with
     */
    public OpenFile open(String path, int flags, int perm, OpenCheck check) throws ErrnoException {
        String faultPath = kernel.faults().armed() ? absolute(path) : null;
        if (faultPath != null) {
            kernel.faults().check(Faults.Step.OPEN, faultPath);
        }
        boolean changes = (flags & (OpenFlags.O_CREAT | OpenFlags.O_TRUNC)) != 0;
        OpenCall call = new OpenCall(this, path, faultPath, check);
        return changes ? write(() -> call.open(flags, perm)) : read(() -> call.open(flags, perm));
    }

    /**
     * Lists a directory as {@code opendir}/{@code readdir} do (without {@code .} and {@code ..}).
     *
     * @param path the directory (followed)
     * @return the names, a snapshot
     * @throws ErrnoException ENOTDIR, ENXIO for special files, lookup failures
     */
    public List<String> readdir(String path) throws ErrnoException {
        return opendir(path, true).names();
    }

    /**
     * An open directory: where it is (the fd of {@code opendir}), and its names when opened.
     *
     * @param location the directory
     * @param names its entries, without {@code .} and {@code ..}
     */
    public record OpenDirectory(Location location, List<String> names) {}

    /**
     * {@code open(O_RDONLY)} of a directory and {@code readdir}.
     *
     * @param path the directory
     * @param follow whether a final symlink is followed
     * @return the directory and its names
     * @throws ErrnoException ENOTDIR, ENXIO for special files, ELOOP, lookup failures
     */
    public OpenDirectory opendir(String path, boolean follow) throws ErrnoException {
        String faultPath = kernel.faults().armed() ? absolute(path) : null;
        if (faultPath != null) {
            kernel.faults().check(Faults.Step.OPEN, faultPath);
        }
        return read(() -> {
            Location l = resolveLocked(path, follow);
            Inode i = l.inode();
            if (i.isSymlink()) {
                throw ErrnoException.of(Errno.ELOOP);
            }
            if (i instanceof SpecialFile) {
                throw ErrnoException.of(Errno.ENXIO);
            }
            if (!(i instanceof Directory)) {
                throw ErrnoException.of(Errno.ENOTDIR);
            }
            // a lazy import's entries are read now; one the importer could not list fails with
            // EACCES, never "empty"
            ((Directory) i).load();
            List<Dentry> entries = ((Directory) i).list();
            List<String> names = new ArrayList<>(entries.size());
            for (Dentry d : entries) {
                names.add(d.name());
            }
            i.accessed(kernel.now());
            return new OpenDirectory(l, names);
        });
    }

    /**
     * This process seen from a directory: relative paths start there, as the {@code *at}
     * system calls make them start at a directory file descriptor.
     *
     * @param dir an open directory's location
     * @return a process sharing this one's namespace and root
     */
    public Vfs at(Location dir) {
        Vfs v = new Vfs(kernel, ns, root);
        v.cwd = dir;
        v.cwdPath = kernel.shared(() -> pathOf(dir));
        return v;
    }

    /**
     * {@code chdir}.
     *
     * @param path the directory
     * @return the new working directory as {@code getcwd} reports it
     * @throws ErrnoException ENOTDIR, lookup failures
     */
    public String chdir(String path) throws ErrnoException {
        return read(() -> {
            Location l = resolveLocked(path, true);
            if (!l.inode().isDirectory()) {
                throw ErrnoException.of(Errno.ENOTDIR);
            }
            cwd = l;
            cwdPath = pathOf(l);
            return cwdPath;
        });
    }

    /**
     * Whether the working directory was removed: {@code getcwd} then fails with ENOENT, and so
     * does glibc's {@code realpath} of a relative path.
     *
     * @return {@code true} once the working directory's name is gone
     */
    public boolean cwdRemoved() {
        Location l = cwd;
        return l != null && kernel.shared(() -> !l.dentry().isLinked());
    }

    /**
     * {@code realpath}: every symlink resolved, every {@code .} and {@code ..} gone.
     *
     * @param path the path
     * @return the absolute path inside this process's root
     * @throws ErrnoException lookup failures
     */
    public String realpath(String path) throws ErrnoException {
        if (!path.isEmpty() && PathWalker.utf8Length(path) >= PathWalker.PATH_MAX) {
            return realpathLong(path);
        }
        return read(() -> pathOf(resolveLocked(path, true)));
    }

    /**
     * glibc's {@code realpath} resolves a path component by component, so a path of 4096 bytes
     * or more (many {@code ./}, say) resolves as long as what it resolves to is shorter: the
     * longest leading part under PATH_MAX is resolved first, then the rest from there.
     */
    private String realpathLong(String path) throws ErrnoException {
        int cut = -1;
        int bytes = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
            if (bytes >= PathWalker.PATH_MAX) {
                break;
            }
            if (c == '/' && i > 0) {
                cut = i;
            }
        }
        if (cut <= 0) {
            throw ErrnoException.of(Errno.ENAMETOOLONG); // one name, or no progress possible
        }
        String head = realpath(path.substring(0, cut));
        String rest = path.substring(cut + 1);
        String next = rest.isEmpty() ? head : (head.equals("/") ? "/" : head + "/") + rest;
        if (rest.isEmpty() || PathWalker.utf8Length(next) >= PathWalker.utf8Length(path)) {
            return rest.isEmpty()
                    ? read(() -> pathOf(resolveLocked(head + "/", true)))
                    : failTooLong();
        }
        return realpath(next);
    }

    private static String failTooLong() throws ErrnoException {
        throw ErrnoException.of(Errno.ENAMETOOLONG);
    }

    /**
     * The path of a location as seen from this process's root (the kernel's {@code d_path}).
     * The caller holds the lock.
     *
     * @param l a location
     * @return the absolute path, prefixed with {@code (unreachable)} if it is not below the root
     */
    public String pathOf(Location l) {
        Deque<String> parts = new ArrayDeque<>();
        Mount m = l.mount();
        Dentry d = l.dentry();
        while (!(m == root.mount() && d == root.dentry())) {
            if (d == m.root()) {
                if (m.parent() == null) {
                    return "(unreachable)/" + String.join("/", parts);
                }
                d = m.mountpoint();
                m = m.parent();
                continue;
            }
            if (d.isRoot()) {
                return "(unreachable)/" + String.join("/", parts);
            }
            parts.addFirst(d.name());
            d = d.parent();
        }
        return "/" + String.join("/", parts);
    }

    /**
     * Makes a path absolute against the working directory and cleans it lexically: the form
     * fault rules are matched in.
     *
     * @param path a path
     * @return the absolute clean path
     */
    public String absolute(String path) {
        return LexicalPaths.clean(path.startsWith("/") ? path : cwdPath + "/" + path);
    }

    /**
     * Runs code under the exclusive lock (for compound operations of the host API).
     *
     * @param op the code
     * @param <T> its result
     * @return its result
     * @throws ErrnoException its failure
     */
    public <T> T locked(Kernel.Locked<T, ErrnoException> op) throws ErrnoException {
        return write(op);
    }

    /**
     * The checks of the kernel's {@code filename_create}: walks to the parent; the last component
     * must be an ordinary name that does not exist, on a writable mount. The caller holds the
     * write lock.
     */
    private PathWalker prepareCreate(String path, boolean directory) throws ErrnoException {
        PathWalker w = new PathWalker(root, cwd, path);
        w.walkParent();
        if (w.lastType() != LastType.NORM) {
            throw ErrnoException.of(Errno.EEXIST);
        }
        Dentry existing = w.lookupLast();
        if (existing != null) {
            throw ErrnoException.of(Errno.EEXIST);
        }
        if (!directory && w.trailingSlash()) {
            throw ErrnoException.of(Errno.ENOENT);
        }
        requireWritable(w.parent().mount());
        return w;
    }

    static void requireWritable(Mount m) throws ErrnoException {
        if (m.isReadOnly()) {
            throw ErrnoException.of(Errno.EROFS);
        }
    }

    private void requireNotMountpoint(Dentry d) throws ErrnoException {
        if (ns.isMountpoint(d)) {
            throw ErrnoException.of(Errno.EBUSY);
        }
    }

    private void released(Inode i) {
        if (i.nlink() == 0 && i instanceof RegularFile) {
            Superblock sb = i.superblock();
            sb.resize(i.size(), 0);
        }
    }

    static int groupFor(Directory parent) {
        return (parent.mode() & Inode.S_ISGID) != 0 ? parent.gid() : 0;
    }

    private void fault(Faults.Step step, String path) throws ErrnoException {
        if (kernel.faults().armed()) {
            kernel.faults().check(step, absolute(path));
        }
    }
}
