package dev.fsview.testkit.differential;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One {@code java.nio.file} operation of a differential sequence, on tree paths ({@code "a/b"}).
 * Each reports its result as a string, which {@link Outcome} puts in tree terms with
 * {@link Side#normalize}, so the reference's and the view's reports compare as strings; what it
 * throws is compared by {@link Outcome} too. Times are reported only when a sequence set them
 * (before 2010), sizes and link counts only where they do not depend on the file system type (not
 * for directories, not for symlinks, whose size is the target's length).
 */
public sealed interface NioOp {
    /** The names of record components that hold tree paths. */
    Set<String> PATH_COMPONENTS = Set.of("path", "existing", "from", "to", "other");

    /** Times before this were set by a sequence; later ones are "recent". */
    Instant SET_TIMES_BEFORE = Instant.parse("2010-01-01T00:00:00Z");

    /**
     * Runs the operation on one side.
     *
     * @param side where
     * @return what it reports, in tree terms
     * @throws Exception what it throws
     */
    String run(Side side) throws Exception;

    /**
     * Returns the tree paths the operation resolves (for the escape guard): the values of its
     * components named {@code path}, {@code existing}, {@code from}, {@code to} and {@code other}.
     *
     * @return the paths
     */
    default List<String> paths() {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : getClass().getRecordComponents()) {
            if (PATH_COMPONENTS.contains(c.getName())) {
                try {
                    out.add((String) c.getAccessor().invoke(this));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    /** How {@link Write} opens the file. */
    enum WriteMode {
        /** {@code Files.write} default: CREATE, TRUNCATE_EXISTING, WRITE. */
        TRUNCATE(
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE),
        /** CREATE_NEW, WRITE. */
        CREATE_NEW(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        /** CREATE, APPEND. */
        APPEND(StandardOpenOption.CREATE, StandardOpenOption.APPEND),
        /** WRITE only: the file must exist; writes from its start without truncating. */
        EXISTING(StandardOpenOption.WRITE);

        private final OpenOption[] options;

        WriteMode(OpenOption... options) {
            this.options = options;
        }
    }

    /** {@code Files.createFile}. */
    record CreateFile(String path) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            Files.createFile(s.path(path));
            return "created";
        }
    }

    /** {@code Files.write} with a mode. */
    record Write(String path, String content, WriteMode mode) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            Files.write(s.path(path), content.getBytes(StandardCharsets.UTF_8), mode.options);
            return "written";
        }

        @Override
        public String toString() {
            return "Write[path=" + path + ", content=\"" + content.replace("\n", "\\n")
                    + "\", mode=" + mode + "]";
        }
    }

    /** {@code Files.readString}. */
    record Read(String path) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            byte[] content = Files.readAllBytes(s.path(path));
            return "\"" + new String(content, StandardCharsets.UTF_8) + "\"";
        }
    }

    /** {@code FileChannel.truncate} on a channel opened for reading and writing. */
    record Truncate(String path, int size) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            try (FileChannel ch = FileChannel.open(
                    s.path(path), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ch.truncate(size);
                ch.position(0);
                ByteBuffer one = ByteBuffer.allocate(1);
                return "size " + ch.size() + ", first byte read " + ch.read(one);
            }
        }
    }

    /** {@code Files.createDirectory}. */
    record Mkdir(String path) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            Files.createDirectory(s.path(path));
            return "created";
        }
    }

    /** {@code Files.createDirectories}. */
    record MkdirAll(String path) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            Files.createDirectories(s.path(path));
            return "created";
        }
    }

    /** {@code Files.createSymbolicLink}; an absolute target is relative to the tree's top. */
    record Symlink(String path, String target) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            Files.createSymbolicLink(s.path(path), s.relative(s.linkTarget(target)));
            return "linked";
        }
    }

    /** {@code Files.createLink}. */
    record HardLink(String path, String existing) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            Files.createLink(s.path(path), s.path(existing));
            return "linked";
        }
    }

    /** {@code Files.move}. */
    record Move(String from, String to, boolean replace) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            CopyOption[] options = replace
                    ? new CopyOption[] {StandardCopyOption.REPLACE_EXISTING}
                    : new CopyOption[0];
            return Files.move(s.path(from), s.path(to), options).toString();
        }
    }

    /** {@code Files.copy} between two paths of the same side. */
    record Copy(String from, String to, boolean replace, boolean attributes, boolean noFollow)
            implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            List<CopyOption> options = new ArrayList<>();
            if (replace) {
                options.add(StandardCopyOption.REPLACE_EXISTING);
            }
            if (attributes) {
                options.add(StandardCopyOption.COPY_ATTRIBUTES);
            }
            if (noFollow) {
                options.add(LinkOption.NOFOLLOW_LINKS);
            }
            return Files.copy(s.path(from), s.path(to), options.toArray(new CopyOption[0]))
                    .toString();
        }
    }

    /** {@code Files.delete} or {@code Files.deleteIfExists}. */
    record Delete(String path, boolean ifExists) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            if (ifExists) {
                return "deleted " + Files.deleteIfExists(s.path(path));
            }
            Files.delete(s.path(path));
            return "deleted";
        }
    }

    /** Setting POSIX permissions, following a final symlink or not. */
    record Chmod(String path, int mode, boolean noFollow) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            LinkOption[] options = linkOptions(noFollow);
            PosixFileAttributeView v =
                    Files.getFileAttributeView(s.path(path), PosixFileAttributeView.class, options);
            v.setPermissions(PosixFilePermissions.fromString(rwx(mode)));
            return "set " + rwx(mode);
        }

        @Override
        public String toString() {
            return "Chmod[path=" + path + ", mode=0" + Integer.toOctalString(mode) + ", noFollow="
                    + noFollow + "]";
        }
    }

    /** {@code Files.setLastModifiedTime} (follows a final symlink). */
    record SetTime(String path, long epochSecond) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            Files.setLastModifiedTime(
                    s.path(path), FileTime.from(Instant.ofEpochSecond(epochSecond)));
            return "set";
        }
    }

    /** {@code Files.readAttributes(path, "unix:...")}, following a final symlink or not. */
    record Stat(String path, boolean noFollow) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            LinkOption[] options = linkOptions(noFollow);
            Map<String, Object> a = Files.readAttributes(
                    s.path(path), "unix:mode,nlink,size,lastModifiedTime", options);
            int mode = (Integer) a.get("mode");
            Instant mtime = ((FileTime) a.get("lastModifiedTime")).toInstant();
            String type = type(mode);
            StringBuilder b = new StringBuilder(type).append(' ').append(rwx(mode & 0777));
            if (type.equals("file")) {
                b.append(" size ").append(a.get("size")).append(" links ").append(a.get("nlink"));
            }
            b.append(mtime.isBefore(SET_TIMES_BEFORE) ? " mtime " + mtime : " recent");
            return b.toString();
        }
    }

    /** {@code Files.newDirectoryStream}, sorted. */
    record ListDir(String path) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(s.path(path))) {
                for (Path e : entries) {
                    names.add(e.getFileName().toString());
                }
            }
            names.sort(null);
            return names.toString();
        }
    }

    /** {@code Files.walk} (not following links), sorted, with each entry's type. */
    record Walk(String path) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            try (Stream<Path> walk = Files.walk(s.path(path))) {
                return walk.map(p -> s.normalize(p.toString())
                                + (Files.isSymbolicLink(p)
                                        ? "@"
                                        : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                                                ? "/"
                                                : ""))
                        .sorted()
                        .collect(Collectors.toList())
                        .toString();
            }
        }
    }

    /** {@code Files.readSymbolicLink}. */
    record ReadLink(String path) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            return Files.readSymbolicLink(s.path(path)).toString();
        }
    }

    /** The {@code Files.exists}/{@code is...} family. */
    record Check(String path) implements NioOp {
        @Override
        public String run(Side s) {
            Path p = s.path(path);
            return "exists " + Files.exists(p) + ", lexists "
                    + Files.exists(p, LinkOption.NOFOLLOW_LINKS) + ", dir " + Files.isDirectory(p)
                    + ", file "
                    + Files.isRegularFile(p) + ", link " + Files.isSymbolicLink(p);
        }
    }

    /** {@code Path.toRealPath}, following links or not. */
    record RealPath(String path, boolean noFollow) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            Path real = noFollow
                    ? s.path(path).toRealPath(LinkOption.NOFOLLOW_LINKS)
                    : s.path(path).toRealPath();
            return real.toString();
        }
    }

    /** {@code Files.isSameFile}. */
    record SameFile(String path, String other) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            return "same " + Files.isSameFile(s.path(path), s.path(other));
        }
    }

    /**
     * Marks a sequence as starting with a mount setup (made before the view opens, on both
     * sides); where it stands in the sequence it does nothing.
     */
    record Mount(Shape shape) implements NioOp {
        @Override
        public String run(Side s) {
            return "mounted " + shape;
        }
    }

    /** A user xattr written, then read back and listed. */
    record Xattr(String path, String name) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            UserDefinedFileAttributeView v =
                    Files.getFileAttributeView(s.path(path), UserDefinedFileAttributeView.class);
            v.write(name, ByteBuffer.wrap("value".getBytes(StandardCharsets.UTF_8)));
            ByteBuffer back = ByteBuffer.allocate(v.size(name));
            v.read(name, back);
            List<String> names = new ArrayList<>(v.list());
            names.sort(null);
            return "read " + new String(back.array(), StandardCharsets.UTF_8) + ", names "
                    + names.size();
        }

        @Override
        public String toString() {
            return "Xattr[path=" + path + ", name="
                    + (name.length() > 20
                            ? "\"n\".repeat(" + name.length() + ")"
                            : "\"" + name + "\"")
                    + "]";
        }
    }

    /** {@code Files.readAttributes(path, attributes)} with a generated attribute string. */
    record ReadAttributes(String path, String attributes) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            Map<String, Object> a =
                    Files.readAttributes(s.path(path), attributes, LinkOption.NOFOLLOW_LINKS);
            return new java.util.TreeSet<>(a.keySet()).toString();
        }
    }

    /**
     * Link count, creation time and owner ids (not names: those come from each side's own
     * /etc/passwd), following a final symlink or not.
     */
    record StatMore(String path, boolean noFollow, boolean creation, boolean owner)
            implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            Map<String, Object> a = Files.readAttributes(
                    s.path(path),
                    "unix:nlink,uid,gid,creationTime,lastModifiedTime,mode",
                    linkOptions(noFollow));
            StringBuilder b = new StringBuilder();
            if (type((Integer) a.get("mode")).equals("file")) {
                b.append("links ").append(a.get("nlink"));
            }
            if (creation) {
                // whether creation is the mtime shows only once a sequence dated the mtime back:
                // a new file's birth and modification times are equal or not by the clock's tick
                Instant c = ((FileTime) a.get("creationTime")).toInstant();
                Instant m = ((FileTime) a.get("lastModifiedTime")).toInstant();
                b.append(" created ")
                        .append(c.isBefore(SET_TIMES_BEFORE) ? c : "recent")
                        .append(m.isBefore(SET_TIMES_BEFORE) && c.equals(m) ? " (=mtime)" : "");
            }
            if (owner) {
                b.append(" owner ").append(a.get("uid")).append(':').append(a.get("gid"));
            }
            return b.toString();
        }
    }

    /** Whether {@code Files.newDirectoryStream} gives a {@code SecureDirectoryStream}. */
    record StreamType(String path) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            try (DirectoryStream<Path> d = Files.newDirectoryStream(s.path(path))) {
                return d instanceof java.nio.file.SecureDirectoryStream ? "secure" : "plain";
            }
        }
    }

    /** All mode bits with {@code unix:mode} (setuid, setgid and sticky too), following links. */
    record SetMode(String path, int mode) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            Files.setAttribute(s.path(path), "unix:mode", mode);
            return "set 0" + Integer.toOctalString(mode);
        }

        @Override
        public String toString() {
            return "SetMode[path=" + path + ", mode=0" + Integer.toOctalString(mode) + "]";
        }
    }

    /** Owner and group ids with {@code unix:uid} and {@code unix:gid}. */
    record Chown(String path, int uid, boolean noFollow) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            Files.setAttribute(s.path(path), "unix:uid", uid, linkOptions(noFollow));
            Files.setAttribute(s.path(path), "unix:gid", uid, linkOptions(noFollow));
            return "owned by " + uid;
        }
    }

    /**
     * {@code Files.newByteChannel} with CREATE, WRITE and NOFOLLOW_LINKS: on another user's link
     * in a sticky world-writable directory, the kernel's {@code may_create_in_sticky} answers.
     */
    record CreateNoFollow(String path) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            Files.newByteChannel(
                            s.path(path),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS)
                    .close();
            return "opened";
        }
    }

    /**
     * Issue 17's row 7 in one step: a directory made sticky and world-writable, another user's
     * link {@code s} planted in it, and a NOFOLLOW create of that link (the kernel's
     * {@code may_create_in_sticky} refuses it).
     */
    record StickyTrap(String path) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            Path dir = s.path(path);
            Files.setAttribute(dir, "unix:mode", 01777);
            Path link = Files.createSymbolicLink(dir.resolve("s"), s.relative("f"));
            Files.setAttribute(link, "unix:uid", 1000, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(link, "unix:gid", 1000, LinkOption.NOFOLLOW_LINKS);
            new CreateNoFollow(path.isEmpty() ? "s" : path + "/s").run(s);
            return "opened";
        }
    }

    /** {@code FsView.chdir}; the reference's thread changes its own working directory. */
    record Chdir(String path) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            s.chdir(path);
            return "changed";
        }
    }

    /** The working directory: {@code getcwd} on the reference, {@code FsView.cwd()} on a view. */
    record Cwd() implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            return "cwd " + s.cwd();
        }
    }

    /** Whether two paths are on one FileStore (one mount), and whether each is read-only. */
    record SameStore(String path, String other) implements NioOp {
        @Override
        public String run(Side s) throws IOException {
            Side.Store a = s.store(path);
            Side.Store b = s.store(other);
            return "same " + a.identity().equals(b.identity()) + ", read-only " + a.readOnly() + "/"
                    + b.readOnly();
        }
    }

    /**
     * Spells permission bits as {@code rwxr-x---}.
     *
     * @param mode the bits (only the lowest nine count)
     * @return nine characters
     */
    static String rwx(int mode) {
        StringBuilder b = new StringBuilder(9);
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            b.append((mode & (0400 >> i)) != 0 ? letters.charAt(i) : '-');
        }
        return b.toString();
    }

    private static LinkOption[] linkOptions(boolean noFollow) {
        return noFollow ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS} : new LinkOption[0];
    }

    private static String type(int mode) {
        switch (mode & 0170000) {
            case 0040000:
                return "dir";
            case 0100000:
                return "file";
            case 0120000:
                return "link";
            default:
                return "special";
        }
    }
}
