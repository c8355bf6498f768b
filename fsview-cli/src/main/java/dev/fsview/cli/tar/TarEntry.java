package dev.fsview.cli.tar;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a tar archive, as fsview reads and writes them. Names are relative paths with
 * {@code /} separators and no trailing slash (the writer adds one for directories, as Go's
 * {@code archive/tar} and therefore {@code docker cp} do); {@code "."} names the directory the
 * archive is extracted into.
 *
 * @param name the entry's path inside the archive
 * @param type what the entry is
 * @param mode permission bits including setuid, setgid and sticky ({@code 07777})
 * @param uid the owner's user id
 * @param gid the owner's group id
 * @param size the content size in bytes; {@code 0} for everything but regular files
 * @param mtime the modification time (whole seconds are kept in ustar, fractions in pax)
 * @param linkName the target of a symlink, or the archive path a hard link refers to; else {@code
 * ""}
 * @param devMajor the major device number of a device node, else {@code 0}
 * @param devMinor the minor device number of a device node, else {@code 0}
 * @param atime the access time a pax {@code atime} record or a GNU header gives, or {@code null}
 *     where the archive records none (docker's headers never carry one)
 */
public record TarEntry(
        String name,
        TarType type,
        int mode,
        long uid,
        long gid,
        long size,
        Instant mtime,
        String linkName,
        long devMajor,
        long devMinor,
        Instant atime) {

    /**
     * Validates the components.
     *
     * @param name the path
     * @param type the type
     * @param mode the permission bits
     * @param uid the owner
     * @param gid the group
     * @param size the content size
     * @param mtime the modification time
     * @param linkName the link target or {@code ""}
     * @param devMajor the major device number
     * @param devMinor the minor device number
     * @param atime the access time, or {@code null}
     */
    public TarEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(linkName, "linkName");
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
        if (type != TarType.REGULAR && size != 0) {
            throw new IllegalArgumentException(type + " entries have no content: " + name);
        }
    }

    /**
     * An entry without an access time, as docker writes them.
     *
     * @param name the path
     * @param type the type
     * @param mode the permission bits
     * @param uid the owner
     * @param gid the group
     * @param size the content size
     * @param mtime the modification time
     * @param linkName the link target or {@code ""}
     * @param devMajor the major device number
     * @param devMinor the minor device number
     */
    public TarEntry(
            String name,
            TarType type,
            int mode,
            long uid,
            long gid,
            long size,
            Instant mtime,
            String linkName,
            long devMajor,
            long devMinor) {
        this(name, type, mode, uid, gid, size, mtime, linkName, devMajor, devMinor, null);
    }

    /**
     * Returns the same entry under another name.
     *
     * @param newName the new path
     * @return the renamed entry
     */
    public TarEntry withName(String newName) {
        return new TarEntry(
                newName, type, mode, uid, gid, size, mtime, linkName, devMajor, devMinor, atime);
    }

    /**
     * Returns the same entry with another size: a regular file whose content is not copied is
     * written with size 0, its header only, as docker cp does.
     *
     * @param newSize the new size
     * @return the changed entry
     */
    public TarEntry withSize(long newSize) {
        return new TarEntry(
                name, type, mode, uid, gid, newSize, mtime, linkName, devMajor, devMinor, atime);
    }

    /**
     * Returns the same entry with another link name.
     *
     * @param newLinkName the new link target
     * @return the changed entry
     */
    public TarEntry withLinkName(String newLinkName) {
        return new TarEntry(
                name, type, mode, uid, gid, size, mtime, newLinkName, devMajor, devMinor, atime);
    }

    /**
     * Returns whether this entry is a directory.
     *
     * @return {@code true} for {@link TarType#DIRECTORY}
     */
    public boolean isDirectory() {
        return type == TarType.DIRECTORY;
    }
}
