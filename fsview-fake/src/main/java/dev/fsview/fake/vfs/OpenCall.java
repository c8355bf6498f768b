package dev.fsview.fake.vfs;

import dev.fsview.fake.host.Dentry;
import dev.fsview.fake.host.Directory;
import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.host.Inode;
import dev.fsview.fake.host.RegularFile;
import dev.fsview.fake.host.SpecialFile;
import dev.fsview.fake.host.Symlink;
import dev.fsview.fake.mount.Location;
import dev.fsview.fake.walk.PathWalker;
import dev.fsview.fake.walk.PathWalker.LastType;
import dev.fsview.spi.errno.Errno;

/**
 * One {@code open(2)}: the kernel's {@code path_openat} with {@code open_last_lookups} and
 * {@code do_open}. The last component is looked up, created under O_CREAT, followed when it is a
 * symlink unless O_NOFOLLOW (or O_CREAT|O_EXCL) says not to, and the result checked in the
 * kernel's order: EEXIST, EISDIR, ENOTDIR, EROFS for truncation, ELOOP for a symlink, EISDIR for
 * writing a directory, ENXIO for an inert special file, EROFS for writing.
 */
final class OpenCall {
    private final Vfs vfs;
    private final String path;
    private final String faultPath;

    OpenCall(Vfs vfs, String path, String faultPath) {
        this.vfs = vfs;
        this.path = path;
        this.faultPath = faultPath;
    }

    /** Opens, under the lock the caller holds (exclusive when creating or truncating). */
    OpenFile open(int flags, int perm) throws ErrnoException {
        boolean create = (flags & OpenFlags.O_CREAT) != 0;
        boolean exclusive = create && (flags & OpenFlags.O_EXCL) != 0;
        boolean follow = (flags & OpenFlags.O_NOFOLLOW) == 0 && !exclusive;
        PathWalker w = new PathWalker(vfs.root(), vfs.cwd(), path);
        w.walkParent();
        Location loc;
        boolean created = false;
        while (true) {
            if (w.lastType() != LastType.NORM) {
                loc = w.lastType() == LastType.DOTDOT ? w.dotdot(w.parent()) : w.parent();
                break;
            }
            if (create && w.trailingSlash()) {
                throw ErrnoException.of(Errno.EISDIR);
            }
            Dentry d = w.lookupLast();
            if (d == null) {
                if (!create) {
                    throw ErrnoException.of(Errno.ENOENT);
                }
                Vfs.requireWritable(w.parent().mount());
                loc = createFile(w, perm);
                created = true;
                break;
            }
            Location l = PathWalker.crossMounts(w.parent().mount(), d);
            if (l.inode().isSymlink() && (follow || w.trailingSlash())) {
                w.followLast((Symlink) l.inode());
                w.walkParent();
                continue;
            }
            loc = l;
            break;
        }
        return openAt(loc, flags, created, w.trailingSlash());
    }

    private OpenFile openAt(Location loc, int flags, boolean created, boolean mustBeDir)
            throws ErrnoException {
        Inode i = loc.inode();
        boolean create = (flags & OpenFlags.O_CREAT) != 0;
        if (create && (flags & OpenFlags.O_EXCL) != 0 && !created) {
            throw ErrnoException.of(Errno.EEXIST);
        }
        if (create && i.isDirectory()) {
            throw ErrnoException.of(Errno.EISDIR);
        }
        if ((mustBeDir || (flags & OpenFlags.O_DIRECTORY) != 0) && !i.isDirectory()) {
            throw ErrnoException.of(Errno.ENOTDIR);
        }
        boolean truncate = (flags & OpenFlags.O_TRUNC) != 0 && !created;
        if (truncate && i.isRegular()) {
            Vfs.requireWritable(loc.mount());
        }
        boolean writeAccess = (flags & OpenFlags.O_ACCMODE) != OpenFlags.O_RDONLY;
        if (i.isSymlink()) {
            throw ErrnoException.of(Errno.ELOOP);
        }
        if (i.isDirectory() && (writeAccess || truncate)) {
            throw ErrnoException.of(Errno.EISDIR);
        }
        if (i.contentDenied()) {
            // imported from a file the importer could not read: EACCES, never its bytes as empty
            throw ErrnoException.of(Errno.EACCES);
        }
        if (i instanceof SpecialFile) {
            if (isDevice(i) && loc.mount().isNoDev()) {
                // a device node planted in the container must not reach a device: nodev's EACCES
                throw ErrnoException.of(Errno.EACCES);
            }
            // inert: no pipe, socket or driver behind it; a FIFO fails as an O_NONBLOCK open
            // without a peer does, so no open can block the view's thread (and its stat / close)
            throw ErrnoException.of(Errno.ENXIO);
        }
        if (writeAccess) {
            Vfs.requireWritable(loc.mount());
        }
        OpenFile f = new OpenFile(vfs.kernel(), i, flags, faultPath, vfs, path);
        if (truncate && i.isRegular() && i.size() > 0) {
            i.superblock().resize(i.size(), 0);
            ((RegularFile) i).content().truncate(0);
            i.modified(vfs.kernel().now());
        }
        return f;
    }

    private static boolean isDevice(Inode i) {
        return i.type() == Inode.S_IFCHR || i.type() == Inode.S_IFBLK;
    }

    private Location createFile(PathWalker w, int perm) {
        Directory parent = (Directory) w.parent().inode();
        long now = vfs.kernel().now();
        RegularFile f = new RegularFile(parent.superblock(), perm & 07777 & ~vfs.kernel().umask(), 0,
                Vfs.groupFor(parent), now);
        Dentry d = Dentry.link(w.parent().dentry(), w.last(), f, now);
        return new Location(w.parent().mount(), d);
    }
}
