package dev.fsview.cli.archive;

import dev.fsview.cli.tar.TarEntry;
import dev.fsview.cli.tar.TarType;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Archives a file tree of any {@link java.nio.file.FileSystem} — a view's, so the walk happens
 * inside the container, or the host's — the way docker's tarballer does: the top entry under a
 * chosen name, directories walked in name order, symlinks stored as symlinks and never followed
 * below the top, files with several links stored once and then as hard links, sockets skipped.
 */
public final class TreeArchiver {
    /**
     * What a tar header needs, by number: never {@code owner} or {@code group}, whose names a view
     * reads from the container's account files on every call (five times the cost of a stat).
     */
    private static final String UNIX_ATTRIBUTES =
            "unix:mode,uid,gid,size,lastModifiedTime,nlink,ino,dev,rdev,fileKey";

    private final Consumer<String> warnings;
    private final Sink items;
    private final Map<List<Object>, String> firstNameOfInode = new HashMap<>();

    private TreeArchiver(Consumer<String> warnings, Sink items) {
        this.warnings = warnings;
        this.items = items;
    }

    /** Receives a walk's entries in archive order, parents first. */
    @FunctionalInterface
    public interface Sink {
        /**
         * Takes one entry.
         *
         * @param item the entry and, for a regular file, how to open its content
         * @throws IOException to end the walk
         */
        void add(Archive.Item item) throws IOException;
    }

    /**
     * A walk whose top was read and checked, still to run: the top's errors (missing, not a
     * directory when one was required) are thrown before anything is archived or written.
     */
    public static final class Walk {
        private final Path top;
        private final String topName;
        private final Map<String, Object> topAttrs;
        private final Consumer<String> warnings;

        private Walk(
                Path top, String topName, Map<String, Object> topAttrs, Consumer<String> warnings) {
            this.top = top;
            this.topName = topName;
            this.topAttrs = topAttrs;
            this.warnings = warnings;
        }

        /**
         * Walks the tree, handing each entry to {@code sink} as soon as it is read.
         *
         * @param sink receives the entries
         * @throws IOException if an entry cannot be read, or the sink fails
         */
        public void run(Sink sink) throws IOException {
            new TreeArchiver(warnings, sink).walk(top, topName, topAttrs);
        }
    }

    /**
     * Archives a path.
     *
     * @param top the path to archive
     * @param followTop whether a symlink at {@code top} is followed (the path had a trailing
     *     {@code /} or {@code /.}); symlinks below it never are
     * @param topName the name of the top entry in the archive
     * @param warnings receives one line per skipped entry
     * @return the archive's metadata, with content opened lazily
     * @throws NotDirectoryException if {@code followTop} and the path is not a directory
     * @throws IOException if the path does not exist or cannot be read
     */
    public static Archive archive(
            Path top, boolean followTop, String topName, Consumer<String> warnings)
            throws IOException {
        List<Archive.Item> items = new ArrayList<>();
        start(top, followTop, topName, warnings).run(items::add);
        return new Archive(items);
    }

    /**
     * Reads and checks the top of a walk, to be run later, entry by entry.
     *
     * @param top the path to archive
     * @param followTop as for {@link #archive}
     * @param topName the name of the top entry in the archive
     * @param warnings receives one line per skipped entry, from the thread that runs the walk
     * @return the walk
     * @throws NotDirectoryException if {@code followTop} and the path is not a directory
     * @throws IOException if the path does not exist or cannot be read
     */
    public static Walk start(Path top, boolean followTop, String topName, Consumer<String> warnings)
            throws IOException {
        Map<String, Object> attrs = followTop
                ? Files.readAttributes(top, UNIX_ATTRIBUTES)
                : Files.readAttributes(top, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        if (followTop && TarType.DIRECTORY != typeOf(attrs)) {
            throw new NotDirectoryException(top.toString());
        }
        return new Walk(top, topName, attrs, warnings);
    }

    /**
     * A path still to visit, with its name in the archive, its attributes and, for a symlink
     * read from a listing, its target ({@code null} until read).
     */
    private record Pending(Path path, String name, Map<String, Object> attrs, String target) {}

    /** Depth-first, parents first, iteratively: a hostile tree may be very deep. */
    private void walk(Path top, String topName, Map<String, Object> topAttrs) throws IOException {
        Deque<Pending> stack = new ArrayDeque<>();
        stack.push(new Pending(top, topName, topAttrs, null));
        while (!stack.isEmpty()) {
            Pending next = stack.pop();
            if (!add(next) || typeOf(next.attrs()) != TarType.DIRECTORY) {
                continue;
            }
            List<Pending> children = list(next.path(), next.name());
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(children.get(i));
            }
        }
    }

