package dev.fsview.fake.nio;

import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.vfs.OpenFile;
import dev.fsview.fake.vfs.OpenFlags;
import dev.fsview.fake.vfs.Stat;
import dev.fsview.fake.vfs.Vfs;
import dev.fsview.spi.HostJdk;
import dev.fsview.spi.errno.Errno;
import dev.fsview.spi.errno.NioExceptions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code Files.copy} and {@code Files.move} within one view, step for step as the JDK's
 * {@code UnixCopyFile} (JDK 17) or {@code UnixFileSystem.copy/move} (later) does them, so that they
 * fail the same way on the JDK this runs on (see {@link HostJdk}): a move first tries
 * {@code rename}; across mounts (EXDEV) it copies and deletes, unless ATOMIC_MOVE was asked for,
 * which then fails with {@link AtomicMoveNotSupportedException}. A copied file gets the source's
 * mode less the umask, or the source's owner, mode and times with COPY_ATTRIBUTES (and always for
 * a move).
 */
final class CopyMove {
    private final Vfs vfs;

    CopyMove(Vfs vfs) {
        this.vfs = vfs;
    }

    /** The JDK's copy flags. */
    private static final class Flags {
        boolean replaceExisting;
        boolean atomicMove;
        boolean followLinks;
        boolean copyAttributes;

        static Flags forCopy(CopyOption... options) {
            Flags f = new Flags();
            f.followLinks = true;
            for (CopyOption option : options) {
                if (option == StandardCopyOption.REPLACE_EXISTING) {
                    f.replaceExisting = true;
                } else if (option == LinkOption.NOFOLLOW_LINKS) {
                    f.followLinks = false;
                } else if (option == StandardCopyOption.COPY_ATTRIBUTES) {
                    f.copyAttributes = true;
                } else if (option == null) {
                    throw new NullPointerException();
                } else {
                    throw new UnsupportedOperationException(
                            HostJdk.namesTheUnsupportedCopyOption()
                                    ? "Unsupported copy option: " + option
                                    : "Unsupported copy option");
                }
            }
            return f;
        }

        static Flags forMove(CopyOption... options) {
            Flags f = new Flags();
            for (CopyOption option : options) {
                if (option == StandardCopyOption.ATOMIC_MOVE) {
                    f.atomicMove = true;
                } else if (option == StandardCopyOption.REPLACE_EXISTING) {
                    f.replaceExisting = true;
                } else if (option == LinkOption.NOFOLLOW_LINKS) {
                    continue;
                } else if (option == null) {
                    throw new NullPointerException();
                } else {
                    throw new UnsupportedOperationException(
                            HostJdk.namesTheUnsupportedCopyOption()
                                    ? "Unsupported option: " + option
                                    : "Unsupported copy option");
                }
            }
            f.copyAttributes = true;
            return f;
        }
    }

    void move(Path source, Path target, CopyOption... options) throws IOException {
        Flags flags = Flags.forMove(options);
        String src = FakeFileSystemProvider.sys(source);
        String dst = FakeFileSystemProvider.sys(target);
        if (flags.atomicMove) {
            try {
                vfs.rename(src, dst);
            } catch (ErrnoException x) {
                if (x.errno() == Errno.EXDEV) {
                    throw new AtomicMoveNotSupportedException(
                            source.toString(), target.toString(), x.errno().message());
                }
                throw Errors.of(x, source, target);
            }
            return;
        }
        Stat sourceAttrs = sourceAttributes(source, false);
        if (sourceAttrs.isDirectory() && HostJdk.checksADirectoryIsWritableBeforeMovingIt()) {
            try {
                vfs.access(src, true, false);
            } catch (ErrnoException x) {
                throw Errors.of(x, source);
            }
        }
        if (!prepareTarget(sourceAttrs, target, flags)) {
            return;
        }
        try {
            vfs.rename(src, dst);
            return;
        } catch (ErrnoException x) {
            if (x.errno() != Errno.EXDEV && x.errno() != Errno.EISDIR) {
                throw Errors.of(x, source, target);
            }
        }
        if (sourceAttrs.isDirectory()) {
            ensureEmptyDir(source);
            copyDirectory(source, sourceAttrs, target, flags);
        } else if (sourceAttrs.isSymbolicLink()) {
            copyLink(source, sourceAttrs, target, flags);
        } else if (sourceAttrs.isDevice()) {
            copySpecial(source, sourceAttrs, target, flags);
        } else {
            copyFile(source, sourceAttrs, target, flags);
        }
        try {
            remove(src, sourceAttrs);
        } catch (ErrnoException x) {
            try {
                remove(dst, sourceAttrs);
            } catch (ErrnoException ignore) {
                // the JDK ignores this too
            }
            if (sourceAttrs.isDirectory()
                    && (x.errno() == Errno.EEXIST || x.errno() == Errno.ENOTEMPTY)) {
                throw new DirectoryNotEmptyException(source.toString());
            }
            throw Errors.of(x, source);
        }
    }

