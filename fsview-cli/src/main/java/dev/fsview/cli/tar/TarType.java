package dev.fsview.cli.tar;

/** The entry types fsview reads and writes, with their ustar type flags. */
public enum TarType {
    /** A regular file ({@code '0'}; old archives use NUL, and {@code '7'} is read as one too). */
    REGULAR('0'),
    /** A hard link to an earlier entry of the archive ({@code '1'}). */
    HARDLINK('1'),
    /** A symbolic link ({@code '2'}). */
    SYMLINK('2'),
    /** A character device ({@code '3'}). */
    CHAR_DEVICE('3'),
    /** A block device ({@code '4'}). */
    BLOCK_DEVICE('4'),
    /** A directory ({@code '5'}). */
    DIRECTORY('5'),
    /** A named pipe ({@code '6'}). */
    FIFO('6');

    private final char flag;

    TarType(char flag) {
        this.flag = flag;
    }

    /**
     * Returns the ustar type flag.
     *
     * @return e.g. {@code '5'} for a directory
     */
    public char flag() {
        return flag;
    }

    /**
     * Returns whether the entry is a device node or a pipe, which fsview cannot create.
     *
     * @return {@code true} for devices and FIFOs
     */
    public boolean isSpecial() {
        return this == CHAR_DEVICE || this == BLOCK_DEVICE || this == FIFO;
    }
}
