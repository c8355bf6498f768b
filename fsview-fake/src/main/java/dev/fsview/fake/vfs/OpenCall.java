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
    private final OpenCheck check;

    OpenCall(Vfs vfs, String path, String faultPath, OpenCheck check) {
        this.vfs = vfs;
        this.path = path;
        this.faultPath = faultPath;
        this.check = check;
    }

    /**
     * Opens, under the lock the caller holds (exclusive when creating or truncating); {@code null}
     * when the {@link OpenCheck} refused the object found.
     */
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
        Inode dir = w.lastType() == LastType.NORM ? w.parent().inode() : null;
        return openAt(loc, dir, flags, created, w.trailingSlash());
    }

    private OpenFile openAt(Location loc, Inode dir, int flags, boolean created, boolean mustBeDir)
            throws ErrnoException {
        Inode i = loc.inode();
        boolean create = (flags & OpenFlags.O_CREAT) != 0;
        if (create && (flags & OpenFlags.O_EXCL) != 0 && !created) {
            throw ErrnoException.of(Errno.EEXIST);
        }
        if (check != null && !created && !check.inspect(Stat.of(i))) {
            return null; // refused before anything of the open's own touches it
        }
        if (create && i.isDirectory()) {
            throw ErrnoException.of(Errno.EISDIR);
        }
        if (create && !created && dir != null && mayNotCreateInSticky(dir, i)) {
            // may_create_in_sticky: an O_CREAT open must not reach another user's file in a
            // world-writable sticky directory (/tmp), the classic symlink-planting attack
            throw ErrnoException.of(Errno.EACCES);
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
        if (i instanceof RegularFile) {
            if (truncate) {
                ((RegularFile) i).discardLazyContent(); // all replaced: the disk's bytes unread
            } else {
                ((RegularFile) i).load(); // a lazy import's bytes, read now, as they are now
            }
        } else if (i instanceof Directory) {
            ((Directory) i).load();
        }
        if (i.contentDenied()) {
            // imported from a file the importer could not read: EACCES, never its bytes as empty
            throw ErrnoException.of(i.contentError());
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
        if (truncate && i.isRegular()) {
            if (i.size() > 0) {
                i.superblock().resize(i.size(), 0);
                ((RegularFile) i).content().truncate(0);
            }
            // do_truncate sets mtime and ctime whatever the size was, an empty file's too
            i.modified(vfs.kernel().now());
        }
        return f;
    }

    /**
     * The kernel's {@code may_create_in_sticky} with {@code protected_regular} and
     * {@code protected_fifos} at 0 (regular files and FIFOs exempt), for a caller running as
     * root: refused when the directory is sticky and world-writable and the existing entry
     * belongs neither to the directory's owner nor to the caller.
     */
    private static boolean mayNotCreateInSticky(Inode dir, Inode i) {
        if (i.isRegular() || i.type() == Inode.S_IFIFO) {
            return false;
        }
        if ((dir.mode() & Inode.S_ISVTX) == 0 || i.uid() == dir.uid() || i.uid() == 0) {
            return false;
        }
        return (dir.mode() & 0002) != 0;
    }

    private static boolean isDevice(Inode i) {
        return i.type() == Inode.S_IFCHR || i.type() == Inode.S_IFBLK;
    }

    private Location createFile(PathWalker w, int perm) {
        Directory parent = (Directory) w.parent().inode();
        long now = vfs.kernel().now();
        RegularFile f = new RegularFile(
                parent.superblock(),
                perm & 07777 & ~vfs.kernel().umask(),
                0,
                Vfs.groupFor(parent),
                now);
        Dentry d = Dentry.link(w.parent().dentry(), w.last(), f, now);
        return new Location(w.parent().mount(), d);
    }
}
