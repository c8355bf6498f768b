package dev.fsview.linux.nio;

import dev.fsview.linux.resolve.ObjectPaths;
import dev.fsview.linux.resolve.ViewRoot;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Statx;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.AbstractFsView;
import dev.fsview.spi.HostJdk;
import dev.fsview.spi.errno.Errno;
import dev.fsview.spi.errno.NioExceptions;
import dev.fsview.spi.nio.ViewPath;

import java.io.IOException;
import java.nio.file.AccessMode;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The mutations, opens and listings of a view's file system made on the caller's own thread.
 *
 * <p>A mutation looks the parent directory up from the {@link ViewRoot} and hands the JDK the host
 * path {@code /proc/self/fd/P/name}: the kernel jumps through the magic link to exactly that
 * directory and then handles the last component itself without following it (mkdir, unlink,
 * rmdir, rename, symlink, link, {@code O_CREAT|O_EXCL} never follow a final symlink), so the JDK's
 * own code and exceptions apply. Anything that would follow a final component (opening, copying
 * a source, listing) looks the whole path up inside the root first and hands the JDK
 * {@code /proc/self/fd/N} of the object found: the final open is of exactly that object, and a
 * FIFO's open blocks only the caller.
 */
final class CallerThreadWrites {
    private final ViewRoot root;

    CallerThreadWrites(ViewRoot root) {
        this.root = root;
    }

    /** @return the view root this resolves from (for {@link CheckedOpen}) */
    ViewRoot root() {
        return root;
    }

    /** A directory found in the view and a last component in it, as a host path for the JDK. */
    private record Entry(Fd dir, String name) implements AutoCloseable {
        Path path() {
            return Path.of(dir.procPath() + "/" + name);
        }

        @Override
        public void close() {
            dir.close();
        }
    }

    /**
     * Refuses to unlink or rename a mount point of the view. The kernel says EBUSY only in a
     * namespace where the name is a mount point; since Linux 3.18 the same call from another one
     * (the caller's thread, in the host's namespace) succeeds and silently detaches the view's
     * mount. A view behaves as inside it. Only fsview mounts in the view's namespace, so the
     * check cannot be raced by the container.
     */
    private static void refuseMountPoint(Entry e, String file, String other)
            throws FileSystemException {
        if (e.name().equals(".")) {
            return; // a path ending in "." or "..": the kernel never unlinks it, nothing detaches
        }
        Statx st;
        try {
            st = Sys.statx(e.dir().get(), e.name(), Linux.AT_SYMLINK_NOFOLLOW);
        } catch (SyscallException absent) {
            return; // nothing there to be a mount point: the call itself reports it
        }
        if (st.isMountRoot()) {
            throw busy(file, other);
        }
    }

    /**
     * rename(2) looks both parents up before it checks for a mount point (EBUSY, which the view
     * checks itself since the caller is outside the view's namespace): a target whose parent is
     * not a directory is ENOTDIR first, as on the host.
     */
    private static void refuseNonDirectoryParent(Entry t, String file, String other)
            throws FileSystemException {
        Statx parent;
        try {
            parent = Sys.statx(t.dir().get(), "", Linux.AT_EMPTY_PATH | Linux.AT_SYMLINK_NOFOLLOW);
        } catch (SyscallException e) {
            return; // the rename itself reports it
        }
        if (!parent.isDirectory()) {
            throw NioExceptions.of(Errno.ENOTDIR, file, other);
        }
    }

    private static FileSystemException busy(String file, String other) {
        return new FileSystemException(file, other, "Device or resource busy");
    }

    /**
     * The JDK's delete of a path ending in ".." is an rmdir, which the kernel refuses with
     * ENOTEMPTY (do_rmdir, LAST_DOTDOT); the entry looked up for it is the directory itself, whose
     * rmdir would say EINVAL instead.
     */
    private static void refuseDotDot(ViewPath p) throws DirectoryNotEmptyException {
        Path last = p.getFileName();
        if (last != null && last.toString().equals("..")) {
            throw new DirectoryNotEmptyException(p.toString());
        }
    }

