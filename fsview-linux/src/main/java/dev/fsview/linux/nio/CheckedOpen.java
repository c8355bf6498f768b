package dev.fsview.linux.nio;

import dev.fsview.linux.ns.HostThread;
import dev.fsview.linux.resolve.FdAttributes;
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
import dev.fsview.spi.nio.ViewOpenChecks;
import dev.fsview.spi.nio.ViewPath;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * An open with {@link dev.fsview.ViewOpenOption}s: the object is found as an {@code O_PATH} fd
 * (which opens nothing: a FIFO does not block, a device's driver is not called), inspected through
 * that fd, and only then opened, through its {@code /proc/self/fd/N}, with the caller's other
 * options. The reopen is of the very inode the fd pins, never of the path again, so no rename
 * after the inspection can substitute another file; and an inode's type, device and number never
 * change, so nothing needs checking after it.
 *
 * <p>With openat2 the fd comes from the view root on the caller's thread; without it
 * ({@code linux.resolve=walk}) the view thread only makes the fd and the caller inspects and
 * reopens it. A task's own call finds the fd on its view thread, where the container is the root
 * and there is no {@code /proc}; the inspection and the reopen then run on the JVM's
 * {@link HostThread}, through the same process-wide fd.
 */
final class CheckedOpen {
    /** Bounded retries of a REGULAR_FILE + CREATE open that races another creator. */
    private static final int CREATE_ATTEMPTS = 8;

    private CheckedOpen() {}

    /** Finds the object of the path without opening it. */
    @FunctionalInterface
    interface Finder {
        /**
         * Finds it.
         *
         * @param follow whether a final symlink is followed
         * @return an {@code O_PATH} fd of the object; the caller closes it
         * @throws IOException the JDK's open exception for the path
         */
        Fd find(boolean follow) throws IOException;

        /**
         * Runs the inspection and the reopen of a found object: here, on a thread with the host's
         * {@code /proc}.
         *
         * @param step the inspection and reopen
         * @param <T> what the reopen returns
         * @return the step's result
         * @throws IOException the step's failure
         */
        default <T> T onHost(AbstractFsView.IoCallable<T> step) throws IOException {
            return step.call();
        }

        /**
         * Reads what the check needs of a found object, with the file key the view's own
         * {@code readAttributes} gives, so that a key the caller read earlier compares equal:
         * {@code FdAttributes} (one statx of the fd) where the view resolves on the caller's
         * thread.
         *
         * @param o the found object
         * @param file the caller's path, for errors
         * @return its attributes
         * @throws IOException if they cannot be read
         */
        default BasicFileAttributes attributes(Fd o, String file) throws IOException {
            try {
                return FdAttributes.of(o.get(), null); // no owner is asked for: no names needed
            } catch (SyscallException e) {
                throw NioExceptions.forAttributeRead(Errno.of(e.errno()), file);
            }
        }
    }

    /** The backend's ordinary open, for a file the open creates. */
    @FunctionalInterface
    interface PlainOpen<T> {
        T open(Set<OpenOption> options) throws IOException;
    }

    /** The ordinary delete of the path, for DELETE_ON_CLOSE. */
    @FunctionalInterface
    interface Deleter {
        void delete() throws IOException;
    }

    /**
     * The finder of this thread: from the view root with openat2, by the view thread without it
     * or when this is the view thread (a task's own open), whose inspection and reopen then run
     * on the {@link HostThread}.
     */
    static Finder finder(
            AbstractFsView view, CallerThreadWrites writes, boolean onViewThread, ViewPath p) {
        String file = p.toString();
        if (writes != null && !onViewThread) {
            ViewRoot root = writes.root();
            // Relative: from the working directory's fd, as every other open of the view.
            String spelled = root.spell(p);
            return follow -> {
                try {
                    return root.lookup(spelled, follow);
                } catch (SyscallException e) {
                    throw NioExceptions.forOpen(Errno.of(e.errno()), file, !follow);
                }
            };
        }
        return onViewThread(view, null, HostPaths.of(p).toString(), file, onViewThread);
    }

    /**
     * The finder of a {@code SecureDirectoryStream} without openat2: {@code path} found from the
     * stream's own directory, pinned as {@code dir}, by the view thread (whose root is the
     * container, as the JDK's stream resolves there too).
     */
    static Finder inDirectory(AbstractFsView view, Fd dir, ViewPath path) {
        return onViewThread(view, dir, path.toString(), path.toString(), false);
    }

    /**
     * Finds on the view thread, from {@code dir} (the view thread's working directory if null);
     * inspects with the JDK's read, as the view thread's own {@code readAttributes} keys files.
     */
    private static Finder onViewThread(
            AbstractFsView view, Fd dir, String path, String file, boolean taskThread) {
        return new Finder() {
            /** A task's open is found on its view thread, which has no /proc: see HostThread. */
            @Override
            public <T> T onHost(AbstractFsView.IoCallable<T> step) throws IOException {
                return taskThread ? HostThread.call(step, "ViewOpenOption") : step.call();
            }

            @Override
            public Fd find(boolean follow) throws IOException {
                int flags = Arch.O_PATH
                        | Arch.O_CLOEXEC
                        | (follow ? 0 : Arch.current().oNofollow());
                try {
                    return new Fd(
                            view.dispatch(() -> Sys.openat(
                                    dir == null ? Linux.AT_FDCWD : dir.get(), path, flags, 0)),
                            file);
                } catch (SyscallException e) {
                    throw NioExceptions.forOpen(Errno.of(e.errno()), file, !follow);
                }
            }

            /** The view thread's readAttributes is the JDK's: the JDK's key. */
            @Override
            public BasicFileAttributes attributes(Fd o, String name) throws IOException {
                return Files.readAttributes(ObjectPaths.of(o), BasicFileAttributes.class);
            }
        };
    }

    /**
     * Opens a file with the view's checks.
     *
     * @param p the caller's path
     * @param checks the view's options of the open
     * @param finder finds the object without opening it
     * @param opener the JDK's open of {@code /proc/self/fd/N}
     * @param plain the ordinary open, for a file the open creates
     * @param deleter the delete of the path, for DELETE_ON_CLOSE
     * @return what the opener returned
     * @throws IOException the refusal, or the JDK's exception for the caller's path
     */
    static <T> T open(
            ViewPath p,
            ViewOpenChecks checks,
            Finder finder,
            CallerThreadWrites.Opener<T> opener,
            PlainOpen<T> plain,
            Deleter deleter)
            throws IOException {
        Set<OpenOption> others = checks.others();
        if (checks.mayCreate() && others.contains(StandardOpenOption.CREATE_NEW)) {
            // O_CREAT|O_EXCL opens only a regular file it has just made: nothing to inspect.
            return plain.open(others);
        }
        boolean deleteOnClose = others.remove(StandardOpenOption.DELETE_ON_CLOSE);
        boolean create = checks.mayCreate() && others.remove(StandardOpenOption.CREATE);
        for (int attempt = 1; ; attempt++) {
            Fd found;
            try {
                found = finder.find(!checks.noFollow());
            } catch (NoSuchFileException e) {
                if (!create) {
                    throw e;
                }
                try {
                    return plain.open(created(others, deleteOnClose));
                } catch (FileAlreadyExistsException raced) {
                    if (attempt == CREATE_ATTEMPTS) {
                        throw raced; // something keeps appearing there: not looked at
                    }
                    continue; // made by another since the lookup: inspected like any file
                }
            }
            T opened;
            try (Fd o = found) {
                opened = finder.onHost(
                        () -> inspectAndReopen(o, p.toString(), checks, others, opener, finder));
            }
            if (deleteOnClose) {
                deleter.delete(); // the JDK unlinks the name right after its open
            }
            return opened;
        }
    }

    private static Set<OpenOption> created(Set<OpenOption> others, boolean deleteOnClose) {
        Set<OpenOption> o = new java.util.HashSet<>(others);
        o.add(StandardOpenOption.CREATE_NEW);
        if (deleteOnClose) {
            o.add(StandardOpenOption.DELETE_ON_CLOSE);
        }
        return o;
    }

    /** Inspects the object through its fd, then opens that very object. */
    private static <T> T inspectAndReopen(
            Fd o,
            String file,
            ViewOpenChecks checks,
            Set<OpenOption> others,
            CallerThreadWrites.Opener<T> opener,
            Finder finder)
            throws IOException {
        Path object = ObjectPaths.of(o);
        try {
            // A stat of the fd's own object, never opened, keyed as the view's readAttributes.
            BasicFileAttributes a = finder.attributes(o, file);
            checks.check(file, a.isSymbolicLink(), a.isRegularFile(), a.fileKey());
            Set<OpenOption> reopen = new java.util.HashSet<>(others);
            // The magic link itself is a link: NOFOLLOW_LINKS was applied by the lookup.
            reopen.remove(LinkOption.NOFOLLOW_LINKS);
            return opener.open(object, reopen);
        } catch (FileSystemException e) {
            throw ObjectPaths.rename(e, file, null);
        }
    }
}
