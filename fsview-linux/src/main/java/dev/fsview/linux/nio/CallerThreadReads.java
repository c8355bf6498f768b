package dev.fsview.linux.nio;

import dev.fsview.linux.resolve.ContainerAccounts;
import dev.fsview.linux.resolve.ObjectPaths;
import dev.fsview.linux.resolve.ViewRoot;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;
import dev.fsview.spi.errno.NioExceptions;
import dev.fsview.spi.nio.ViewPath;
import java.io.IOException;
import java.nio.file.AccessMode;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reads of a view's file system made on the caller's own thread: each path is looked up from
 * the {@link ViewRoot} by the kernel, then the JDK's own code reads the object found through its
 * {@code /proc/self/fd/N}, and its exceptions are renamed to the caller's path. Nothing here runs
 * on the view thread, so no code or data of the container is ever loaded by it. Owner and group
 * names come from {@link ContainerAccounts}, never from glibc's NSS.
 */
final class CallerThreadReads {
    private static final String BASIC = "lastModifiedTime,lastAccessTime,creationTime,size,"
            + "isRegularFile,isDirectory,isSymbolicLink,isOther,fileKey";
    private static final String POSIX_ALL = BASIC + ",permissions,owner,group";
    private static final String UNIX_ALL = POSIX_ALL + ",mode,ino,dev,rdev,nlink,uid,gid,ctime";

    private final ViewRoot root;
    private final ContainerAccounts accounts;

    CallerThreadReads(ViewRoot root) {
        this.root = root;
        this.accounts = new ContainerAccounts(root);
    }

    ContainerAccounts accounts() {
        return accounts;
    }

    /** An operation on the JDK path of a looked-up object. */
    @FunctionalInterface
    interface ObjectOp<T> {
        T apply(Path object) throws IOException;
    }

    /**
     * Looks a path up and applies an operation to the object found.
     *
     * @param p the view path
     * @param follow whether a final symlink is followed
     * @param op the operation on {@code /proc/self/fd/N}
     * @return its result
     * @throws IOException the JDK's exception for the view path
     */
    <T> T onObject(ViewPath p, boolean follow, ObjectOp<T> op) throws IOException {
        String file = p.toString();
        try (Fd fd = lookup(p, follow)) {
            try {
                return op.apply(ObjectPaths.of(fd));
            } catch (FileSystemException e) {
                throw ObjectPaths.rename(e, file, null);
            }
        }
    }

    private Fd lookup(ViewPath p, boolean follow) throws IOException {
        try {
            return root.lookup(p.toAbsolutePath().toString(), follow);
        } catch (SyscallException e) {
            throw NioExceptions.forAttributeRead(Errno.of(e.errno()), p.toString());
        }
    }

    static boolean follows(LinkOption... options) {
        for (LinkOption o : options) {
            if (o == LinkOption.NOFOLLOW_LINKS) {
                return false;
            }
        }
        return true;
    }

    <A extends BasicFileAttributes> A readAttributes(ViewPath p, Class<A> type,
            LinkOption... options) throws IOException {
        if (type == PosixFileAttributes.class) {
            return type.cast(posixAttributes(p, options));
        }
        return onObject(p, follows(options), o -> Files.readAttributes(o, type));
    }

    PosixFileAttributes posixAttributes(ViewPath p, LinkOption... options) throws IOException {
        Map<String, Object> m = onObject(p, follows(options),
                o -> Files.readAttributes(o, "unix:" + BASIC + ",permissions,uid,gid"));
        @SuppressWarnings("unchecked")
        Set<PosixFilePermission> perms = (Set<PosixFilePermission>) m.get("permissions");
        return new ResolvedPosixAttributes((FileTime) m.get("lastModifiedTime"),
                (FileTime) m.get("lastAccessTime"), (FileTime) m.get("creationTime"),
                (Boolean) m.get("isRegularFile"), (Boolean) m.get("isDirectory"),
                (Boolean) m.get("isSymbolicLink"), (Boolean) m.get("isOther"),
                (Long) m.get("size"), m.get("fileKey"), user((Integer) m.get("uid")),
                group((Integer) m.get("gid")), Set.copyOf(perms));
    }

