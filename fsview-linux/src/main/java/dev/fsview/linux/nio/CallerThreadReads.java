package dev.fsview.linux.nio;

import dev.fsview.linux.resolve.ContainerAccounts;
import dev.fsview.linux.resolve.FdAttributes;
import dev.fsview.linux.resolve.ObjectPaths;
import dev.fsview.linux.resolve.ViewRoot;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.FileIdentity;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Statx;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.AbstractFsView;
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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reads of a view's file system made on the caller's own thread: each path is looked up from
 * the {@link ViewRoot} by the kernel, then the JDK's own code reads the object found through its
 * {@code /proc/self/fd/N}, and its exceptions are renamed to the caller's path. Nothing here runs
 * on the view thread, so no code or data of the container is ever loaded by it. Owner and group
 * names come from {@link ContainerAccounts}, never from glibc's NSS. Also {@code toRealPath},
 * {@code getFileStore} and {@code isSameFile}. Without openat2, {@link #handedOver} gives the same
 * owner-naming reads with each read handed to the view thread.
 */
final class CallerThreadReads implements FdAttributes.Owners {
    private static final String BASIC = "lastModifiedTime,lastAccessTime,creationTime,size,"
            + "isRegularFile,isDirectory,isSymbolicLink,isOther,fileKey";
    private static final String POSIX_ALL = BASIC + ",permissions,owner,group";
    private static final String UNIX_ALL = POSIX_ALL + ",mode,ino,dev,rdev,nlink,uid,gid,ctime";

    private static final LinkOption[] FOLLOW = {};
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final ViewRoot root;
    private final AbstractFsView handOver;
    private final ContainerAccounts accounts;

    CallerThreadReads(ViewRoot root) {
        this.root = root;
        this.handOver = null;
        this.accounts = new ContainerAccounts(root);
    }

    private CallerThreadReads(AbstractFsView view) {
        this.root = null;
        this.handOver = view;
        this.accounts = new ContainerAccounts(
                file -> view.dispatch(() -> ContainerAccounts.readWithoutBlocking(file)));
    }

    /**
     * The attribute reads that name owners, for kernels without openat2: each read is handed to
     * the view thread, which reads numbers only (the JDK's own view there would ask glibc's NSS
     * for names, and glibc would load modules from the container); the names come from the
     * container's {@code /etc/passwd} and {@code /etc/group}, read on the view thread as files.
     * Only {@link #readAttributes}, {@link #posixAttributes}, {@link #user}, {@link #group} and
     * {@link #accounts} may be used on it.
     *
     * @param view the view whose thread reads
     * @return the reads
     */
    static CallerThreadReads handedOver(AbstractFsView view) {
        return new CallerThreadReads(view);
    }

    ContainerAccounts accounts() {
        return accounts;
    }

    /** An operation on the JDK path of a looked-up object. */
    @FunctionalInterface
    interface ObjectOp<T> {
        /**
         * Applies it.
         *
         * @param object the JDK path of the object
         * @param options the link options to give the JDK with it
         * @return the result
         * @throws IOException the JDK's failure
         */
        T apply(Path object, LinkOption[] options) throws IOException;
    }

    /**
     * Looks a path up and applies an operation to the object found; handed over, the operation
     * runs on the view thread on the path as given, with the caller's link options.
     *
     * @param p the view path
     * @param follow whether a final symlink is followed
     * @param op the operation on {@code /proc/self/fd/N}
     * @return its result
     * @throws IOException the JDK's exception for the view path
     */
    <T> T onObject(ViewPath p, boolean follow, ObjectOp<T> op) throws IOException {
        if (handOver != null) {
            Path h = HostPaths.of(p);
            return handOver.dispatch(() -> op.apply(h, follow ? FOLLOW : NOFOLLOW));
        }
        String file = p.toString();
        try (Fd fd = lookup(p, follow)) {
            try {
                return op.apply(ObjectPaths.of(fd), FOLLOW);
            } catch (FileSystemException e) {
                throw ObjectPaths.rename(e, file, null);
            }
        }
    }

    private Fd lookup(ViewPath p, boolean follow) throws IOException {
        try {
            return root.lookup(root.spell(p), follow);
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

    /**
     * Every attribute of the file a path names, from one {@code statx}: of the object found from
     * the root; or, for a path a listing gave while the listing is open, not following links, of
     * the entry relative to the listed directory's fd ({@link FdListing#attributes}), which a
     * walk asks for every entry. Where that entry is gone, the path is looked up as any other,
     * so failures are the path's.
     *
     * @param p the view path
     * @param follow whether a final symlink is followed
     * @return the attributes
     * @throws IOException the JDK's exception for the path
     */
    FdAttributes attributes(ViewPath p, boolean follow) throws IOException {
        if (!follow && p.listing() instanceof FdListing) {
            String path = p.toString();
            try {
                FdAttributes a = ((FdListing) p.listing())
                        .attributes(path.substring(path.lastIndexOf('/') + 1), this);
                if (a != null) {
                    return a;
                }
            } catch (SyscallException gone) {
                // Looked up from the root below: the failure then names what the path finds.
            }
        }
        try (Fd fd = lookup(p, follow)) {
            return FdAttributes.of(fd.get(), this);
        } catch (SyscallException e) {
            throw NioExceptions.forAttributeRead(Errno.of(e.errno()), p.toString());
        }
    }

    <A extends BasicFileAttributes> A readAttributes(
            ViewPath p, Class<A> type, LinkOption... options) throws IOException {
        if (root != null
                && (type == BasicFileAttributes.class || type == PosixFileAttributes.class)) {
            return type.cast(attributes(p, follows(options)));
        }
        if (type == PosixFileAttributes.class) {
            return type.cast(posixAttributes(p, options));
        }
        return onObject(p, follows(options), (o, l) -> Files.readAttributes(o, type, l));
    }

    PosixFileAttributes posixAttributes(ViewPath p, LinkOption... options) throws IOException {
        if (root != null) {
            return attributes(p, follows(options));
        }
        Map<String, Object> m = onObject(
                p,
                follows(options),
                (o, l) -> Files.readAttributes(o, "unix:" + BASIC + ",permissions,uid,gid", l));
        @SuppressWarnings("unchecked")
        Set<PosixFilePermission> perms = (Set<PosixFilePermission>) m.get("permissions");
        return new ResolvedPosixAttributes(
                (FileTime) m.get("lastModifiedTime"),
                (FileTime) m.get("lastAccessTime"),
                (FileTime) m.get("creationTime"),
                (Boolean) m.get("isRegularFile"),
                (Boolean) m.get("isDirectory"),
                (Boolean) m.get("isSymbolicLink"),
                (Boolean) m.get("isOther"),
                (Long) m.get("size"),
                m.get("fileKey"),
                user((Integer) m.get("uid")),
                group((Integer) m.get("gid")),
                Set.copyOf(perms));
    }

    @Override
    public UserPrincipal user(int uid) {
        return new ViewPrincipals.User(uid, accounts.userName(uid));
    }

    @Override
    public GroupPrincipal group(int gid) {
        return new ViewPrincipals.Group(gid, accounts.groupName(gid));
    }

    /**
     * {@code readAttributes(path, "view:names")}: the JDK's map, except that owner and group are
     * named from the container's files (the JDK's {@code owner}, {@code posix} and {@code unix}
     * views would ask NSS).
     */
    Map<String, Object> readAttributes(ViewPath p, String attributes, LinkOption... options)
            throws IOException {
        try {
            return namedAttributes(p, attributes, options);
        } catch (FileSystemException e) {
            // The JDK refuses a bad attribute string before any I/O: a missing file with a bad
            // string fails as the string does.
            checkAttributeString(attributes);
            throw e;
        }
    }

    /**
     * Parses an attribute string as the JDK does, on the root itself (an object that exists): an
     * {@link IllegalArgumentException} or {@link UnsupportedOperationException} for a bad one.
     */
    private void checkAttributeString(String attributes) {
        if (root == null) {
            return; // handed over: the JDK's own read checked it on the view thread
        }
        try (Fd top = root.lookup("/", true)) {
            Files.readAttributes(ObjectPaths.of(top), attributes);
        } catch (IOException unreadable) {
            // Only the string's verdict matters here.
        }
    }

    private Map<String, Object> namedAttributes(
            ViewPath p, String attributes, LinkOption... options) throws IOException {
        int colon = attributes.indexOf(':');
        String view = colon < 0 ? "basic" : attributes.substring(0, colon);
        String names = colon < 0 ? attributes : attributes.substring(colon + 1);
        if (root != null && STATX_VIEWS.containsKey(view)) {
            return fromStatx(p, attributes, view, names, options);
        }
        boolean named = view.equals("posix") || view.equals("unix") || view.equals("owner");
        if (!named) {
            return onObject(p, follows(options), (o, l) -> Files.readAttributes(o, attributes, l));
        }
        List<String> asked = new ArrayList<>(Arrays.asList(names.split(",", -1)));
        if (asked.contains("*")) {
            String all =
                    view.equals("unix") ? UNIX_ALL : view.equals("posix") ? POSIX_ALL : "owner";
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
        Map<String, Object> m = onObject(
                p,
                follows(options),
                (o, l) -> Files.readAttributes(o, "unix:" + String.join(",", read), l));
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

    /** The JDK's views that one {@code statx} answers, and the names each has. */
    private static final Map<String, List<String>> STATX_VIEWS = Map.of(
            "basic", FdAttributes.BASIC,
            "posix", concat(FdAttributes.BASIC, FdAttributes.POSIX),
            "unix", concat(FdAttributes.BASIC, FdAttributes.POSIX, FdAttributes.UNIX),
            "owner", List.of("owner"));

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return List.copyOf(all);
    }

    /**
     * The JDK's map for a {@code basic}, {@code posix}, {@code unix} or {@code owner} view from
     * one {@code statx}: names checked as the JDK checks them, before any I/O ({@code "*"} for
     * all, an unknown name an {@link IllegalArgumentException}); owner and group named only when
     * asked.
     */
    private Map<String, Object> fromStatx(
            ViewPath p, String attributeString, String view, String names, LinkOption... options)
            throws IOException {
        List<String> wanted = wanted(attributeString, view, names);
        FdAttributes a = attributes(p, follows(options));
        Map<String, Object> out = new LinkedHashMap<>(); // in the order asked
        for (String name : wanted) {
            out.put(name, a.get(name));
        }
        return out;
    }

    /**
     * The names a statx view's string asks for, parsed once per string: a walk asks for the same
     * string for every entry, and splitting it each time was a tenth of a walk's allocations.
     */
    private static final Map<String, List<String>> PARSED = new ConcurrentHashMap<>();

    /** Parsed strings kept at most: a caller building strings at will cannot grow the cache. */
    private static final int PARSED_MAX = 64;

    private static List<String> wanted(String attributeString, String view, String names) {
        // Keyed by the string as asked ("size" and "basic:size" are two keys, one parse each):
        // no string is built per call.
        List<String> cached = PARSED.get(attributeString);
        if (cached != null) {
            return cached;
        }
        List<String> parsed = parse(view, names);
        if (PARSED.size() < PARSED_MAX) {
            PARSED.put(attributeString, parsed);
        }
        return parsed;
    }

    private static List<String> parse(String view, String names) {
        List<String> allowed = STATX_VIEWS.get(view);
        List<String> wanted = new ArrayList<>();
        for (String name : names.split(",")) {
            if (name.equals("*")) {
                wanted = allowed;
                continue;
            }
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(
                        "'" + (view.equals("owner") ? "owner:" : "") + name + "' not recognized");
            }
            if (wanted != allowed) {
                wanted.add(name);
            }
        }
        return List.copyOf(wanted);
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
        onObject(p, true, (o, l) -> {
            o.getFileSystem().provider().checkAccess(o, modes);
            return null;
        });
    }

    /** Paths this long or longer are refused by the kernel's lookup (ENAMETOOLONG), not by realpath. */
    private static final int PATH_MAX = 4096;

    /**
     * {@code toRealPath}, as the JDK's: following links, what {@code realpath(3)} gives inside the
     * root, failures naming the path as given; not following, the absolute path with "." and the
     * ".." after a non-link removed, checked to exist, failures naming that path.
     */
    String realPath(ViewPath p, boolean follow) throws IOException {
        String abs = p.toAbsolutePath().toString();
        if (!follow) {
            return realPathNoFollow(abs);
        }
        try {
            if (abs.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < PATH_MAX) {
                try (Fd o = root.lookup(root.spell(p), true)) {
                    return root.pathOf(o);
                }
            }
            return realPathByComponents(abs);
        } catch (SyscallException e) {
            throw NioExceptions.of(Errno.of(e.errno()), p.toString(), null);
        }
    }

    /**
     * glibc's {@code realpath} for a path too long for one lookup: one component at a time, links
     * spliced in (absolute ones from the root), at most {@link Linux#MAX_SYMLINKS} of them.
     */
    private String realPathByComponents(String abs) throws SyscallException, IOException {
        java.util.Deque<String> rest = new java.util.ArrayDeque<>();
        for (String c : abs.split("/")) {
            if (!c.isEmpty()) {
                rest.addLast(c);
            }
        }
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!rest.isEmpty()) {
            String c = rest.pollFirst();
            if (c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            String candidate = "/" + String.join("/", done) + (done.isEmpty() ? "" : "/") + c;
            try (Fd f = root.lookup(candidate, false)) {
                Statx st = Sys.statx(f.get(), "", Linux.AT_EMPTY_PATH | Linux.AT_SYMLINK_NOFOLLOW);
                if (st.isSymlink()) {
                    if (++links > Linux.MAX_SYMLINKS) {
                        throw new SyscallException("realpath", candidate, Errno.ELOOP.number());
                    }
                    String target = Sys.readlinkat(f.get(), "");
                    String[] parts = target.split("/");
                    for (int i = parts.length - 1; i >= 0; i--) {
                        if (!parts[i].isEmpty()) {
                            rest.addFirst(parts[i]);
                        }
                    }
                    if (target.startsWith("/")) {
                        done.clear();
                    }
                    continue;
                }
                if (!st.isDirectory() && !rest.isEmpty()) {
                    throw new SyscallException("realpath", candidate, Errno.ENOTDIR.number());
                }
                done.add(c);
            }
        }
        return "/" + String.join("/", done);
    }

    private String realPathNoFollow(String abs) throws IOException {
        List<String> result = new ArrayList<>();
        for (String c : abs.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                String here = "/" + String.join("/", result);
                // ".." after a link is kept: the link's target decides where it leads.
                if (!isSymlink(here)) {
                    if (!result.isEmpty()) {
                        result.remove(result.size() - 1);
                    }
                    continue;
                }
            }
            result.add(c);
        }
        String real = "/" + String.join("/", result);
        isSymlink(real);
        return real;
    }

    private boolean isSymlink(String absolute) throws IOException {
        try (Fd f = root.lookup(absolute, false)) {
            return Sys.statx(f.get(), "", Linux.AT_EMPTY_PATH | Linux.AT_SYMLINK_NOFOLLOW)
                    .isSymlink();
        } catch (SyscallException e) {
            throw NioExceptions.of(Errno.of(e.errno()), absolute, null);
        }
    }

    /**
     * {@code isSameFile} of two view paths that are not equal: both looked up following links,
     * the same object when device and inode are. A failure is reported as the JDK's own
     * {@code isSameFile} reports it, not as an attribute read: ENOTDIR stays "Not a directory" on
     * JDK 25, where {@code readAttributes} says {@code NoSuchFileException} (JDK-8356678).
     */
    boolean isSameFile(ViewPath a, ViewPath b) throws IOException {
        FileIdentity ia = identity(a);
        FileIdentity ib = identity(b);
        return ia.dev() == ib.dev() && ia.ino() == ib.ino();
    }

    private FileIdentity identity(ViewPath p) throws IOException {
        try (Fd o = root.lookup(root.spell(p), true)) {
            return Sys.identity(o.get(), "", Linux.AT_EMPTY_PATH);
        } catch (SyscallException e) {
            throw NioExceptions.of(Errno.of(e.errno()), p.toString(), null);
        }
    }

    /**
     * {@code getFileStore}, as the JDK's: the file looked up following links (failures as the
     * JDK's, naming the path as given); the store is that of the mount its fd is on.
     */
    LinuxViewFileStore fileStore(ViewPath p) throws IOException {
        String spelled = root.spell(p);
        String file = p.toString();
        try (Fd o = root.lookup(spelled, true)) {
            return LinuxViewFileStore.of(
                    root.mounts(), Sys.mountId(o.get()), Sys.fstatfs(o.get()), () -> {
                        try (Fd again = root.lookup(spelled, true)) {
                            return Sys.fstatfs(again.get());
                        } catch (SyscallException e) {
                            throw NioExceptions.of(Errno.of(e.errno()), file, null);
                        }
                    });
        } catch (SyscallException e) {
            throw NioExceptions.of(Errno.of(e.errno()), file, null);
        }
    }

    /**
     * {@code readSymbolicLink}: the link looked up without following it. A lookup failure is
     * reported as the JDK's {@code readlink} reports it, not as an attribute read: ENOTDIR stays
     * "Not a directory" on JDK 25 (JDK-8356678 changed attribute reads only).
     */
    String readSymbolicLink(ViewPath p) throws IOException {
        String file = p.toString();
        if (p.listing() instanceof FdListing) {
            try {
                String target = ((FdListing) p.listing())
                        .readLink(file.substring(file.lastIndexOf('/') + 1));
                if (target != null) {
                    return target;
                }
            } catch (SyscallException changed) {
                // Gone or no longer a link: looked up from the root below, so the failure names
                // what the path finds now.
            }
        }
        Fd found;
        try {
            found = root.lookup(root.spell(p), false);
        } catch (SyscallException e) {
            throw NioExceptions.of(Errno.of(e.errno()), file, null);
        }
        try (Fd fd = found) {
            return Sys.readlinkat(fd.get(), "");
        } catch (SyscallException e) {
            // readlinkat(fd, "") of an object that is not a symlink fails with ENOENT (the fd
            // pins the object, so it is never gone): one syscall where a JDK stat of the fd's
            // /proc/self/fd/N first cost a path walk of /proc and a statx for every link.
            if (Errno.of(e.errno()) == Errno.ENOENT) {
                throw new NotLinkException(file);
            }
            throw NioExceptions.forReadLink(Errno.of(e.errno()), file);
        }
    }
}