    private Entry entry(ViewPath p, BiFunction<Errno, String, IOException> translate)
            throws IOException {
        String spelled = root.spell(p); // relative: from the working directory's fd
        Path last = p.getFileName();
        String name = last == null ? "." : last.toString();
        String parent;
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            // "/proc/self/fd/P/.." would leave the view when P is its root: the directory itself
            // is looked up inside the root instead.
            parent = spelled;
            name = ".";
        } else {
            int slash = spelled.lastIndexOf('/');
            parent = slash < 0 ? "." : slash == 0 ? "/" : spelled.substring(0, slash);
        }
        try {
            return new Entry(root.lookup(parent, true), name);
        } catch (SyscallException e) {
            throw translate.apply(Errno.of(e.errno()), p.toString());
        }
    }

    private static IOException general(Errno errno, String file) {
        return NioExceptions.of(errno, file, null);
    }

    private Fd object(ViewPath p, boolean follow, BiFunction<Errno, String, IOException> translate)
            throws IOException {
        try {
            return root.lookup(root.spell(p), follow);
        } catch (SyscallException e) {
            throw translate.apply(Errno.of(e.errno()), p.toString());
        }
    }

    /** A JDK operation on the host path of a file found in the view. */
    @FunctionalInterface
    interface FileOp<T> {
        /**
         * Applies the operation.
         *
         * @param file the host path to hand the JDK
         * @param options the link options to hand the JDK with it
         * @return the result
         * @throws IOException the JDK's failure, naming the host path
         */
        T apply(Path file, LinkOption[] options) throws IOException;
    }

    private static final LinkOption[] FOLLOW = {};
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /**
     * Applies a JDK operation to exactly the file a view path names. Following links, the object
     * is looked up inside the root and handed over as its {@code /proc/self/fd/N} (the JDK follows
     * that magic link to the object itself, never a name of the container). Not following, the
     * parent is looked up inside the root and the JDK gets {@code /proc/self/fd/P/name} with
     * {@code NOFOLLOW_LINKS}: the kernel then handles the last component itself, as the JDK's own
     * code expects. Only for operations the JDK does not follow anyway: the callers ask
     * {@link JdkNoFollow} first (a followed {@code name} would resolve against the host's root).
     *
     * @param p the view path
     * @param follow whether a final symlink is followed
     * @param op the operation
     * @return its result
     * @throws IOException the JDK's exception, naming the view path
     */
    <T> T onFile(ViewPath p, boolean follow, FileOp<T> op) throws IOException {
        String file = p.toString();
        if (follow) {
            try (Fd o = object(p, true, CallerThreadWrites::general)) {
                try {
                    return op.apply(ObjectPaths.of(o), FOLLOW);
                } catch (FileSystemException x) {
                    throw ObjectPaths.rename(x, file, null);
                }
            }
        }
        try (Entry e = entry(p, CallerThreadWrites::general)) {
            try {
                return op.apply(e.path(), NOFOLLOW);
            } catch (FileSystemException x) {
                throw ObjectPaths.rename(x, file, null);
            }
        }
    }

    /**
     * {@code Files.setAttribute}: the JDK's setter on exactly the file, with owners and groups of
     * this view ({@link ViewPrincipals}) set by number.
     */
    void setAttribute(ViewPath p, String attribute, Object value, LinkOption... options)
            throws IOException {
        String[] set = {attribute};
        Object[] v = {value};
        numericOwner(set, v);
        String s = set[0];
        Object x = v[0];
        boolean follow = CallerThreadReads.follows(options)
                || JdkNoFollow.followsAnyway(JdkNoFollow.ofAttribute(s));
        onFile(p, follow, (f, o) -> {
            Files.setAttribute(f, s, x, o);
            return null;
        });
    }

    /**
     * Turns the setting of an owner or group of this view ({@link ViewPrincipals}), which the
     * JDK's own views refuse, into the setting of its number.
     *
     * @param attribute the attribute name, replaced by {@code unix:uid} or {@code unix:gid}
     * @param value the value, replaced by the number
     * @throws IOException if an owner is a group, as the JDK says
     */
    static void numericOwner(String[] attribute, Object[] value) throws IOException {
        int colon = attribute[0].indexOf(':');
        String view = colon < 0 ? "basic" : attribute[0].substring(0, colon);
        String name = colon < 0 ? attribute[0] : attribute[0].substring(colon + 1);
        boolean owners = view.equals("posix") || view.equals("unix") || view.equals("owner");
        if (!owners || !(value[0] instanceof ViewPrincipals.Owner)) {
            return;
        }
        if (name.equals("owner")) {
            value[0] = ViewPrincipals.uid((java.nio.file.attribute.UserPrincipal) value[0]);
            attribute[0] = "unix:uid";
        } else if (name.equals("group") && !view.equals("owner")) {
            value[0] = ViewPrincipals.gid((java.nio.file.attribute.GroupPrincipal) value[0]);
            attribute[0] = "unix:gid";
        }
    }

    void createDirectory(ViewPath dir, FileAttribute<?>... attrs) throws IOException {
        try (Entry e = entry(dir, CallerThreadWrites::general)) {
            try {
                Files.createDirectory(e.path(), attrs);
            } catch (FileSystemException x) {
                throw ObjectPaths.rename(x, dir.toString(), null);
            }
        }
    }

    void createSymbolicLink(ViewPath link, Path target, FileAttribute<?>... attrs)
            throws IOException {
        try (Entry e = entry(link, CallerThreadWrites::general)) {
            try {
                Files.createSymbolicLink(e.path(), target, attrs);
            } catch (FileSystemException x) {
                throw ObjectPaths.rename(x, link.toString(), null);
            }
        }
    }

    void createLink(ViewPath link, ViewPath existing) throws IOException {
        // The kernel's link(2) looks the existing file up before the new name's directory.
        try (Entry x = entry(existing, (n, f) -> NioExceptions.of(n, link.toString(), f))) {
            // Checked with statx, reported as link(2)'s failure (the JDK's attribute reads say
            // NoSuchFileException for ENOTDIR from JDK 25 on; its createLink does not).
            try {
                Sys.statx(x.dir().get(), x.name(), Linux.AT_SYMLINK_NOFOLLOW);
            } catch (SyscallException e) {
                throw NioExceptions.of(Errno.of(e.errno()), link.toString(), existing.toString());
            }
            try (Entry l = entry(link, (n, f) -> NioExceptions.of(n, f, existing.toString()))) {
                try {
                    Files.createLink(l.path(), x.path());
                } catch (FileSystemException e) {
                    throw ObjectPaths.rename(
                            e,
                            Map.of(
                                    l.path().toString(),
                                    link.toString(),
                                    x.path().toString(),
                                    existing.toString()));
                }
            }
        }
    }

    void delete(ViewPath p) throws IOException {
        try (Entry e = entry(p, NioExceptions::forDelete)) {
            refuseDotDot(p);
            deleteEntry(e, p.toString(), true);
        }
    }

    boolean deleteIfExists(ViewPath p) throws IOException {
        Entry e;
        try {
            e = entry(p, NioExceptions::forDelete);
        } catch (NoSuchFileException gone) {
            return false;
        }
        try (e) {
            refuseDotDot(p);
            return deleteEntry(e, p.toString(), false);
        }
    }

    /**
     * The JDK's delete ({@code UnixFileSystemProvider.implDelete}) of an entry, made on the
     * parent's fd: {@code lstat} of the entry, a mount point of the view refused (see
     * {@link #refuseMountPoint}), then {@code rmdir} or {@code unlink} by its type, failures as the
     * JDK's. The same calls on {@code /proc/self/fd/P/name} would each walk procfs again.
     *
     * @return {@code false} when the entry is missing and that is no failure
     */
    private static boolean deleteEntry(Entry e, String file, boolean failIfMissing)
            throws IOException {
        boolean directory = false;
        try {
            Statx st = Sys.statx(e.dir().get(), e.name(), Linux.AT_SYMLINK_NOFOLLOW);
            if (st.isMountRoot() && !e.name().equals(".")) {
                throw busy(file, null);
            }
            directory = st.isDirectory();
            Sys.unlinkat(e.dir().get(), e.name(), directory ? Linux.AT_REMOVEDIR : 0);
            return true;
        } catch (SyscallException x) {
            Errno errno = Errno.of(x.errno());
            if (!failIfMissing && errno == Errno.ENOENT) {
                return false;
            }
            if (directory && (errno == Errno.EEXIST || errno == Errno.ENOTEMPTY)) {
                throw new DirectoryNotEmptyException(file);
            }
            throw NioExceptions.of(errno, file, null);
        }
    }

    /**
     * Moves as the JDK's {@code UnixCopyFile.move} does, on the two entries: an atomic move is
     * the JDK's rename; otherwise an existing target is the same file (nothing to do), refused
     * without {@code REPLACE_EXISTING}, or deleted; then a rename, and where the kernel refuses
     * it across file systems (EXDEV, e.g. between mounts or an overlayfs lower directory) a copy
     * with every attribute from the source's fd (a directory only if empty; never reopened by
     * name, so a symlink swapped in cannot redirect it), then the source deleted, and on failure
     * to delete it the copy removed again.
     */
    void move(ViewPath source, ViewPath target, CopyOption... options) throws IOException {
        try (Entry s = entry(source, (n, f) -> NioExceptions.forAttributeRead(n, f));
                Entry t = entryAfterSourceExists(s, source, target)) {
            try {
                moveEntries(s, t, source, target, options);
            } catch (FileSystemException e) {
                throw ObjectPaths.rename(
                        e,
                        Map.of(
                                s.path().toString(),
                                source.toString(),
                                t.path().toString(),
                                target.toString()));
            }
        }
    }

    private void moveEntries(
            Entry s, Entry t, ViewPath source, ViewPath target, CopyOption... options)
            throws IOException {
        moveEntries(s, t, source, target, false, options);
    }

    private void moveEntries(
            Entry s,
            Entry t,
            ViewPath source,
            ViewPath target,
            boolean targetDeleted,
            CopyOption... options)
            throws IOException {
        boolean replace = false;
        for (CopyOption o : options) {
            if (o == StandardCopyOption.ATOMIC_MOVE) {
                refuseNonDirectoryParent(t, source.toString(), target.toString());
                refuseMountPoint(s, source.toString(), target.toString());
                refuseMountPoint(t, source.toString(), target.toString());
                Files.move(s.path(), t.path(), options);
                return;
            }
            replace |= o == StandardCopyOption.REPLACE_EXISTING;
        }
        try (Fd so = object(source, false, (n, f) -> NioExceptions.of(n, f, null))) {
            Path sp = ObjectPaths.of(so);
            BasicFileAttributes sa = Files.readAttributes(sp, BasicFileAttributes.class);
            if (sa.isDirectory() && HostJdk.checksADirectoryIsWritableBeforeMovingIt()) {
                // As the JDK's move from JDK 22 on (JDK-8073061): a directory is checked writable
                // before anything else, so a read-only volume refuses it naming the source only.
                try {
                    sp.getFileSystem().provider().checkAccess(sp, AccessMode.WRITE);
                } catch (FileSystemException e) {
                    throw ObjectPaths.rename(e, source.toString(), null);
                }
            }
            BasicFileAttributes ta = attributesIfExists(t.path());
            if (ta != null && !targetDeleted) {
                if (ta.fileKey() != null && ta.fileKey().equals(sa.fileKey())) {
                    return;
                }
                if (!replace) {
                    throw new FileAlreadyExistsException(target.toString());
                }
                // the JDK's move deletes the target first: rmdir of a last component ".."
                // is ENOTEMPTY (the entry is looked up as ".", whose rmdir is EINVAL)
                refuseDotDot(target);
                refuseMountPoint(t, target.toString(), null);
                Files.delete(t.path());
                // The JDK's rename after that delete looks the source up again: a source
                // reached through the deleted target (a link to its directory) is gone by then.
                try (Entry again =
                        entry(source, (n, f) -> NioExceptions.of(n, f, target.toString()))) {
                    try {
                        moveEntries(again, t, source, target, true, options);
                    } catch (FileSystemException e) {
                        throw ObjectPaths.rename(
                                e,
                                Map.of(
                                        again.path().toString(),
                                        source.toString(),
                                        t.path().toString(),
                                        target.toString()));
                    }
                }
                return;
            }
            try {
                // The target is gone now: an atomic rename is the JDK's plain rename.
                refuseNonDirectoryParent(t, source.toString(), target.toString());
                refuseMountPoint(s, source.toString(), target.toString());
                Files.move(s.path(), t.path(), StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (AtomicMoveNotSupportedException acrossFileSystems) {
                // EXDEV: copied below, as the JDK does.
            }
            if (sa.isDirectory()) {
                try (DirectoryStream<Path> d = Files.newDirectoryStream(sp)) {
                    if (d.iterator().hasNext()) {
                        throw new DirectoryNotEmptyException(source.toString());
                    }
                }
            }
            try {
                if (sa.isSymbolicLink()) {
                    copyLink(so, t, true);
                } else {
                    Files.copy(sp, t.path(), StandardCopyOption.COPY_ATTRIBUTES);
                }
            } catch (FileSystemException e) {
                throw ObjectPaths.rename(
                        e,
                        Map.of(
                                sp.toString(),
                                source.toString(),
                                t.path().toString(),
                                target.toString()));
            }
            try {
                Files.delete(s.path());
            } catch (FileSystemException e) {
                try {
                    Files.delete(t.path());
                } catch (IOException ignored) {
                    // As the JDK: the failure to delete the source is what the caller learns.
                }
                throw e;
            }
        } catch (SyscallException e) {
            throw NioExceptions.of(Errno.of(e.errno()), source.toString(), null);
        }
    }

    private static BasicFileAttributes attributesIfExists(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException absent) {
            // As the JDK's move: a target that cannot be examined (missing, or ENOTDIR under a
            // file) is left to the rename, which names both paths in its failure.
            return null;
        }
    }

    /** The JDK's move looks the source up first: a missing source is reported before the target. */
    private Entry entryAfterSourceExists(Entry s, ViewPath source, ViewPath target)
            throws IOException {
        try {
            Files.readAttributes(s.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            throw ObjectPaths.rename(e, source.toString(), null);
        }
        return entry(target, (n, f) -> NioExceptions.of(n, source.toString(), f));
    }

    /**
     * Copies: the source is looked up inside the root (following a final symlink unless
     * {@code NOFOLLOW_LINKS}); a symlink source is copied as a link by hand, anything else by the
     * JDK from the object's fd to the target entry (created with {@code O_EXCL} or mkdir, which
     * never follow).
     */
    void copy(ViewPath source, ViewPath target, CopyOption... options) throws IOException {
        boolean follow = true;
        Set<CopyOption> rest = new HashSet<>();
        for (CopyOption o : options) {
            if (o == LinkOption.NOFOLLOW_LINKS) {
                follow = false;
            } else {
                rest.add(o);
            }
        }
        try (Fd s = object(source, follow, (n, f) -> NioExceptions.forAttributeRead(n, f));
                Entry t = entry(target, (n, f) -> NioExceptions.of(n, f, null))) {
            Path sp = ObjectPaths.of(s);
            Map<String, String> names = new HashMap<>();
            names.put(sp.toString(), source.toString());
            names.put(t.path().toString(), target.toString());
            try {
                BasicFileAttributes a = Files.readAttributes(sp, BasicFileAttributes.class);
                if (rest.contains(StandardCopyOption.REPLACE_EXISTING) && !sameFile(a, t.path())) {
                    // the JDK's copy deletes the target first: ENOTEMPTY for "..", EBUSY on a
                    // mount point
                    refuseDotDot(target);
                    refuseMountPoint(t, target.toString(), null);
                }
                if (a.isSymbolicLink()) {
                    if (sameFile(a, t.path())) {
                        return; // the JDK's copy: nothing to do when both are the same file
                    }
                    replaceOrRefuse(t, rest);
                    copyLinkAgain(source, t, rest);
                } else if (a.isRegularFile()
                        && rest.contains(StandardCopyOption.REPLACE_EXISTING)
                        && Files.exists(t.path(), LinkOption.NOFOLLOW_LINKS)) {
                    if (sameFile(a, t.path())) {
                        return; // the JDK's copy: nothing to do when both are the same file
                    }
                    replaceAndCopy(source, follow, t, rest, names);
                } else {
                    Files.copy(sp, t.path(), rest.toArray(new CopyOption[0]));
                }
            } catch (FileSystemException e) {
                throw ObjectPaths.rename(e, names);
            } catch (SyscallException e) {
                throw NioExceptions.of(Errno.of(e.errno()), source.toString(), null);
            }
        }
    }

    /**
     * The JDK's order for a replacing copy of a regular file: delete the target, then open the
     * source by its name again. A source reached through the target (a link copied onto itself,
     * the link's own directory replaced) is then gone or another file, as on the host:
     * NoSuchFileException, or that other file's bytes, never the bytes the first lookup saw. (A
     * directory or special file is made from the attributes read first, as the JDK's mkdir and
     * mknod are: no second lookup.)
     */
    private void replaceAndCopy(
            ViewPath source,
            boolean follow,
            Entry t,
            Set<CopyOption> rest,
            Map<String, String> names)
            throws IOException {
        Files.delete(t.path());
        Set<CopyOption> after = new HashSet<>(rest);
        after.remove(StandardCopyOption.REPLACE_EXISTING);
        try (Fd again = object(source, follow, (n, f) -> NioExceptions.of(n, f, null))) {
            Path sp = ObjectPaths.of(again);
            names.put(sp.toString(), source.toString());
            // A racer that made the target again meanwhile gets FileAlreadyExists, as the JDK's
            // O_EXCL create of the target would.
            Files.copy(sp, t.path(), after.toArray(new CopyOption[0]));
        }
    }

    private static boolean sameFile(BasicFileAttributes source, Path target) {
        try {
            Object key = Files.readAttributes(
                            target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
            return key != null && key.equals(source.fileKey());
        } catch (IOException absent) {
            return false;
        }
    }

    private static void replaceOrRefuse(Entry t, Set<CopyOption> options) throws IOException {
        if (options.contains(StandardCopyOption.REPLACE_EXISTING)) {
            Files.deleteIfExists(t.path());
        } else if (Files.exists(t.path(), LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(t.path().toString());
        }
    }

    /**
     * Copies a symlink as the JDK's {@code copyLink}: the same target, and with attributes its
     * owner and group (failures ignored, as the JDK ignores them); never its times.
     */
    /**
     * The JDK's copy of a link reads it by its name after deleting the target: a link reached
     * through the deleted target (a link to its directory) is gone then (NoSuchFile), and another
     * kind of file put in its place fails as readlink does (EINVAL); never the link the first
     * lookup saw.
     */
    private void copyLinkAgain(ViewPath source, Entry t, Set<CopyOption> options)
            throws IOException, SyscallException {
        try (Fd again = object(source, false, (n, f) -> NioExceptions.of(n, f, null))) {
            copyLink(again, t, options.contains(StandardCopyOption.COPY_ATTRIBUTES));
        }
    }

    private static void copyLink(Fd link, Entry t, boolean attributes)
            throws IOException, SyscallException {
        Path l = ObjectPaths.of(link);
        String target;
        try {
            target = Sys.readlinkat(link.get(), "");
        } catch (SyscallException e) {
            // readlinkat(fd, "") of anything but a link is ENOENT; readlink by name is EINVAL
            throw e.errno() == Errno.ENOENT.number()
                    ? new SyscallException("readlink", "", Errno.EINVAL.number())
                    : e;
        }
        Files.createSymbolicLink(t.path(), Path.of(target));
        if (attributes) {
            Map<String, Object> ids = Files.readAttributes(l, "unix:uid,gid");
            try {
                Files.setAttribute(t.path(), "unix:uid", ids.get("uid"), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(t.path(), "unix:gid", ids.get("gid"), LinkOption.NOFOLLOW_LINKS);
            } catch (IOException ignored) {
                // The JDK ignores a failed lchown of a copied link: its attributes are optional.
            }
        }
    }

    /** An open of the JDK's on a host path; its exceptions are renamed by the caller. */
    @FunctionalInterface
    interface Opener<T> {
        T open(Path hostPath, Set<OpenOption> options) throws IOException;
    }

    /**
     * Opens a file for the JDK's channels and streams: finds (or creates) exactly the object inside
     * the root, then lets {@code opener} reopen {@code /proc/self/fd/N} with the caller's options.
     */
    <T> T open(
            ViewPath p,
            Set<? extends OpenOption> options,
            FileAttribute<?>[] attrs,
            Opener<T> opener)
            throws IOException {
        Set<OpenOption> reopen = new HashSet<>(options);
        boolean noFollow = reopen.remove(LinkOption.NOFOLLOW_LINKS);
        if (reopen.remove(StandardOpenOption.DELETE_ON_CLOSE)) {
            // The JDK unlinks the name it opened right after the open: done here by the entry,
            // since the name handed to the JDK is the object's fd.
            T opened = open(p, reopen, attrs, opener);
            deleteIfExists(p);
            return opened;
        }
        boolean write = options.contains(StandardOpenOption.WRITE)
                || options.contains(StandardOpenOption.APPEND);
        boolean createNew = write && options.contains(StandardOpenOption.CREATE_NEW);
        boolean create = write && !createNew && options.contains(StandardOpenOption.CREATE);
        String file = p.toString();
        if (createNew) {
            // O_CREAT|O_EXCL on the parent entry never follows a final symlink.
            try (Entry e = entry(p, (n, f) -> NioExceptions.forOpen(n, f, noFollow))) {
                try {
                    return opener.open(e.path(), withNoFollow(reopen, noFollow));
                } catch (FileSystemException x) {
                    throw ObjectPaths.rename(x, file, null);
                }
            }
        }
        Fd created;
        try {
            if (create) {
                // Created inside the root (a dangling final symlink is followed inside it, as the
                // JDK follows it in the container), opened non-blocking so that an existing FIFO
                // never blocks here; the caller's own open below blocks only the caller.
                created = root.open(
                        root.spell(p),
                        Arch.O_CREAT
                                | Arch.O_RDONLY
                                | Arch.O_CLOEXEC
                                | O_NONBLOCK
                                | (noFollow ? Arch.current().oNofollow() : 0),
                        mode(attrs));
                reopen.remove(StandardOpenOption.CREATE);
            } else {
                created = null;
            }
        } catch (SyscallException e) {
            throw NioExceptions.forOpen(Errno.of(e.errno()), file, noFollow);
        }
        try (Fd o = created != null
                ? created
                : object(p, !noFollow, (n, f) -> NioExceptions.forOpen(n, f, noFollow))) {
            return reopen(o, file, noFollow && created == null, reopen, opener);
        }
    }

    /** Hands the JDK the object's {@code /proc/self/fd/N} to open with the caller's options. */
    private static <T> T reopen(
            Fd o, String file, boolean refuseSymlink, Set<OpenOption> options, Opener<T> opener)
            throws IOException {
        if (refuseSymlink && isSymlink(o)) {
            throw NioExceptions.forOpen(Errno.ELOOP, file, true);
        }
        try {
            return opener.open(ObjectPaths.of(o), options);
        } catch (FileSystemException x) {
            throw ObjectPaths.rename(x, file, null);
        }
    }

    /**
     * Whether an open may create a file (then, without openat2, it stays on the view thread).
     *
     * @param options the open options
     * @return {@code true} if it writes and has CREATE, CREATE_NEW or DELETE_ON_CLOSE
     */
    static boolean creates(Set<? extends OpenOption> options) {
        boolean write = options.contains(StandardOpenOption.WRITE)
                || options.contains(StandardOpenOption.APPEND);
        return options.contains(StandardOpenOption.DELETE_ON_CLOSE)
                || write
                        && (options.contains(StandardOpenOption.CREATE)
                                || options.contains(StandardOpenOption.CREATE_NEW));
    }

    /**
     * The open of kernels without openat2 ({@code linux.resolve=walk}): the view thread only finds
     * the object ({@code O_PATH}, which never blocks, not even on a FIFO); the caller's thread
     * opens it through {@code /proc/self/fd/N}, so a FIFO's open blocks only the caller.
     *
     * @param view the view, whose thread resolves {@code viewThreadPath} in the container
     * @param viewThreadPath the path as the view thread resolves it
     * @param p the caller's path, for exceptions
     * @param options the open options (nothing that creates: see {@link #creates})
     * @param opener the JDK's open
     * @return what the opener returned
     * @throws IOException the JDK's exception for the caller's path
     */
    static <T> T openFoundOnViewThread(
            AbstractFsView view,
            String viewThreadPath,
            ViewPath p,
            Set<? extends OpenOption> options,
            Opener<T> opener)
            throws IOException {
        Set<OpenOption> reopen = new HashSet<>(options);
        boolean noFollow = reopen.remove(LinkOption.NOFOLLOW_LINKS);
        int flags = Arch.O_PATH | Arch.O_CLOEXEC | (noFollow ? Arch.current().oNofollow() : 0);
        int fd;
        try {
            fd = view.dispatch(() -> Sys.openat(Linux.AT_FDCWD, viewThreadPath, flags, 0));
        } catch (SyscallException e) {
            throw NioExceptions.forOpen(Errno.of(e.errno()), p.toString(), noFollow);
        }
        try (Fd o = new Fd(fd, p.toString())) {
            return reopen(o, p.toString(), noFollow, reopen, opener);
        }
    }

    private static final int O_NONBLOCK = 04000;

    private static Set<OpenOption> withNoFollow(Set<OpenOption> options, boolean noFollow) {
        if (noFollow) {
            options.add(LinkOption.NOFOLLOW_LINKS);
        }
        return options;
    }

    private static boolean isSymlink(Fd o) throws IOException {
        return Files.readAttributes(ObjectPaths.of(o), BasicFileAttributes.class)
                .isSymbolicLink();
    }

    @SuppressWarnings("unchecked")
    private static int mode(FileAttribute<?>[] attrs) {
        for (FileAttribute<?> a : attrs) {
            if (a.name().equals("posix:permissions") || a.name().equals("unix:permissions")) {
                int mode = 0;
                for (PosixFilePermission perm : (Set<PosixFilePermission>) a.value()) {
                    mode |= 1 << (8 - perm.ordinal());
                }
                return mode;
            }
        }
        return 0666;
    }

    /**
     * Opens a listing: the directory opened inside the root, read through its fd
     * ({@link FdListing}), as a {@link ViewSecureDirectoryStream}.
     */
    DirectoryStream<Path> listing(
            ViewPath dir,
            DirectoryStream.Filter<? super Path> filter,
            CallerThreadReads reads,
            LinuxViewFileSystemProvider provider)
            throws IOException {
        return listing(dir, dir, true, filter, reads, provider);
    }

    /**
     * Opens a listing of {@code p}, whose entries are named under {@code shown}.
     *
     * @param p the directory
     * @param shown the path its entries resolve against
     * @param follow whether a final symlink is followed
     * @param filter the filter, or {@code null}
     * @param reads the caller-thread reads
     * @param provider the provider the stream's relative operations go through
     * @return the stream
     * @throws IOException the JDK's failure, naming {@code shown}
     */
    ViewSecureDirectoryStream listing(
            ViewPath p,
            ViewPath shown,
            boolean follow,
            DirectoryStream.Filter<? super Path> filter,
            CallerThreadReads reads,
            LinuxViewFileSystemProvider provider)
            throws IOException {
        Fd d = follow ? openDirectory(p, shown) : openDirectoryNoFollow(p, shown);
        return new ViewSecureDirectoryStream(
                shown, new FdListing(d), d, filter, root, reads, this, provider);
    }

    private static int directoryRead() {
        return Arch.O_RDONLY | Arch.O_CLOEXEC | Arch.current().oDirectory();
    }

    /**
     * Opens a directory for reading inside the root, in one lookup: {@code O_DIRECTORY} refuses
     * anything else with ENOTDIR before it is opened, so nothing can block.
     */
    private Fd openDirectory(ViewPath p, ViewPath shown) throws IOException {
        try {
            // Relative: from the working directory's fd, as the kernel's AT_FDCWD (a directory
            // replaced since the chdir is still the one a relative lookup starts from).
            return root.open(root.spell(p), directoryRead(), 0);
        } catch (SyscallException e) {
            throw NioExceptions.forDirectoryStream(Errno.of(e.errno()), shown.toString());
        }
    }

    /**
     * Not following a final symlink, as the JDK's {@code O_NOFOLLOW} open: a link is refused with
     * ELOOP; anything else found is reopened for reading through its own fd (exactly that object).
     */
    private Fd openDirectoryNoFollow(ViewPath p, ViewPath shown) throws IOException {
        try (Fd o =
                object(p, false, (n, f) -> NioExceptions.forDirectoryStream(n, shown.toString()))) {
            if (isSymlink(o)) {
                throw NioExceptions.of(Errno.ELOOP, shown.toString(), null);
            }
            return new Fd(
                    Sys.openat(Linux.AT_FDCWD, o.procPath(), directoryRead(), 0), shown.toString());
        } catch (SyscallException e) {
            throw NioExceptions.forDirectoryStream(Errno.of(e.errno()), shown.toString());
        }
    }

    /**
     * {@code unlinkat} of a path's entry, as a secure directory stream's {@code deleteFile} and
     * {@code deleteDirectory} do it: no check of the type first.
     *
     * @param p the path
     * @param flags 0 or {@link Linux#AT_REMOVEDIR}
     * @param file the path to name in failures
     * @throws IOException the JDK's failure
     */
    void unlink(ViewPath p, int flags, String file) throws IOException {
        try (Entry e = entry(p, (n, f) -> NioExceptions.of(n, file, null))) {
            Path last = p.getFileName();
            if (flags == Linux.AT_REMOVEDIR && last != null && last.toString().equals("..")) {
                // rmdir of a last component "..": ENOTEMPTY, where the entry's "." gives EINVAL
                throw new DirectoryNotEmptyException(null);
            }
            refuseMountPoint(e, file, null);
            Sys.unlinkat(e.dir().get(), e.name(), flags);
        } catch (SyscallException x) {
            Errno errno = Errno.of(x.errno());
            if (flags == Linux.AT_REMOVEDIR
                    && (errno == Errno.EEXIST || errno == Errno.ENOTEMPTY)) {
                throw new DirectoryNotEmptyException(null);
            }
            throw NioExceptions.of(errno, file, null);
        }
    }

    /**
     * {@code renameat} of two entries, as a secure directory stream's {@code move} does it.
     *
     * @param from the source
     * @param to the target
     * @param fromName the source to name in failures
     * @param toName the target to name in failures
     * @throws IOException the JDK's failure
     */
    void renameEntries(ViewPath from, ViewPath to, String fromName, String toName)
            throws IOException {
        try (Entry s = entry(from, (n, f) -> NioExceptions.of(n, fromName, toName));
                Entry t = entry(to, (n, f) -> NioExceptions.of(n, fromName, toName))) {
            refuseMountPoint(s, fromName, toName);
            refuseMountPoint(t, fromName, toName);
            Sys.renameat(s.dir().get(), s.name(), t.dir().get(), t.name());
        } catch (SyscallException x) {
            throw NioExceptions.of(Errno.of(x.errno()), fromName, toName);
        }
    }
}