    UserPrincipal user(int uid) {
        return new ViewPrincipals.User(uid, accounts.userName(uid));
    }

    GroupPrincipal group(int gid) {
        return new ViewPrincipals.Group(gid, accounts.groupName(gid));
    }

    /**
     * {@code readAttributes(path, "view:names")}: the JDK's map, except that owner and group are
     * named from the container's files (the JDK's {@code owner}, {@code posix} and {@code unix}
     * views would ask NSS).
     */
    Map<String, Object> readAttributes(ViewPath p, String attributes, LinkOption... options)
            throws IOException {
        int colon = attributes.indexOf(':');
        String view = colon < 0 ? "basic" : attributes.substring(0, colon);
        String names = colon < 0 ? attributes : attributes.substring(colon + 1);
        boolean named = view.equals("posix") || view.equals("unix") || view.equals("owner");
        if (!named) {
            return onObject(p, follows(options), o -> Files.readAttributes(o, attributes));
        }
        List<String> asked = new ArrayList<>(Arrays.asList(names.split(",", -1)));
        if (asked.contains("*")) {
            String all = view.equals("unix") ? UNIX_ALL
                    : view.equals("posix") ? POSIX_ALL : "owner";
            asked = new ArrayList<>(Arrays.asList(all.split(",")));
        }
        boolean owner = asked.remove("owner");
        boolean group = !view.equals("owner") && asked.remove("group");
        if (view.equals("owner") && !asked.isEmpty()) {
            throw new IllegalArgumentException("'" + asked.get(0) + "' not recognized");
        }
        List<String> read = new ArrayList<>(asked);
        for (String id : new String[] {"uid", "gid"}) {
            if (!read.contains(id)) {
                read.add(id);
            }
        }
        // The unix view reads every posix name too; the JDK's check of unknown names is kept.
        String readView = view.equals("posix") ? "posix" : "unix";
        List<String> posixRead = new ArrayList<>(read);
        if (readView.equals("posix")) {
            posixRead.remove("uid");
            posixRead.remove("gid");
            // Names the posix view does not know still fail as the JDK's posix view fails.
            onObjectCheck(posixRead);
        }
        Map<String, Object> m = onObject(p, follows(options),
                o -> Files.readAttributes(o, "unix:" + String.join(",", read)));
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : asked) {
            if (m.containsKey(name)) {
                out.put(name, m.get(name));
            }
        }
        if (owner) {
            out.put("owner", user((Integer) m.get("uid")));
        }
        if (group) {
            out.put("group", group((Integer) m.get("gid")));
        }
        return out;
    }

    private static void onObjectCheck(List<String> posixNames) {
        Set<String> known = Set.of(POSIX_ALL.split(","));
        for (String n : posixNames) {
            if (!known.contains(n)) {
                throw new IllegalArgumentException("'" + n + "' not recognized");
            }
        }
    }

    void checkAccess(ViewPath p, AccessMode... modes) throws IOException {
        onObject(p, true, o -> {
            o.getFileSystem().provider().checkAccess(o, modes);
            return null;
        });
    }

    String readSymbolicLink(ViewPath p) throws IOException {
        String file = p.toString();
        try (Fd fd = lookup(p, false)) {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(ObjectPaths.of(fd), BasicFileAttributes.class);
            } catch (FileSystemException e) {
                throw ObjectPaths.rename(e, file, null);
            }
            if (!a.isSymbolicLink()) {
                throw new NotLinkException(file);
            }
            try {
                return Sys.readlinkat(fd.get(), "");
            } catch (SyscallException e) {
                throw NioExceptions.forReadLink(Errno.of(e.errno()), file);
            }
        }
    }
}
