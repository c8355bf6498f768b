package dev.fsview.fake.vfs;

/** The {@code open(2)} flags the fake understands, with Linux's values. */
public final class OpenFlags {
    /** Open for reading only. */
    public static final int O_RDONLY = 0;
    /** Open for writing only. */
    public static final int O_WRONLY = 1;
    /** Open for reading and writing. */
    public static final int O_RDWR = 2;
    /** Mask of the access mode. */
    public static final int O_ACCMODE = 3;
    /** Create if missing. */
    public static final int O_CREAT = 0100;
    /** With O_CREAT: fail if it exists (and do not follow a final symlink). */
    public static final int O_EXCL = 0200;
    /** Truncate a regular file to 0. */
    public static final int O_TRUNC = 01000;
    /** Every write goes to the end. */
    public static final int O_APPEND = 02000;
    /** Must be a directory. */
    public static final int O_DIRECTORY = 0200000;
    /** Fail with ELOOP on a final symlink. */
    public static final int O_NOFOLLOW = 0400000;

    private OpenFlags() {}
}