    /**
     * A directory's entries in name order, each with its attributes, read while the listing is
     * open: a backend can then stat each entry from the listed directory (the linux view: one
     * {@code statx} of the name on the directory's fd, where a path looked up again from the
     * root costs an {@code openat2}, a {@code statx} and a {@code close}).
     */
    private static List<Pending> list(Path dir, String name) throws IOException {
        List<Pending> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String child = p.getFileName().toString();
                Map<String, Object> attrs =
                        Files.readAttributes(p, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                // Read while the listing is open, as the attributes are: a backend reads it
                // relative to the listed directory (the linux view: one readlinkat, where a
                // lookup of the path from the root costs an openat2 and a close more).
                String target = typeOf(attrs) == TarType.SYMLINK
                        ? Files.readSymbolicLink(p).toString()
                        : null;
                children.add(new Pending(p, name + "/" + child, attrs, target));
            }
        }
        children.sort(java.util.Comparator.comparing(Pending::name));
        return children;
    }

    /** Adds one entry; false if it was skipped. */
    private boolean add(Pending next) throws IOException {
        Path path = next.path();
        String name = next.name();
        Map<String, Object> attrs = next.attrs();
        int mode = (Integer) attrs.get("mode");
        if ((mode & 0170000) == 0140000) {
            warnings.accept("skipping " + name + ": sockets cannot be archived");
            return false;
        }
        TarType type = typeOf(attrs);
        long uid = number(attrs, "uid");
        long gid = number(attrs, "gid");
        Instant mtime = ((FileTime) attrs.get("lastModifiedTime")).toInstant();
        mtime = Instant.ofEpochSecond(mtime.getEpochSecond()); // docker truncates to seconds
        int perms = mode & 07777;
        switch (type) {
            case SYMLINK:
                String target = next.target() != null
                        ? next.target()
                        : Files.readSymbolicLink(path).toString();
                items.add(new Archive.Item(
                        new TarEntry(name, type, perms, uid, gid, 0, mtime, target, 0, 0), null));
                return true;
            case REGULAR:
                String earlier = hardLinkOf(attrs, name);
                if (earlier != null) {
                    items.add(new Archive.Item(
                            new TarEntry(
                                    name,
                                    TarType.HARDLINK,
                                    perms,
                                    uid,
                                    gid,
                                    0,
                                    mtime,
                                    earlier,
                                    0,
                                    0),
                            null));
                    return true;
                }
                long size = number(attrs, "size");
                Object fileKey = attrs.get("fileKey");
                // Opened only if it is still the regular file walked here (a FIFO swapped in would
                // hang the copy, a device node would copy a host device's bytes).
                items.add(new Archive.Item(
                        new TarEntry(name, type, perms, uid, gid, size, mtime, "", 0, 0),
                        () -> new Archive.FileContent(SafeOpen.openRegularFile(path, fileKey))));
                return true;
            case CHAR_DEVICE:
            case BLOCK_DEVICE:
                long rdev = number(attrs, "rdev");
                items.add(new Archive.Item(
                        new TarEntry(
                                name,
                                type,
                                perms,
                                uid,
                                gid,
                                0,
                                mtime,
                                "",
                                DevNumbers.major(rdev),
                                DevNumbers.minor(rdev)),
                        null));
                return true;
            default:
                items.add(new Archive.Item(
                        new TarEntry(name, type, perms, uid, gid, 0, mtime, "", 0, 0), null));
                return true;
        }
    }

    /** The archive name of an earlier link to the same inode, remembering this one otherwise. */
    private String hardLinkOf(Map<String, Object> attrs, String name) {
        if (number(attrs, "nlink") <= 1 || !attrs.containsKey("ino") || !attrs.containsKey("dev")) {
            return null;
        }
        List<Object> key = List.of(attrs.get("dev"), attrs.get("ino"));
        return firstNameOfInode.putIfAbsent(key, name);
    }

    static TarType typeOf(Map<String, Object> attrs) {
        int mode = (Integer) attrs.get("mode");
        switch (mode & 0170000) {
            case 0040000:
                return TarType.DIRECTORY;
            case 0120000:
                return TarType.SYMLINK;
            case 0020000:
                return TarType.CHAR_DEVICE;
            case 0060000:
                return TarType.BLOCK_DEVICE;
            case 0010000:
                return TarType.FIFO;
            default:
                return TarType.REGULAR;
        }
    }

    private static long number(Map<String, Object> attrs, String key) {
        Object v = attrs.get(key);
        return v instanceof Number ? ((Number) v).longValue() : 0;
    }
}
