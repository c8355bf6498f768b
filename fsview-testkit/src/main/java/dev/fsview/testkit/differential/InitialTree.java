package dev.fsview.testkit.differential;

import dev.fsview.testkit.HostFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
 */
final class InitialTree {
    /** One entry: a directory (content null, target null), a file, or a link. */
    private record Entry(String path, String content, String target) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("a", null, null), new Entry("a/a", null, null), new Entry("a/b", null, null),
            new Entry("b", null, null), new Entry("b/a", null, null),
            new Entry("f", "top", null), new Entry("a/f", "alpha", null),
            new Entry("b/f", "bravo", null), new Entry("a/b/f", "deep", null),
            new Entry("l", null, "a"),
            new Entry("a/l", null, "/b/f"), new Entry("b/l", null, "../a"));

    private InitialTree() {
    }

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
    }
}