    void copy(Path source, Path target, CopyOption... options) throws IOException {
        Flags flags = Flags.forCopy(options);
        Stat sourceAttrs = sourceAttributes(source, flags.followLinks);
        if (!prepareTarget(sourceAttrs, target, flags)) {
            return;
        }
        if (sourceAttrs.isDirectory()) {
            copyDirectory(source, sourceAttrs, target, flags);
        } else if (sourceAttrs.isSymbolicLink()) {
            copyLink(source, sourceAttrs, target, flags);
        } else {
            copyFile(source, sourceAttrs, target, flags);
        }
    }

    /** Returns false when source and target are the same file (nothing to do). */
    private boolean prepareTarget(Stat sourceAttrs, Path target, Flags flags) throws IOException {
        Stat targetAttrs;
        try {
            targetAttrs = vfs.stat(FakeFileSystemProvider.sys(target), false);
        } catch (ErrnoException ignore) {
            return true;
        }
        if (sourceAttrs.sameFile(targetAttrs)) {
            return false;
        }
        if (!flags.replaceExisting) {
            throw new FileAlreadyExistsException(target.toString());
        }
        try {
            remove(FakeFileSystemProvider.sys(target), targetAttrs);
        } catch (ErrnoException x) {
            if (targetAttrs.isDirectory()
                    && (x.errno() == Errno.EEXIST || x.errno() == Errno.ENOTEMPTY)) {
                throw new DirectoryNotEmptyException(target.toString());
            }
            throw Errors.of(x, target);
        }
        return true;
    }

    /** The source's attributes, the lookup failing as reading attributes does. */
    private Stat sourceAttributes(Path source, boolean follow) throws IOException {
        try {
            return vfs.stat(FakeFileSystemProvider.sys(source), follow);
        } catch (ErrnoException x) {
            throw NioExceptions.forAttributeRead(x.errno(), source.toString());
        }
    }

    private void remove(String path, Stat attrs) throws ErrnoException {
        if (attrs.isDirectory()) {
            vfs.rmdir(path);
        } else {
            vfs.unlink(path);
        }
    }

    private void ensureEmptyDir(Path dir) throws IOException {
        try {
            if (!vfs.readdir(FakeFileSystemProvider.sys(dir)).isEmpty()) {
                throw new DirectoryNotEmptyException(dir.toString());
            }
        } catch (ErrnoException x) {
            throw Errors.of(x, dir);
        }
    }

    private void copyDirectory(Path source, Stat attrs, Path target, Flags flags)
            throws IOException {
        String dst = FakeFileSystemProvider.sys(target);
        try {
            vfs.mkdir(dst, attrs.mode());
        } catch (ErrnoException x) {
            throw Errors.of(x, target);
        }
        if (!flags.copyAttributes) {
            return;
        }
        boolean done = false;
        try {
            copyOwnerAndMode(dst, attrs);
            copyUserAttributes(FakeFileSystemProvider.sys(source), dst);
            copyTimes(dst, attrs, target);
            done = true;
        } finally {
            if (!done) {
                try {
                    vfs.rmdir(dst);
                } catch (ErrnoException ignore) {
                    // rollback, as the JDK does
                }
            }
        }
    }

