package dev.fsview;

import java.time.Instant;
import java.util.Objects;

/**
 * The metadata of one path in a view, as {@link FsView#stat(String)} returns it: the seed's
 * {@code PathStat}, with the mode as the kernel's {@code st_mode}.
 *
 * @param name the last component of the path as given ({@code /} for the root)
 * @param size the size in bytes ({@code lstat}: a symlink's own size)
 * @param mode the kernel's {@code st_mode}: file type bits and permission bits
 * @param mtime the last modification time
 * @param linkTarget for a symlink, its target resolved fully inside the container root, as far as
 *     it resolves (missing components are kept as they are); {@code ""} for anything else
 */
public record PathStat(String name, long size, int mode, Instant mtime, String linkTarget) {

    /** Mask of the file type bits of {@code st_mode}. */
    public static final int S_IFMT = 0170000;
    /** File type bits of a directory. */
    public static final int S_IFDIR = 0040000;
    /** File type bits of a regular file. */
    public static final int S_IFREG = 0100000;
    /** File type bits of a symbolic link. */
    public static final int S_IFLNK = 0120000;
    /** File type bits of a FIFO. */
    public static final int S_IFIFO = 0010000;
    /** File type bits of a socket. */
    public static final int S_IFSOCK = 0140000;
    /** File type bits of a character device. */
    public static final int S_IFCHR = 0020000;
    /** File type bits of a block device. */
    public static final int S_IFBLK = 0060000;

    /**
     * Validates the components.
     *
     * @param name the last component
     * @param size the size
     * @param mode the {@code st_mode}
     * @param mtime the modification time
     * @param linkTarget the resolved link target or {@code ""}
     */
    public PathStat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(linkTarget, "linkTarget");
    }

    /**
     * Returns the file type.
     *
     * @return the type encoded in {@link #mode()}
     */
    public FileType type() {
        return FileType.of(mode);
    }

    /**
     * Returns the permission bits, including setuid, setgid and sticky.
     *
     * @return {@code mode & 07777}
     */
    public int permissions() {
        return mode & 07777;
    }

    /**
     * Returns whether the path is a directory.
     *
     * @return {@code true} for a directory (not for a symlink to one)
     */
    public boolean isDirectory() {
        return type() == FileType.DIRECTORY;
    }

    /**
     * Returns whether the path is a regular file.
     *
     * @return {@code true} for a regular file (not for a symlink to one)
     */
    public boolean isRegularFile() {
        return type() == FileType.REGULAR;
    }

    /**
     * Returns whether the path is a symbolic link.
     *
     * @return {@code true} for a symlink
     */
    public boolean isSymbolicLink() {
        return type() == FileType.SYMLINK;
    }

    /**
     * Renders the mode as {@code ls -l} does, e.g. {@code drwxr-xr-x} or {@code -rwsr-xr-x}.
     *
     * @return ten characters
     */
    public String modeString() {
        StringBuilder b = new StringBuilder(10).append(type().letter());
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            b.append((mode & (0400 >> i)) != 0 ? rwx.charAt(i) : '-');
        }
        special(b, 2, 04000, 's');
        special(b, 5, 02000, 's');
        special(b, 8, 01000, 't');
        return b.toString();
    }

    private void special(StringBuilder b, int index, int bit, char letter) {
        if ((mode & bit) != 0) {
            int at = index + 1;
            b.setCharAt(at, b.charAt(at) == '-' ? Character.toUpperCase(letter) : letter);
        }
    }

    /** The file types {@code st_mode} distinguishes. */
    public enum FileType {
        /** A regular file. */
        REGULAR('-'),
        /** A directory. */
        DIRECTORY('d'),
        /** A symbolic link. */
        SYMLINK('l'),
        /** A named pipe. */
        FIFO('p'),
        /** A Unix domain socket. */
        SOCKET('s'),
        /** A character device. */
        CHAR_DEVICE('c'),
        /** A block device. */
        BLOCK_DEVICE('b'),
        /** Type bits that match none of the above. */
        UNKNOWN('?');

        private final char letter;

        FileType(char letter) {
            this.letter = letter;
        }

        /**
         * Returns the letter {@code ls -l} shows for this type.
         *
         * @return e.g. {@code 'd'} for a directory
         */
        public char letter() {
            return letter;
        }

        /**
         * Decodes the type bits of a mode.
         *
         * @param mode a {@code st_mode}
         * @return its file type
         */
        public static FileType of(int mode) {
            switch (mode & S_IFMT) {
                case S_IFREG:
                    return REGULAR;
                case S_IFDIR:
                    return DIRECTORY;
                case S_IFLNK:
                    return SYMLINK;
                case S_IFIFO:
                    return FIFO;
                case S_IFSOCK:
                    return SOCKET;
                case S_IFCHR:
                    return CHAR_DEVICE;
                case S_IFBLK:
                    return BLOCK_DEVICE;
                default:
                    return UNKNOWN;
            }
        }
    }
}
