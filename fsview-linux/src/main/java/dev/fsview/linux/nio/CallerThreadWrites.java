package dev.fsview.linux.nio;

import dev.fsview.linux.resolve.ObjectPaths;
import dev.fsview.linux.resolve.ViewRoot;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.AbstractFsView;
import dev.fsview.spi.errno.Errno;
import dev.fsview.spi.errno.NioExceptions;
import dev.fsview.spi.nio.ViewPath;
import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
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

    private Entry entry(ViewPath p, BiFunction<Errno, String, IOException> translate)
            throws IOException {
        String abs = p.toAbsolutePath().toString();
        Path last = p.getFileName();
        String name = last == null ? "." : last.toString();
        String parent;
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            // "/proc/self/fd/P/.." would leave the view when P is its root: the directory itself
            // is looked up inside the root instead.
            parent = abs;
            name = ".";
        } else {
            int slash = abs.lastIndexOf('/');
            parent = slash <= 0 ? "/" : abs.substring(0, slash);
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
            return root.lookup(p.toAbsolutePath().toString(), follow);
        } catch (SyscallException e) {
            throw translate.apply(Errno.of(e.errno()), p.toString());
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
            try {
                Files.readAttributes(x.path(), BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
            } catch (FileSystemException e) {
                throw ObjectPaths.rename(e, link.toString(), existing.toString(), e.getReason());
            }
            try (Entry l = entry(link, (n, f) -> NioExceptions.of(n, f, existing.toString()))) {
                try {
                    Files.createLink(l.path(), x.path());
                } catch (FileSystemException e) {
                    throw ObjectPaths.rename(e, Map.of(l.path().toString(), link.toString(),
                            x.path().toString(), existing.toString()));
                }
            }
        }
    }

    void delete(ViewPath p) throws IOException {
        try (Entry e = entry(p, NioExceptions::forDelete)) {
            try {
                Files.delete(e.path());
            } catch (FileSystemException x) {
                throw ObjectPaths.rename(x, p.toString(), null);
            }
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
            return Files.deleteIfExists(e.path());
        } catch (FileSystemException x) {
            throw ObjectPaths.rename(x, p.toString(), null);
        }
    }

    /**
     * Moves by rename when both parents are on the same mount. Across mounts the JDK copies and
     * deletes, opening the source by name: that stays on the view thread (returns {@code false}),
     * where a symlink swapped in for the source resolves inside the container, not on the host.
     */
    boolean move(ViewPath source, ViewPath target, CopyOption... options) throws IOException {
        try (Entry s = entry(source, (n, f) -> NioExceptions.forAttributeRead(n, f));
                Entry t = entryAfterSourceExists(s, source, target)) {
            long sm = Sys.mountId(s.dir().get());
            if (sm < 0 || sm != Sys.mountId(t.dir().get())) {
                return false;
            }
            try {
                Files.move(s.path(), t.path(), options);
            } catch (FileSystemException e) {
                throw ObjectPaths.rename(e, Map.of(s.path().toString(), source.toString(),
                        t.path().toString(), target.toString()));
            }
            return true;
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
                if (a.isSymbolicLink()) {
                    if (sameFile(a, t.path())) {
                        return; // the JDK's copy: nothing to do when both are the same file
                    }
                    copyLink(Sys.readlinkat(s.get(), ""), t, rest);
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

    private static boolean sameFile(BasicFileAttributes source, Path target) {
        try {
            Object key = Files.readAttributes(target, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey();
            return key != null && key.equals(source.fileKey());
        } catch (IOException absent) {
            return false;
        }
    }

    private static void copyLink(String linkTarget, Entry t, Set<CopyOption> options)
            throws IOException {
        if (options.contains(java.nio.file.StandardCopyOption.REPLACE_EXISTING)) {
            Files.deleteIfExists(t.path());
        } else if (Files.exists(t.path(), LinkOption.NOFOLLOW_LINKS)) {
            throw new java.nio.file.FileAlreadyExistsException(t.path().toString());
        }
        Files.createSymbolicLink(t.path(), Path.of(linkTarget));
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
    <T> T open(ViewPath p, Set<? extends OpenOption> options, FileAttribute<?>[] attrs,
            Opener<T> opener) throws IOException {
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
                created = root.open(p.toAbsolutePath().toString(),
                        Arch.O_CREAT | Arch.O_RDONLY | Arch.O_CLOEXEC | O_NONBLOCK
                                | (noFollow ? Arch.current().oNofollow() : 0), mode(attrs));
                reopen.remove(StandardOpenOption.CREATE);
            } else {
                created = null;
            }
        } catch (SyscallException e) {
            throw NioExceptions.forOpen(Errno.of(e.errno()), file, noFollow);
        }
        try (Fd o = created != null ? created
                : object(p, !noFollow, (n, f) -> NioExceptions.forOpen(n, f, noFollow))) {
            return reopen(o, file, noFollow && created == null, reopen, opener);
        }
    }

    /** Hands the JDK the object's {@code /proc/self/fd/N} to open with the caller's options. */
    private static <T> T reopen(Fd o, String file, boolean refuseSymlink, Set<OpenOption> options,
            Opener<T> opener) throws IOException {
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
                || write && (options.contains(StandardOpenOption.CREATE)
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
    static <T> T openFoundOnViewThread(AbstractFsView view, String viewThreadPath, ViewPath p,
            Set<? extends OpenOption> options, Opener<T> opener) throws IOException {
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
        return Files.readAttributes(ObjectPaths.of(o), BasicFileAttributes.class).isSymbolicLink();
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

    DirectoryStream<Path> listing(ViewPath dir) throws IOException {
        try (Fd o = object(dir, true, NioExceptions::forDirectoryStream)) {
            try {
                return Files.newDirectoryStream(ObjectPaths.of(o));
            } catch (FileSystemException x) {
                throw ObjectPaths.rename(x, dir.toString(), null);
            }
        }
    }
}
