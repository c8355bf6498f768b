package dev.fsview.linux.sys;

import com.sun.jna.platform.linux.Fcntl;

import java.util.Locale;

/**
 * What differs between the CPU architectures fsview-linux supports: the numbers of the system
 * calls it makes through {@code syscall(2)} and the few {@code open(2)} flags whose values are not
 * the same everywhere. x86_64 and aarch64 are known; any other architecture is refused, because a
 * wrong syscall number would silently run a different system call.
 */
public enum Arch {
    /** x86_64 (amd64): its own syscall table and {@code O_DIRECTORY}/{@code O_NOFOLLOW} values. */
    X86_64(155, 217, 0200000, 0400000),
    /** aarch64 (arm64): the generic syscall table, where {@code O_DIRECTORY} is 040000. */
    AARCH64(41, 61, 040000, 0100000);

    /** openat2(2), the same number on every architecture (the unified table since 5.x). */
    public static final long SYS_OPENAT2 = 437;
    /** open_tree(2). */
    public static final long SYS_OPEN_TREE = 428;
    /** move_mount(2). */
    public static final long SYS_MOVE_MOUNT = 429;
    /** fsopen(2). */
    public static final long SYS_FSOPEN = 430;
    /** fsconfig(2). */
    public static final long SYS_FSCONFIG = 431;
    /** fsmount(2). */
    public static final long SYS_FSMOUNT = 432;
    /** mount_setattr(2). */
    public static final long SYS_MOUNT_SETATTR = 442;
    /** pidfd_open(2) (Linux 5.3+; setns through a pidfd, 5.8+). */
    public static final long SYS_PIDFD_OPEN = 434;

    private static final Arch CURRENT = detect(System.getProperty("os.arch", ""));

    private final long pivotRoot;
    private final long getdents64;
    private final int oDirectory;
    private final int oNofollow;

    Arch(long pivotRoot, long getdents64, int oDirectory, int oNofollow) {
        this.pivotRoot = pivotRoot;
        this.getdents64 = getdents64;
        this.oDirectory = oDirectory;
        this.oNofollow = oNofollow;
    }

    /**
     * Maps a JVM {@code os.arch} value to an architecture.
     *
     * @param osArch e.g. {@code amd64}, {@code x86_64}, {@code aarch64}
     * @return the architecture, or {@code null} if fsview-linux does not know it
     */
    public static Arch detect(String osArch) {
        switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64":
            case "x86_64":
                return X86_64;
            case "aarch64":
            case "arm64":
                return AARCH64;
            default:
                return null;
        }
    }

    /**
     * Returns the architecture this JVM runs on.
     *
     * @return the architecture
     * @throws UnsupportedOperationException if it is neither x86_64 nor aarch64
     */
    public static Arch current() {
        if (CURRENT == null) {
            throw new UnsupportedOperationException(unsupportedMessage());
        }
        return CURRENT;
    }

    /**
     * Returns whether this JVM's architecture is supported.
     *
     * @return {@code true} on x86_64 and aarch64
     */
    public static boolean isSupported() {
        return CURRENT != null;
    }

    /**
     * Explains why the current architecture is refused.
     *
     * @return a message naming the architecture and the supported ones
     */
    public static String unsupportedMessage() {
        return "unsupported CPU architecture '" + System.getProperty("os.arch")
                + "': fsview-linux knows the system call numbers of x86_64 and aarch64 only";
    }

    /**
     * Returns the number of {@code pivot_root(2)}, which is not in the unified table.
     *
     * @return the syscall number
     */
    public long sysPivotRoot() {
        return pivotRoot;
    }

    /**
     * Returns the number of {@code getdents64(2)}, which is not in the unified table.
     *
     * @return the syscall number
     */
    public long sysGetdents64() {
        return getdents64;
    }

    /**
     * Returns {@code O_DIRECTORY} for this architecture (jna-platform's value is x86_64's).
     *
     * @return the flag
     */
    public int oDirectory() {
        return oDirectory;
    }

    /**
     * Returns {@code O_NOFOLLOW} for this architecture (jna-platform's value is x86_64's).
     *
     * @return the flag
     */
    public int oNofollow() {
        return oNofollow;
    }

    /** Flags that are the same on every supported architecture, from jna-platform. */
    public static final int O_PATH = Fcntl.O_PATH;
    /** Close on exec. */
    public static final int O_CLOEXEC = Fcntl.O_CLOEXEC;
    /** Create if missing. */
    public static final int O_CREAT = Fcntl.O_CREAT;
    /** With O_CREAT: fail if it exists (never opens an existing socket or FIFO). */
    public static final int O_EXCL = Fcntl.O_EXCL;
    /** Write only. */
    public static final int O_WRONLY = Fcntl.O_WRONLY;
    /** Read only. */
    public static final int O_RDONLY = Fcntl.O_RDONLY;
}
