package dev.fsview.fake.nio;

import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.vfs.Stat;
import dev.fsview.fake.vfs.Vfs;
import dev.fsview.spi.errno.Errno;
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
 * {@code unix:gid}, {@code unix:ctime}), the same names, value types and error messages.
 */
final class Attributes {
    static final List<String> BASIC = List.of("lastModifiedTime", "lastAccessTime", "creationTime",
            "size", "isRegularFile", "isDirectory", "isSymbolicLink", "isOther", "fileKey");
    static final List<String> POSIX = concat(BASIC, List.of("permissions", "owner", "group"));
    static final List<String> UNIX = concat(POSIX,
            List.of("mode", "ino", "dev", "rdev", "nlink", "uid", "gid", "ctime"));
    static final List<String> OWNER = List.of("owner");

    private final Vfs vfs;
    private final Principals principals;

    Attributes(Vfs vfs, Principals principals) {
        this.vfs = vfs;
        this.principals = principals;
    }

    Principals principals() {
        return principals;
    }

    FakeAttributes read(Path p, boolean follow) throws IOException {
        try {
            return new FakeAttributes(vfs.stat(FakeFileSystemProvider.sys(p), follow), principals);
        } catch (ErrnoException e) {
            throw Errors.of(e, p);
        }
    }

    UserAttributeView user(Path p, boolean follow) {
        return new UserAttributeView(vfs, p, follow);
    }

    Map<String, Object> read(Path p, String attributes, boolean follow) throws IOException {
        int colon = attributes.indexOf(':');
        String view = colon < 0 ? "basic" : attributes.substring(0, colon);
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
                throw new IllegalArgumentException(view.equals("owner")
                        ? "'owner:" + name + "' not recognized" : "'" + name + "' not recognized");
            }
        }
        FakeAttributes a = read(p, follow);
        Map<String, Object> out = new HashMap<>();
        for (String name : wanted) {
            out.put(name, value(a, name));
        }
        return out;
    }

    private static List<String> namesOf(String view) {
        switch (view) {
            case "basic": return BASIC;
            case "posix": return POSIX;
            case "unix": return UNIX;
            case "owner": return OWNER;
            default: throw new UnsupportedOperationException("View '" + view + "' not available");
        }
    }

    private static Object value(FakeAttributes a, String name) {
        Stat st = a.stat();
        switch (name) {
            case "lastModifiedTime": return a.lastModifiedTime();
            case "lastAccessTime": return a.lastAccessTime();
            case "creationTime": return a.creationTime();
            case "size": return st.size();
            case "isRegularFile": return a.isRegularFile();
            case "isDirectory": return a.isDirectory();
            case "isSymbolicLink": return a.isSymbolicLink();
            case "isOther": return a.isOther();
            case "fileKey": return a.fileKey();
            case "permissions": return a.permissions();
            case "owner": return a.owner();
            case "group": return a.group();
            case "mode": return st.mode();
            case "ino": return st.ino();
            case "dev": return st.dev();
            case "rdev": return st.rdev();
            case "nlink": return st.nlink();
            case "uid": return st.uid();
            case "gid": return st.gid();
            case "ctime": return a.changeTime();
            default: throw new IllegalArgumentException("'" + name + "' not recognized");
        }
    }

    void set(Path p, String attribute, Object value, boolean follow) throws IOException {
        int colon = attribute.indexOf(':');
        String view = colon < 0 ? "basic" : attribute.substring(0, colon);
        String name = colon < 0 ? attribute : attribute.substring(colon + 1);
        if (view.equals("user")) {
            user(p, follow).set(name, value);
            return;
        }
        List<String> allowed = namesOf(view);
        if (!allowed.contains(name) || !setBasicOrOwner(p, name, value, follow)
                && !setPosix(p, name, value, follow) && !setUnix(p, view, name, value, follow)) {
            throw new IllegalArgumentException("'" + view + ":" + name + "' not recognized");
        }
    }

    private boolean setBasicOrOwner(Path p, String name, Object value, boolean follow)
            throws IOException {
        switch (name) {
            case "lastModifiedTime": setTimes(p, follow, (FileTime) value, null); return true;
            case "lastAccessTime": setTimes(p, follow, null, (FileTime) value); return true;
            case "creationTime": setTimes(p, follow, null, null); return true;
            case "owner": setOwner(p, follow, (UserPrincipal) value); return true;
            default: return false;
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
            case "mode": setMode(p, follow, (Integer) value); return true;
            case "uid": setOwners(p, follow, (Integer) value, -1); return true;
            case "gid": setOwners(p, follow, -1, (Integer) value); return true;
            default: return false;
        }
    }

    /** {@code BasicFileAttributeView.setTimes}: creation time cannot be set on Linux. */
    void setTimes(Path p, boolean follow, FileTime modified, FileTime accessed) throws IOException {
        if (modified == null && accessed == null) {
            return;
        }
        if (modified == null || accessed == null) {
            FakeAttributes now = read(p, follow);
            modified = modified == null ? now.lastModifiedTime() : modified;
            accessed = accessed == null ? now.lastAccessTime() : accessed;
        }
        long m = modified.to(TimeUnit.NANOSECONDS);
        long a = accessed.to(TimeUnit.NANOSECONDS);
        try {
            if (!follow && vfs.stat(FakeFileSystemProvider.sys(p), false).isSymbolicLink()) {
                // The JDK sets a link's own times with lutimes, to the microsecond.
                m -= Math.floorMod(m, 1000L);
                a -= Math.floorMod(a, 1000L);
            }
            vfs.utimens(FakeFileSystemProvider.sys(p), a, m, follow);
        } catch (ErrnoException e) {
            throw Errors.of(e, p);
        }
    }

    void setMode(Path p, boolean follow, int mode) throws IOException {
        try {
            // Like the JDK, which opens the file O_NOFOLLOW to chmod it without following: a
            // symlink then fails with ELOOP.
            if (!follow && vfs.stat(FakeFileSystemProvider.sys(p), false).isSymbolicLink()) {
                throw ErrnoException.of(Errno.ELOOP);
            }
            vfs.chmod(FakeFileSystemProvider.sys(p), mode & 07777, follow);
        } catch (ErrnoException e) {
            throw Errors.of(e, p);
        }
    }

    void setOwners(Path p, boolean follow, int uid, int gid) throws IOException {
        try {
            vfs.chown(FakeFileSystemProvider.sys(p), uid, gid, follow);
        } catch (ErrnoException e) {
            throw Errors.of(e, p);
        }
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
