package dev.fsview.linux.nio;

import dev.fsview.linux.preload.ClassPathSeal;
import dev.fsview.linux.preload.HostScratch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of the JDK's attribute operations follow a final symlink although told not to
 * ({@code NOFOLLOW_LINKS}), measured once per kind on a link in a host temporary directory, on the
 * JDK this runs on.
 *
 * <p>Why: not following, the caller's thread hands the JDK the entry's name in its pinned parent
 * ({@code /proc/self/fd/P/name}, {@link CallerThreadWrites#onFile}). A JDK that follows that
 * name's symlink resolves an absolute target against the caller's root, the host's. JDK 22 and
 * later do so when setting permissions (JDK-8062795: {@code O_NOFOLLOW} passed as the mode): a
 * container's {@code /l -> /etc/shadow} was re-moded on the host. A kind that follows anyway is
 * given the object looked up inside the root instead, which is also what that JDK does with its
 * own paths. A kind this cannot measure (not supported by the temporary directory's file system,
 * no privilege to change an owner), and any operation of no known kind, is treated as following:
 * inside the root is always safe. Measured, not read from the version: a vendor's update may
 * carry a change back.
 */
final class JdkNoFollow {
    /** The JDK's attribute operations that open or name the file, by what they change. */
    enum Kind {
        /** {@code setPermissions}, {@code posix:permissions}, {@code unix:permissions}. */
        PERMISSIONS,
        /** {@code setTimes} and the time attributes. */
        TIMES,
        /** Owner and group, by name or number. */
        OWNER,
        /** The {@code user} view: extended attributes, read or written. */
        XATTR,
        /** The {@code dos} view (kept in an extended attribute). */
        DOS,
        /** Anything else. */
        OTHER
    }

    /** Each kind measured once; read without a lock by every setter told not to follow. */
    private static final Map<Kind, Boolean> MEASURED = new ConcurrentHashMap<>();

    private JdkNoFollow() {}

    /**
     * Whether the JDK's operations of a kind follow a final symlink when told not to.
     *
     * @param kind the kind
     * @return true if they do, or if that cannot be measured here
     */
    static boolean followsAnyway(Kind kind) {
        // A contained thread must not write the host's temporary directory (it would be the
        // container's): nothing is measured there, and everything counts as following.
        if (kind == Kind.OTHER || ClassPathSeal.isContained()) {
            return true;
        }
        return MEASURED.computeIfAbsent(kind, JdkNoFollow::measure);
    }

    /**
     * The kind of an attribute set by name, as {@code Files.setAttribute} takes it.
     *
     * @param attribute {@code [view:]name}
     * @return its kind
     */
    static Kind ofAttribute(String attribute) {
        int colon = attribute.indexOf(':');
        String view = colon < 0 ? "basic" : attribute.substring(0, colon);
        String name = colon < 0 ? attribute : attribute.substring(colon + 1);
        if (view.equals("user")) {
            return Kind.XATTR;
        }
        switch (name) {
            case "permissions":
                return Kind.PERMISSIONS;
            case "lastModifiedTime":
            case "lastAccessTime":
            case "creationTime":
                return Kind.TIMES;
            case "owner":
            case "group":
            case "uid":
            case "gid":
                return Kind.OWNER;
            case "readonly":
            case "hidden":
            case "system":
            case "archive":
                return Kind.DOS;
            default:
                return Kind.OTHER;
        }
    }

    /**
     * The kind of a method of an attribute view.
     *
     * @param type the view's interface
     * @param method the method's name
     * @return its kind
     */
    static Kind ofMethod(Class<?> type, String method) {
        if (UserDefinedFileAttributeView.class.isAssignableFrom(type)) {
            return Kind.XATTR;
        }
        if (DosFileAttributeView.class.isAssignableFrom(type) && !method.equals("setTimes")) {
            return Kind.DOS;
        }
        switch (method) {
            case "setPermissions":
                return Kind.PERMISSIONS;
            case "setTimes":
                return Kind.TIMES;
            case "setOwner":
            case "setGroup":
                return Kind.OWNER;
            default:
                return Kind.OTHER;
        }
    }

    /** Whether the kind changed a link's target: true also when it cannot be told. */
    private static boolean measure(Kind kind) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("fsview-nofollow");
            Path target = Files.writeString(dir.resolve("target"), "x");
            Path link = Files.createSymbolicLink(dir.resolve("link"), target);
            return changesTarget(kind, target, link);
        } catch (IOException | RuntimeException cannotTell) {
            return true;
        } finally {
            removeTree(dir);
        }
    }

    private static boolean changesTarget(Kind kind, Path target, Path link) throws IOException {
        LinkOption nofollow = LinkOption.NOFOLLOW_LINKS;
        switch (kind) {
            case PERMISSIONS:
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                attempt(() -> Files.getFileAttributeView(
                                link, PosixFileAttributeView.class, nofollow)
                        .setPermissions(PosixFilePermissions.fromString("rwx------")));
                return Files.getPosixFilePermissions(target).size() != 2;
            case TIMES:
                FileTime before = Files.getLastModifiedTime(target);
                FileTime probe = FileTime.fromMillis(before.toMillis() - 86_400_000L);
                attempt(() -> Files.getFileAttributeView(
                                link, BasicFileAttributeView.class, nofollow)
                        .setTimes(probe, null, null));
                return !Files.getLastModifiedTime(target).equals(before);
            case OWNER:
                int uid = (Integer) Files.getAttribute(target, "unix:uid");
                int other = uid == 0 ? 65_534 : 0;
                Files.setAttribute(target, "unix:uid", other); // no privilege: cannot tell
                Files.setAttribute(target, "unix:uid", uid);
                // setOwner and setGroup take the same way in the JDK (chown or lchown)
                attempt(() -> Files.setAttribute(link, "unix:uid", other, nofollow));
                return (Integer) Files.getAttribute(target, "unix:uid") != uid;
            case XATTR:
                UserDefinedFileAttributeView onTarget =
                        Files.getFileAttributeView(target, UserDefinedFileAttributeView.class);
                onTarget.write(
                        "fsview.read", ByteBuffer.wrap(new byte[] {1})); // unsupported: cannot tell
                UserDefinedFileAttributeView onLink = Files.getFileAttributeView(
                        link, UserDefinedFileAttributeView.class, nofollow);
                attempt(() -> onLink.write("fsview.written", ByteBuffer.wrap(new byte[] {1})));
                boolean[] read = {false};
                attempt(() -> read[0] = onLink.list().contains("fsview.read"));
                return read[0] || onTarget.list().contains("fsview.written");
            case DOS:
                DosFileAttributeView dos =
                        Files.getFileAttributeView(target, DosFileAttributeView.class);
                dos.setHidden(false); // unsupported: cannot tell
                attempt(() -> Files.setAttribute(link, "dos:hidden", true, nofollow));
                return dos.readAttributes().isHidden();
            default:
                return true;
        }
    }

    /** An operation on the link: whether it fails (ELOOP, EPERM, ...) does not matter here. */
    private interface Attempt {
        void run() throws IOException;
    }

    private static void attempt(Attempt a) {
        try {
            a.run();
        } catch (IOException | RuntimeException failed) {
            // what counts is whether the target changed
        }
    }

    private static void removeTree(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            HostScratch.removeTree(dir);
        } catch (IOException | RuntimeException e) {
            // best effort: the directory is private (0700) and holds nothing of the container
        }
    }
}
