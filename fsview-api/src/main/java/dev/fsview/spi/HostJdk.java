package dev.fsview.spi;

/**
 * Where the JDK's own Linux file system behaves differently from one feature release to another,
 * one method per difference, each answering for the JDK this code runs on. A backend that
 * re-implements NIO (the fake, the shared errno translation) asks here, so that a view behaves
 * like the host JDK it runs on, and nowhere else tests the version. Each difference was seen on a
 * real directory with JDK 17 and JDK 25; the release that changed it is that of the JDK change
 * named (where a change could not be pinned to its release, the comment says so).
 */
public final class HostJdk {
    private static final int FEATURE = Runtime.version().feature();

    private HostJdk() {}

    /**
     * Reading attributes ({@code readAttributes} of the basic, posix and unix views, and so
     * {@code size}, {@code getOwner}, ...), {@code checkAccess} and the lookup of a copy's or move's
     * source turn ENOTDIR (a file used as a directory) into {@code NoSuchFileException}, so that
     * {@code Files.notExists} is true. Other operations still report "Not a directory".
     *
     * @return true from JDK 25 (JDK-8356678)
     */
    public static boolean readsNotADirectoryAsNoSuchFile() {
        return FEATURE >= 25;
    }

    /**
     * {@code Files.copy} says "Unsupported copy option: OPTION" and {@code Files.move}
     * "Unsupported option: OPTION", where JDK 17 said "Unsupported copy option" for both.
     *
     * @return true from JDK 21 (JDK-8302789)
     */
    public static boolean namesTheUnsupportedCopyOption() {
        return FEATURE >= 21;
    }

    /**
     * {@code FileChannel.transferFrom} at a position past the end writes there (the file grows,
     * with a gap of zeros), where JDK 17 transferred nothing and returned 0.
     *
     * @return true from JDK 21 (JDK-8303260)
     */
    public static boolean transferFromPastTheEndExtendsTheFile() {
        return FEATURE >= 21;
    }

    /**
     * {@code FileChannel.transferFrom} from a file channel not open for reading throws
     * {@code NonReadableChannelException} before any other check, where JDK 17 did so only when it
     * got to read (not at all past the end of the target).
     *
     * @return true from JDK 21 (seen on 25; the change was not pinned, JDK 21's rework of the
     *         transfers around JDK-8303260 is the likely one)
     */
    public static boolean transferFromChecksTheSourceIsReadableFirst() {
        return FEATURE >= 21;
    }

    /**
     * A symlink's own times ({@code setTimes} without following), the times of a file the JDK
     * cannot open (a socket, FIFO or device), the times a copy or move gives its target, and the
     * times set through a {@code SecureDirectoryStream} keep their nanoseconds; JDK 17 set them with
     * {@code lutimes}/{@code utimes}/{@code futimes}, to the microsecond.
     *
     * @return true from JDK 24 (JDK-8343417, with the move to {@code utimensat}/{@code futimens})
     */
    public static boolean setsTimesToTheNanosecond() {
        return FEATURE >= 24;
    }

    /**
     * Setting permissions without following links ({@code NOFOLLOW_LINKS}) follows a final symlink
     * after all and changes its target (a dangling one: {@code NoSuchFileException}): the JDK opens
     * the file with {@code O_NOFOLLOW} passed as the mode, not the flags. JDK 17 opened it with
     * {@code O_NOFOLLOW} and failed with ELOOP on a symlink.
     *
     * @return true from JDK 22 (JDK-8062795)
     */
    public static boolean setsPermissionsThroughALinkWhenAskedNotToFollow() {
        return FEATURE >= 22;
    }

    /**
     * {@code Files.move} of a directory first checks that the directory itself is writable
     * ({@code access(W_OK)}), before looking at the target: on a read-only mount it fails with
     * EROFS naming the source only, even when moving it onto itself.
     *
     * @return true from JDK 22 (JDK-8073061)
     */
    public static boolean checksADirectoryIsWritableBeforeMovingIt() {
        return FEATURE >= 22;
    }

    /**
     * {@code toRealPath(NOFOLLOW_LINKS)} keeps a ".." that follows a ".." it kept (after a link),
     * where JDK 17 dropped it with the element before: {@code link/../..} stays as it is.
     *
     * @return true from JDK 22 (JDK-8306882)
     */
    public static boolean keepsDotDotAfterAKeptDotDot() {
        return FEATURE >= 22;
    }

    /**
     * A {@code SecureDirectoryStream}'s posix view sets the permissions of an entry it follows with
     * {@code fchmodat}, without opening it (so a socket or FIFO works); JDK 17 opened the entry and
     * failed with ENXIO on those.
     *
     * @return true from JDK 25 (JDK-8357425)
     */
    public static boolean secureStreamsChmodWithoutOpening() {
        return FEATURE >= 25;
    }

    /**
     * {@code createSymbolicLink} with initial attributes says "Initial file attributes not
     * supported when creating symbolic link"; JDK 17 lacked the space ("attributesnot").
     *
     * @return true from JDK 25 (seen on 25; the release of the fix was not pinned)
     */
    public static boolean spellsTheSymlinkAttributesMessageRight() {
        return FEATURE >= 25;
    }

    /**
     * A user or group name that the lookup service cannot find is left out of the
     * {@code UserPrincipalNotFoundException} ({@code getName()} is empty) unless the
     * {@code jdk.includeInExceptions} system or security property lists {@code userInfo}.
     *
     * @return true when the name is left out: from JDK 25 (JDK-8348986), by default
     */
    public static boolean hidesUnknownUserNames() {
        if (FEATURE < 25) {
            return false;
        }
        String categories = System.getProperty("jdk.includeInExceptions");
        if (categories == null) {
            categories = java.security.Security.getProperty("jdk.includeInExceptions");
        }
        if (categories != null) {
            for (String category : categories.split(",")) {
                if (category.trim().equalsIgnoreCase("userInfo")) {
                    return false;
                }
            }
        }
        return true;
    }
}
