package dev.fsview.fake.vfs;

import dev.fsview.fake.host.Inode;

/** The file type of a stat, from its type bits. */
public interface FileType {
    /** @return the type bits ({@code S_IFMT} of the mode) */
    int type();

    /** @return whether it is a directory */
    default boolean isDirectory() {
        return type() == Inode.S_IFDIR;
    }

    /** @return whether it is a regular file */
    default boolean isRegularFile() {
        return type() == Inode.S_IFREG;
    }

    /** @return whether it is a symlink */
    default boolean isSymbolicLink() {
        return type() == Inode.S_IFLNK;
    }

    /** @return whether it is a FIFO, socket or device */
    default boolean isOther() {
        return !isDirectory() && !isRegularFile() && !isSymbolicLink();
    }
}
