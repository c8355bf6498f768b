package dev.fsview.fake.nio;

import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.vfs.OpenFlags;
import dev.fsview.fake.vfs.Stat;
import dev.fsview.fake.vfs.Vfs;
import dev.fsview.spi.HostJdk;
import dev.fsview.spi.errno.NioExceptions;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reading and setting attributes of a view's paths, by type and by name, with the views the JDK
 * has on Linux: {@code basic}, {@code posix}, {@code owner} and {@code unix} ({@code unix:mode},
 * {@code unix:ino}, {@code unix:dev}, {@code unix:rdev}, {@code unix:nlink}, {@code unix:uid},
 * {@code unix:gid}, {@code unix:ctime}), the same names, value types and error messages. The views
 * of a {@link java.nio.file.SecureDirectoryStream} work on the entry they open relative to the
 * stream's directory, as the JDK's {@code UnixSecureDirectoryStream} does, and so fail and round
 * differently from the views of a path ({@code UnixFileAttributeViews}).
 */
final class Attributes {
    static final List<String> BASIC = List.of(
            "lastModifiedTime",
            "lastAccessTime",
            "creationTime",
            "size",
            "isRegularFile",
            "isDirectory",
            "isSymbolicLink",
            "isOther",
            "fileKey");
    static final List<String> POSIX = concat(BASIC, List.of("permissions", "owner", "group"));
    static final List<String> UNIX =
            concat(POSIX, List.of("mode", "ino", "dev", "rdev", "nlink", "uid", "gid", "ctime"));
    static final List<String> OWNER = List.of("owner");

    private final Vfs vfs;
    private final Principals principals;
    private final boolean ofSecureStream;

    Attributes(Vfs vfs, Principals principals) {
        this(vfs, principals, false);
    }

    private Attributes(Vfs vfs, Principals principals, boolean ofSecureStream) {
        this.vfs = vfs;
        this.principals = principals;
        this.ofSecureStream = ofSecureStream;
    }

    /**
     * The attributes of the entries of a secure directory stream.
     *
     * @param at the process seen from the stream's directory
     * @param principals the view's users and groups
     * @return attributes with the stream's semantics
     */
    static Attributes ofSecureStream(Vfs at, Principals principals) {
        return new Attributes(at, principals, true);
    }

    Principals principals() {
        return principals;
    }

    /** A plain {@code stat}/{@code lstat}, its errno translated as it is. */
    FakeAttributes read(Path p, boolean follow) throws IOException {
        try {
            return new FakeAttributes(vfs.stat(FakeFileSystemProvider.sys(p), follow), principals);
        } catch (ErrnoException e) {
            throw Errors.of(e, p);
        }
    }

    /**
     * What an attribute view's {@code readAttributes} gives: a path's view translates as
     * {@link NioExceptions#forAttributeRead} says; a secure stream's view does not.
     */
    FakeAttributes readForView(Path p, boolean follow) throws IOException {
        return forView(
                p,
                () -> new FakeAttributes(
                        vfs.stat(FakeFileSystemProvider.sys(p), follow), principals));
    }

    /**
     * {@link #readForView} for basic attributes only: what a walk asks of every entry, so a lazily
     * imported file's permissions, owner and link count stay on the disk.
     */
    FakeBasicAttributes readBasicForView(Path p, boolean follow) throws IOException {
        return forView(
                p,
                () -> new FakeBasicAttributes(
                        vfs.basicStat(FakeFileSystemProvider.sys(p), follow)));
    }

    /** Translates a view's errno: as it is for a secure stream, as a path's view does otherwise. */
    private <A> A forView(Path p, StatRead<A> read) throws IOException {
        try {
            return read.run();
        } catch (ErrnoException e) {
            if (ofSecureStream) {
                throw Errors.of(e, p);
            }
            throw NioExceptions.forAttributeRead(e.errno(), p.toString());
        }
    }

    /** One stat of a path, for {@link #forView}. */
    @FunctionalInterface
    private interface StatRead<A> {
        A run() throws ErrnoException;
    }

    UserAttributeView user(Path p, boolean follow) {
        return new UserAttributeView(vfs, p, follow);
    }

