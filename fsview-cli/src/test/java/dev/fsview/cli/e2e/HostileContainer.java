package dev.fsview.cli.e2e;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container root built to trip naive tools, with a read-only and a writable volume, next to a
 * host directory that nothing may ever write to:
 * <pre>
 * base/
 *   root/                        the container root
 *     etc/hostname, etc/shadow   the container's own files
 *     run/app.pid
 *     var/run -> /run            absolute symlink
 *     host -> /                  link to the root
 *     escape -> ../../../../../../../../..   a '..' chain
 *     var/lib/app/up -> ../../../../../../../../../..
 *     hostpath -> BASE/outside   absolute link to a real host path (outside exists on the host)
 *     shadow-link -> /etc/shadow
 *     dir/{a.txt, sub/b.txt}
 *     ro/ rw/                    mount points
 *     rolink -> /ro, rwlink -> /rw
 *   vol-ro/ file.txt             the read-only volume's source
 *   vol-rw/ file.txt             the writable volume's source
 *   outside/ sentinel.txt        a host directory: must never change
 * </pre>
 */
final class HostileContainer {
    static final Instant T = Instant.ofEpochSecond(1_700_000_000L);

    final Path base;
    final Path root;
    final Path volRo;
    final Path volRw;
    final Path outside;

    HostileContainer(Path base) throws IOException {
        this.base = Files.createDirectories(base).toRealPath();
        this.root = this.base.resolve("root");
        this.volRo = this.base.resolve("vol-ro");
        this.volRw = this.base.resolve("vol-rw");
        this.outside = this.base.resolve("outside");
        build();
    }

    private void build() throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/hostname"), "container\n");
        Files.writeString(root.resolve("etc/shadow"), "root:*:1:0:::::\n");
        Files.createDirectories(root.resolve("run"));
        Files.writeString(root.resolve("run/app.pid"), "42\n");
        Files.createDirectories(root.resolve("var/lib/app"));
        Files.createSymbolicLink(root.resolve("var/run"), Path.of("/run"));
        Files.createSymbolicLink(root.resolve("host"), Path.of("/"));
        Files.createSymbolicLink(root.resolve("escape"), Path.of("../../../../../../../../.."));
        Files.createSymbolicLink(
                root.resolve("var/lib/app/up"), Path.of("../../../../../../../../../.."));
        Files.createSymbolicLink(root.resolve("hostpath"), outside);
        Files.createSymbolicLink(root.resolve("shadow-link"), Path.of("/etc/shadow"));
        Files.createDirectories(root.resolve("dir/sub"));
        Files.writeString(root.resolve("dir/a.txt"), "a\n");
        Files.writeString(root.resolve("dir/sub/b.txt"), "b\n");
        Files.createDirectories(root.resolve("ro"));
        Files.createDirectories(root.resolve("rw"));
        Files.createSymbolicLink(root.resolve("rolink"), Path.of("/ro"));
        Files.createSymbolicLink(root.resolve("rwlink"), Path.of("/rw"));
        Files.createDirectories(volRo);
        Files.writeString(volRo.resolve("file.txt"), "read-only volume\n");
        Files.createDirectories(volRw);
        Files.writeString(volRw.resolve("file.txt"), "writable volume\n");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("sentinel.txt"), "host\n");
        stampTimes(base);
    }

    /** Fixed times everywhere, so outputs compare across backends and runs. */
    static void stampTimes(Path top) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                    throws IOException {
                touch(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                touch(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void touch(Path p) throws IOException {
        Files.getFileAttributeView(
                        p,
                        java.nio.file.attribute.BasicFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(T), null, null);
    }

    /** The options that choose this container for fsview, read-only volume at /ro, writable at /rw. */
    Cli cli(String backend, String... more) {
        Cli c = Cli.with(
                "--backend",
                backend,
                "--root",
                root.toString(),
                "--mount",
                "type=bind,src=" + volRo + ",dst=/ro,readonly",
                "--mount",
                "type=bind,src=" + volRw + ",dst=/rw");
        return c.and(more);
    }

    /** Every host path under base except the root and the writable volume, with its content. */
    Map<String, String> protectedState() throws IOException {
        return snapshot(base, p -> !p.startsWith(root) && !p.startsWith(volRw));
    }

    /** Every path under a directory, with its type, size and content. */
    static Map<String, String> snapshot(Path top, java.util.function.Predicate<Path> include)
            throws IOException {
        Map<String, String> state = new TreeMap<>();
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(top) && !include.test(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                state.put(top.relativize(dir) + "/", "dir " + attrs.lastModifiedTime());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                    throws IOException {
                if (include.test(file)) {
                    state.put(
                            top.relativize(file).toString(),
                            attrs.isSymbolicLink()
                                    ? "-> " + Files.readSymbolicLink(file)
                                    : Files.readString(file) + " " + attrs.lastModifiedTime());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return state;
    }
}
