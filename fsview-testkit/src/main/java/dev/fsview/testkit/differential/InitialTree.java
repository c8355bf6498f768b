package dev.fsview.testkit.differential;

import dev.fsview.testkit.HostFixture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The tree every differential sequence starts from, planted identically on both sides:
 * <pre>
 * /         0755
 * a/ a/a/ a/b/ b/ b/a/        0755
 * f         "top"    0644
 * a/f       "alpha"  0644
 * b/f       "bravo"  0644
 * a/b/f     "deep"   0644
 * l   -> a
 * a/l -> /b/f
 * b/l -> ../a
 * </pre>
 * Files and directories are dated {@link #DATED} (and their times are reported, being before
 * {@link NioOp#SET_TIMES_BEFORE}), so what preserves or changes a modification time — copying with
 * or without {@code COPY_ATTRIBUTES}, moving, writing, adding to a directory — shows.
 */
final class InitialTree {
    /** One entry: a directory (content null, target null), a file, or a link. */
    private record Entry(String path, String content, String target) {}

    private static final List<Entry> ENTRIES = List.of(
            new Entry("a", null, null),
            new Entry("a/a", null, null),
            new Entry("a/b", null, null),
            new Entry("b", null, null),
            new Entry("b/a", null, null),
            new Entry("f", "top", null),
            new Entry("a/f", "alpha", null),
            new Entry("b/f", "bravo", null),
            new Entry("a/b/f", "deep", null),
            new Entry("l", null, "a"),
            new Entry("a/l", null, "/b/f"),
            new Entry("b/l", null, "../a"));

    /** When the tree's files and directories were last modified. */
    static final Instant DATED = Instant.parse("2005-06-07T08:09:10Z");

    private InitialTree() {}

    /** Plants the tree in a directory of the JVM's default file system. */
    static void plant(Path top) throws IOException {
        // A temporary directory is made 0700; the top must look the same on both sides.
        Files.setAttribute(top, "unix:mode", 0755, LinkOption.NOFOLLOW_LINKS);
        for (Entry e : ENTRIES) {
            Path p = top.resolve(e.path);
            if (e.target != null) {
                String target = Side.reference(top).linkTarget(e.target);
                Files.createSymbolicLink(p, top.getFileSystem().getPath(target));
            } else if (e.content == null) {
                Files.createDirectory(p);
                Files.setAttribute(p, "unix:mode", 0755, LinkOption.NOFOLLOW_LINKS);
            } else {
                Files.writeString(p, e.content);
                Files.setAttribute(p, "unix:mode", 0644, LinkOption.NOFOLLOW_LINKS);
            }
        }
        for (String p : datedLastFirst()) {
            Files.getFileAttributeView(
                            p.isEmpty() ? top : top.resolve(p),
                            BasicFileAttributeView.class,
                            LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(DATED), FileTime.from(DATED), null);
        }
    }

    /** Plants the tree in a directory of a host fixture. */
    static void plant(HostFixture host, String top) throws IOException {
        host.chmod(top, 0755);
        for (Entry e : ENTRIES) {
            String p = top + "/" + e.path;
            if (e.target != null) {
                host.symlink(p, e.target);
            } else if (e.content == null) {
                host.mkdirs(p);
                host.chmod(p, 0755);
            } else {
                host.write(p, e.content.getBytes(StandardCharsets.UTF_8));
                host.chmod(p, 0644);
            }
        }
        for (String p : datedLastFirst()) {
            host.setTimes(p.isEmpty() ? top : top + "/" + p, DATED, DATED);
        }
    }

    /**
     * The files and directories, children before parents and the top last: dating a directory
     * must come after everything added to it.
     */
    private static List<String> datedLastFirst() {
        List<String> out = new ArrayList<>();
        for (Entry e : ENTRIES) {
            if (e.target == null) {
                out.add(e.path);
            }
        }
        out.sort(Comparator.comparingInt((String p) -> p.split("/").length).reversed());
        out.add("");
        return out;
    }
}