    private void copyFile(Path source, Stat attrs, Path target, Flags flags) throws IOException {
        String dst = FakeFileSystemProvider.sys(target);
        OpenFile in;
        try {
            in = vfs.open(FakeFileSystemProvider.sys(source), OpenFlags.O_RDONLY, 0);
        } catch (ErrnoException x) {
            throw Errors.of(x, source);
        }
        try {
            OpenFile out;
            try {
                out = vfs.open(
                        dst,
                        OpenFlags.O_WRONLY | OpenFlags.O_CREAT | OpenFlags.O_EXCL,
                        attrs.mode());
            } catch (ErrnoException x) {
                throw Errors.of(x, target);
            }
            boolean complete = false;
            try {
                transfer(in, out, source, target);
                if (flags.copyAttributes) {
                    copyOwnerAndMode(dst, attrs);
                    copyUserAttributes(FakeFileSystemProvider.sys(source), dst);
                    copyTimes(dst, attrs, target);
                }
                complete = true;
            } finally {
                out.close();
                if (!complete) {
                    try {
                        vfs.unlink(dst);
                    } catch (ErrnoException ignore) {
                        // rollback, as the JDK does
                    }
                }
            }
        } finally {
            in.close();
        }
    }

    private static void transfer(OpenFile in, OpenFile out, Path source, Path target)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try {
            while (in.read(buf.clear()) > 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
            }
        } catch (ErrnoException x) {
            throw Errors.of(x, source, target);
        }
    }

    /**
     * A symlink copied as the JDK's {@code copyLink}: its owner is copied only with
     * COPY_ATTRIBUTES (always for a move); otherwise the new link is its creator's.
     */
    private void copyLink(Path source, Stat attrs, Path target, Flags flags) throws IOException {
        String linkTarget;
        try {
            linkTarget = vfs.readlink(FakeFileSystemProvider.sys(source));
        } catch (ErrnoException x) {
            throw Errors.of(x, source);
        }
        String dst = FakeFileSystemProvider.sys(target);
        try {
            vfs.symlink(linkTarget, dst);
            if (flags.copyAttributes) {
                try {
                    vfs.chown(dst, attrs.uid(), attrs.gid(), false);
                } catch (ErrnoException ignore) {
                    // link owners are not required to be copied
                }
            }
        } catch (ErrnoException x) {
            throw Errors.of(x, target);
        }
    }

    private void copySpecial(Path source, Stat attrs, Path target, Flags flags) throws IOException {
        String dst = FakeFileSystemProvider.sys(target);
        try {
            vfs.mknod(dst, attrs.mode(), attrs.rdev());
        } catch (ErrnoException x) {
            throw Errors.of(x, target);
        }
        boolean done = false;
        try {
            if (flags.copyAttributes) {
                copyOwnerAndMode(dst, attrs);
                copyTimes(dst, attrs, target);
            }
            done = true;
        } finally {
            if (!done) {
                try {
                    vfs.unlink(dst);
                } catch (ErrnoException ignore) {
                    // rollback
                }
            }
        }
    }

    private void copyOwnerAndMode(String dst, Stat attrs) {
        try {
            vfs.chown(dst, attrs.uid(), attrs.gid(), true);
            vfs.chmod(dst, attrs.mode() & 07777, true);
        } catch (ErrnoException ignore) {
            // the JDK fails only if basic attributes cannot be copied
        }
    }

    /** The JDK's {@code copyNonPosixAttributes} on Linux: user xattrs, best effort. */
    private void copyUserAttributes(String src, String dst) {
        try {
            for (String name : vfs.listxattr(src, true)) {
                try {
                    vfs.setxattr(dst, name, vfs.getxattr(src, name, true), true);
                } catch (ErrnoException ignore) {
                    // the JDK ignores attributes it cannot copy
                }
            }
        } catch (ErrnoException ignore) {
            // likewise
        }
    }

    /** The source's times, to the microsecond before JDK 24 ({@code futimes}, {@code utimes}). */
    private void copyTimes(String dst, Stat attrs, Path target) throws IOException {
        boolean micros = !HostJdk.setsTimesToTheNanosecond();
        try {
            vfs.utimens(
                    dst,
                    micros ? Math.floorDiv(attrs.atime(), 1000L) * 1000L : attrs.atime(),
                    micros ? Math.floorDiv(attrs.mtime(), 1000L) * 1000L : attrs.mtime(),
                    true);
        } catch (ErrnoException x) {
            throw Errors.of(x, target);
        }
    }
}
