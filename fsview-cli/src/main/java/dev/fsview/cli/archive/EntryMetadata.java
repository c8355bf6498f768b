package dev.fsview.cli.archive;

import dev.fsview.cli.tar.TarEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** An extracted entry's mode and time, set by name without following a final symlink. */
final class EntryMetadata {
    private EntryMetadata() {}

    /**
     * Sets the permission bits, including setuid, setgid and sticky where the file system takes
     * them.
     *
     * @param path the entry
     * @param mode its mode
     * @throws IOException if they cannot be set
     */
    static void setMode(Path path, int mode) throws IOException {
        try {
            Files.setAttribute(path, "unix:mode", mode & 07777, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            Files.setPosixFilePermissions(path, permissions(mode));
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE,
        };
        for (int i = 0; i < order.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                perms.add(order[i]);
            }
        }
        return perms;
    }

    /**
     * The range of times docker's extraction sets (moby's {@code boundTime}): from the epoch to
     * the last instant a signed 64-bit count of nanoseconds holds (in 2262).
     */
    private static final Instant MIN_TIME = Instant.EPOCH;

    private static final Instant MAX_TIME = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    /**
     * Sets the times as docker's extraction does (moby's {@code pkg/archive}): the modification
     * time of the header, and the access time of the header where it is later, else the
     * modification time again (docker's own headers carry none); a time outside docker's range
     * (before 1970, after 2262) becomes the epoch. Setting both also spares the JDK a stat of the
     * file to keep the access time it had.
     *
     * @param target the entry
     * @param e its header
     * @param symlink whether it is a symlink, whose time may not be settable
     * @throws IOException if it cannot be set
     */
    static void setTime(Path target, TarEntry e, boolean symlink) throws IOException {
        BasicFileAttributeView view = Files.getFileAttributeView(
                target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        try {
            view.setTimes(FileTime.from(modified(e)), FileTime.from(accessed(e)), null);
        } catch (UnsupportedOperationException | IOException ex) {
            if (!symlink) {
                throw ex;
            }
            // Some file systems cannot set a symlink's own times (lutimes); docker ignores that
            // too.
        }
    }

    /** The modification time docker sets: the header's, bounded. */
    private static Instant modified(TarEntry e) {
        return bound(e.mtime());
    }

    /** The access time docker sets: the later of the header's two times, bounded. */
    private static Instant accessed(TarEntry e) {
        Instant atime = e.atime();
        return bound(atime != null && atime.isAfter(e.mtime()) ? atime : e.mtime());
    }

    /**
     * A time the extraction may set: docker sets the epoch instead of a time outside its range,
     * where Go's {@code os.Chtimes} is undefined.
     */
    private static Instant bound(Instant t) {
        return t.isBefore(MIN_TIME) || t.isAfter(MAX_TIME) ? MIN_TIME : t;
    }
}
