package dev.fsview.cli.archive;

import dev.fsview.cli.tar.TarEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
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
     * Sets the modification time, and the access time to the same instant, as docker's extraction
     * does (moby's {@code pkg/archive}: the access time is never before the modification time, and
     * the headers docker writes carry none). Setting both also spares the JDK a stat of the file
     * to keep the access time it had.
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
            FileTime mtime = FileTime.from(e.mtime());
            view.setTimes(mtime, mtime, null);
        } catch (UnsupportedOperationException | IOException ex) {
            if (!symlink) {
                throw ex;
            }
            // Some file systems cannot set a symlink's own times (lutimes); docker ignores that
            // too.
        }
    }
}