    Map<String, Object> read(Path p, String attributes, boolean follow) throws IOException {
        int colon = attributes.indexOf(':');
        String view = colon < 0 ? "basic" : attributes.substring(0, colon);
        if (view.isEmpty()) {
            throw new IllegalArgumentException(attributes); // ":size": the JDK's message
        }
        String names = colon < 0 ? attributes : attributes.substring(colon + 1);
        if (view.equals("user")) {
            return user(p, follow).read(names);
        }
        List<String> allowed = namesOf(view);
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : names.split(",")) {
            if (name.equals("*")) {
                wanted.addAll(allowed);
            } else if (allowed.contains(name)) {
                wanted.add(name);
            } else {
                throw new IllegalArgumentException(
                        view.equals("owner")
                                ? "'owner:" + name + "' not recognized"
                                : "'" + name + "' not recognized");
            }
        }
        FakeAttributes a = readForView(p, follow);
        Map<String, Object> out = new HashMap<>();
        for (String name : wanted) {
            out.put(name, value(a, name));
        }
        return out;
    }

    private static List<String> namesOf(String view) {
        switch (view) {
            case "basic":
                return BASIC;
            case "posix":
                return POSIX;
            case "unix":
                return UNIX;
            case "owner":
                return OWNER;
            default:
                throw new UnsupportedOperationException("View '" + view + "' not available");
        }
    }

    private static Object value(FakeAttributes a, String name) {
        Stat st = a.stat();
        switch (name) {
            case "lastModifiedTime":
                return a.lastModifiedTime();
            case "lastAccessTime":
                return a.lastAccessTime();
            case "creationTime":
                return a.creationTime();
            case "size":
                return st.size();
            case "isRegularFile":
                return a.isRegularFile();
            case "isDirectory":
                return a.isDirectory();
            case "isSymbolicLink":
                return a.isSymbolicLink();
            case "isOther":
                return a.isOther();
            case "fileKey":
                return a.fileKey();
            case "permissions":
                return a.permissions();
            case "owner":
                return a.owner();
            case "group":
                return a.group();
            case "mode":
                return st.mode();
            case "ino":
                return st.ino();
            case "dev":
                return st.dev();
            case "rdev":
                return st.rdev();
            case "nlink":
                return st.nlink();
            case "uid":
                return st.uid();
            case "gid":
                return st.gid();
            case "ctime":
                return a.changeTime();
            default:
                throw new IllegalArgumentException("'" + name + "' not recognized");
        }
    }

    void set(Path p, String attribute, Object value, boolean follow) throws IOException {
        int colon = attribute.indexOf(':');
        String view = colon < 0 ? "basic" : attribute.substring(0, colon);
        String name = colon < 0 ? attribute : attribute.substring(colon + 1);
        if (view.isEmpty()) {
            throw new IllegalArgumentException(attribute); // ":size": the JDK's message
        }
        if (view.equals("user")) {
            user(p, follow).set(name, value);
            return;
        }
        List<String> allowed = namesOf(view);
        if (!allowed.contains(name)
                || !setBasicOrOwner(p, name, value, follow)
                        && !setPosix(p, name, value, follow)
                        && !setUnix(p, view, name, value, follow)) {
            throw new IllegalArgumentException("'" + view + ":" + name + "' not recognized");
        }
    }

    private boolean setBasicOrOwner(Path p, String name, Object value, boolean follow)
            throws IOException {
        switch (name) {
            case "lastModifiedTime":
                setTimes(p, follow, (FileTime) value, null);
                return true;
            case "lastAccessTime":
                setTimes(p, follow, null, (FileTime) value);
                return true;
            case "creationTime":
                setTimes(p, follow, null, null);
                return true;
            case "owner":
                setOwner(p, follow, (UserPrincipal) value);
                return true;
            default:
                return false;
        }
    }

    private boolean setPosix(Path p, String name, Object value, boolean follow) throws IOException {
        switch (name) {
            case "permissions":
                @SuppressWarnings("unchecked")
                Set<PosixFilePermission> perms = (Set<PosixFilePermission>) value;
                setMode(p, follow, FakeAttributes.mode(perms));
                return true;
            case "group":
                setGroup(p, follow, (GroupPrincipal) value);
                return true;
            default:
                return false;
        }
    }

    private boolean setUnix(Path p, String view, String name, Object value, boolean follow)
            throws IOException {
        if (!view.equals("unix")) {
            return false;
        }
        switch (name) {
            case "mode":
                setMode(p, follow, (Integer) value);
                return true;
            case "uid":
                setOwners(p, follow, (Integer) value, -1);
                return true;
            case "gid":
                setOwners(p, follow, -1, (Integer) value);
                return true;
            default:
                return false;
        }
    }

    /**
     * {@code BasicFileAttributeView.setTimes}: creation time cannot be set on Linux. A path's view
     * opens the file and sets the times through it; where it cannot open it (a symlink not
     * followed, a socket, FIFO or device) it sets them by path, which JDKs before 24 did to the
     * microsecond. A secure stream's view only works through the entry it opens, to the
     * microsecond before JDK 24 too.
     */
    void setTimes(Path p, boolean follow, FileTime modified, FileTime accessed) throws IOException {
        if (modified == null && accessed == null && !ofSecureStream) {
            return;
        }
        boolean byPath = false;
        try {
            if (ofSecureStream) {
                openToChangeAttributes(p, follow);
            } else {
                Stat st = vfs.stat(FakeFileSystemProvider.sys(p), follow);
                byPath = st.isSymbolicLink() || st.isOther();
            }
        } catch (ErrnoException e) {
            throw Errors.of(e, p);
        }
        if (modified == null || accessed == null) {
            FakeAttributes now = read(p, follow);
            modified = modified == null ? now.lastModifiedTime() : modified;
            accessed = accessed == null ? now.lastAccessTime() : accessed;
        }
        boolean micros = (byPath || ofSecureStream) && !HostJdk.setsTimesToTheNanosecond();
        try {
            vfs.utimens(
                    FakeFileSystemProvider.sys(p),
                    nanos(accessed, micros),
                    nanos(modified, micros),
                    follow);
        } catch (ErrnoException e) {
            throw Errors.of(e, p);
        }
    }

    /** A time for {@code utimensat}, or as {@code utimes}/{@code futimes} pass it on. */
    static long nanos(FileTime t, boolean micros) {
        return micros
                ? Math.multiplyExact(t.to(TimeUnit.MICROSECONDS), 1000L)
                : t.to(TimeUnit.NANOSECONDS);
    }

    /**
     * {@code chmod}. Following links, a path's view does it by path, and so does a secure stream's
     * from JDK 25 ({@code fchmodat}); otherwise the JDK opens the file and uses the descriptor: a
     * secure stream with {@code O_NOFOLLOW} unless following; a path's view with {@code O_NOFOLLOW}
     * before JDK 22 and, since, following after all.
     */
    void setMode(Path p, boolean follow, int mode) throws IOException {
        try {
            boolean byPath =
                    follow && (!ofSecureStream || HostJdk.secureStreamsChmodWithoutOpening());
            boolean followed = follow;
            if (!byPath) {
                followed = follow
                        || !ofSecureStream
                                && HostJdk.setsPermissionsThroughALinkWhenAskedNotToFollow();
                openToChangeAttributes(p, followed);
            }
            vfs.chmod(FakeFileSystemProvider.sys(p), mode & 07777, followed);
        } catch (ErrnoException e) {
            throw Errors.of(e, p);
        }
    }

    /** {@code chown}/{@code lchown} for a path's view; through the opened entry for a secure stream's. */
    void setOwners(Path p, boolean follow, int uid, int gid) throws IOException {
        try {
            if (ofSecureStream) {
                openToChangeAttributes(p, follow);
            }
            vfs.chown(FakeFileSystemProvider.sys(p), uid, gid, follow);
        } catch (ErrnoException e) {
            throw Errors.of(e, p);
        }
    }

    /**
     * The JDK's open of a file whose attributes it changes through the descriptor:
     * {@code O_RDONLY}, with {@code O_NOFOLLOW} unless following (ELOOP on a symlink; ENXIO on the
     * fake's inert special files, as on a socket).
     */
    private void openToChangeAttributes(Path p, boolean follow) throws ErrnoException {
        int flags = OpenFlags.O_RDONLY | (follow ? 0 : OpenFlags.O_NOFOLLOW);
        vfs.open(FakeFileSystemProvider.sys(p), flags, 0).close();
    }

    void setOwner(Path p, boolean follow, UserPrincipal owner) throws IOException {
        if (owner == null) {
            throw new NullPointerException("'owner' is null");
        }
        if (!Principals.isOurs(owner)) {
            throw new ProviderMismatchException();
        }
        if (Principals.isGroup(owner)) {
            throw new IOException("'owner' parameter can't be a group");
        }
        setOwners(p, follow, Principals.id(owner), -1);
    }

    void setGroup(Path p, boolean follow, GroupPrincipal group) throws IOException {
        if (group == null) {
            throw new NullPointerException("'owner' is null");
        }
        if (!Principals.isOurs(group)) {
            throw new ProviderMismatchException();
        }
        setOwners(p, follow, -1, Principals.id(group));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
