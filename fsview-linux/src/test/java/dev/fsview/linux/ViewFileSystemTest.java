package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The view as a java.nio file system, used from outside and inside tasks, and its cwd. */
class ViewFileSystemTest extends ViewFixture {
    private Path root;
    private FsView view;
    private FileSystem fs;

    @BeforeEach
    void openView() throws Exception {
        root = dir("root");
        dir("root/etc");
        Files.writeString(root.resolve("etc/hostname"), "container");
        dir("root/work/sub");
        Files.writeString(root.resolve("work/rel.txt"), "relative");
        Files.createSymbolicLink(root.resolve("link-to-work"), Path.of("/work"));
        Path ro = dir("ro");
        Files.writeString(ro.resolve("r.txt"), "read only");
        view = open(
                ViewSpec.builder(root).mount(MountSpec.bind(ro, "/ro").build()).build());
        fs = view.fileSystem();
    }

    @Test
    void exceptionsAreTheJdksOwnWithThePathAsSpelled() {
        assertThatThrownBy(() -> Files.readString(fs.getPath("/missing")))
                .isExactlyInstanceOf(NoSuchFileException.class)
                .hasMessage("/missing");
        assertThatThrownBy(() -> Files.readString(fs.getPath("missing")))
                .isExactlyInstanceOf(NoSuchFileException.class)
                .hasMessage("missing");
        assertThatThrownBy(() -> Files.createDirectory(fs.getPath("/etc")))
                .isExactlyInstanceOf(FileAlreadyExistsException.class)
                .hasMessage("/etc");
        assertThatThrownBy(() -> Files.delete(fs.getPath("/work")))
                .isExactlyInstanceOf(DirectoryNotEmptyException.class);
        assertThatThrownBy(() -> Files.readSymbolicLink(fs.getPath("/etc/hostname")))
                .isExactlyInstanceOf(NotLinkException.class)
                .hasMessage("/etc/hostname");
        // readlinkat(fd, "") of a directory's fd fails as a file's does (ENOENT): not a link.
        assertThatThrownBy(() -> Files.readSymbolicLink(fs.getPath("/etc")))
                .isExactlyInstanceOf(NotLinkException.class)
                .hasMessage("/etc");
        assertThatThrownBy(() -> Files.newDirectoryStream(fs.getPath("/etc/hostname")))
                .isExactlyInstanceOf(NotDirectoryException.class);
    }

    @Test
    void aLinkOfAnOpenListingIsReadFromTheListedDirectoryAndChangesAreSeen() throws Exception {
        Files.createSymbolicLink(root.resolve("work/abs"), Path.of("/etc/hostname"));
        Files.createSymbolicLink(root.resolve("work/rel"), Path.of("../etc"));
        Files.createSymbolicLink(root.resolve("work/swapped"), Path.of("/before"));
        Files.createSymbolicLink(root.resolve("work/gone"), Path.of("/gone"));
        Map<String, String> read = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fs.getPath("/work"))) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.equals("swapped")) {
                    // Swapped for a file after the listing gave it: no longer a link.
                    Files.delete(root.resolve("work/swapped"));
                    Files.writeString(root.resolve("work/swapped"), "a file now");
                    assertThatThrownBy(() -> Files.readSymbolicLink(p))
                            .isExactlyInstanceOf(NotLinkException.class)
                            .hasMessage("/work/swapped");
                } else if (name.equals("gone")) {
                    Files.delete(root.resolve("work/gone"));
                    assertThatThrownBy(() -> Files.readSymbolicLink(p))
                            .isExactlyInstanceOf(NoSuchFileException.class)
                            .hasMessage("/work/gone");
                } else if (Files.isSymbolicLink(p)) {
                    read.put(name, Files.readSymbolicLink(p).toString());
                }
            }
        }
        assertThat(read).containsExactly(entry("abs", "/etc/hostname"), entry("rel", "../etc"));
        // Once the listing is closed, its paths are looked up from the root as any other.
        Path later;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fs.getPath("/work"), "abs")) {
            later = entries.iterator().next();
        }
        Files.delete(root.resolve("work/abs"));
        Files.createSymbolicLink(root.resolve("work/abs"), Path.of("/retargeted"));
        assertThat(Files.readSymbolicLink(later).toString()).isEqualTo("/retargeted");
    }

    @Test
    void anAttributeStringAskedAgainGivesAFreshMapAndABadOneFailsEveryTime() throws Exception {
        Path hostname = fs.getPath("/etc/hostname");
        Map<String, Object> first = Files.readAttributes(hostname, "unix:mode,ino,size");
        first.put("size", -1L); // the JDK's map is the caller's own: so is the view's
        assertThat(Files.readAttributes(hostname, "unix:mode,ino,size"))
                .containsOnlyKeys("mode", "ino", "size")
                .containsEntry("size", 9L);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> Files.readAttributes(hostname, "unix:mode,bogus"))
                    .isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'bogus' not recognized");
        }
        // More distinct strings than are kept parsed: each still answered as asked.
        String[] names = {"mode", "ino", "size", "nlink", "uid", "gid", "dev", "rdev"};
        for (int i = 1; i < 1 << names.length; i++) {
            List<String> asked = new ArrayList<>();
            for (int b = 0; b < names.length; b++) {
                if ((i & 1 << b) != 0) {
                    asked.add(names[b]);
                }
            }
            assertThat(Files.readAttributes(hostname, "unix:" + String.join(",", asked)))
                    .containsOnlyKeys(asked);
        }
    }

    @Test
    void channelsOpenedInTheViewAreUsableFromAnyThread() throws Exception {
        SeekableByteChannel ch = Files.newByteChannel(fs.getPath("/etc/hostname"));
        String read = CompletableFuture.supplyAsync(() -> {
                    try (ch) {
                        ByteBuffer b = ByteBuffer.allocate(64);
                        ch.read(b);
                        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .get();
        assertThat(read).isEqualTo("container");
        try (InputStream in = Files.newInputStream(fs.getPath("/ro/r.txt"))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("read only");
        }
    }

    @Test
    void writesCreatesMovesAndDeletesLandInTheRoot() throws Exception {
        Files.writeString(fs.getPath("/work/new.txt"), "n", StandardOpenOption.CREATE_NEW);
        Files.copy(fs.getPath("/work/new.txt"), fs.getPath("/work/copy.txt"));
        Files.move(fs.getPath("/work/copy.txt"), fs.getPath("/work/moved.txt"));
        Files.createSymbolicLink(fs.getPath("/work/l"), fs.getPath("/etc/hostname"));
        Files.createLink(fs.getPath("/work/h"), fs.getPath("/work/new.txt"));
        assertThat(root.resolve("work/moved.txt")).hasContent("n");
        assertThat(Files.readSymbolicLink(root.resolve("work/l")).toString())
                .isEqualTo("/etc/hostname");
        assertThat(Files.readString(fs.getPath("/work/l"))).isEqualTo("container");
        assertThat(Files.isSameFile(fs.getPath("/work/h"), fs.getPath("/work/new.txt")))
                .isTrue();
        Files.delete(fs.getPath("/work/h"));
        assertThat(Files.deleteIfExists(fs.getPath("/work/h"))).isFalse();
    }

    @Test
    void directoryStreamsGiveViewPathsAndAreSecureStreamsThatStayInTheView() throws Exception {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(fs.getPath("/work"))) {
            // With openat2, a SecureDirectoryStream as the JDK's on Linux; its relative paths
            // resolve inside the root: the absolute link /link-to-work leads to the container's
            // /work, never to a host directory of that name.
            SecureDirectoryStream<Path> sds = (SecureDirectoryStream<Path>) s;
            try (var in = sds.newByteChannel(
                    fs.getPath("../link-to-work/rel.txt"),
                    java.util.Set.of(java.nio.file.StandardOpenOption.READ))) {
                assertThat(in.size()).isEqualTo("relative".length());
            }
            try (SecureDirectoryStream<Path> sub = sds.newDirectoryStream(fs.getPath("sub"))) {
                assertThat(sub.iterator().hasNext()).isFalse();
            }
            assertThatThrownBy(() -> sds.deleteFile(fs.getPath("missing")))
                    .isExactlyInstanceOf(NoSuchFileException.class)
                    .hasMessage("missing");
            List<String> names = new ArrayList<>();
            for (Path p : s) {
                assertThat(p.getFileSystem()).isSameAs(fs);
                names.add(p.toString());
            }
            assertThat(names).containsExactlyInAnyOrder("/work/sub", "/work/rel.txt");
        }
        try (Stream<Path> walk = Files.walk(fs.getPath("/"))) {
            assertThat(walk.map(Path::toString).collect(Collectors.toList()))
                    .contains("/etc/hostname", "/work/sub", "/ro/r.txt");
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(fs.getPath("/work"), "*.txt")) {
            assertThat(s).extracting(Path::toString).containsExactly("/work/rel.txt");
        }
    }

    @Test
    void attributeViewsAreCarriedIntoTheView() throws Exception {
        Path p = fs.getPath("/etc/hostname");
        PosixFileAttributeView v = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        v.setPermissions(PosixFilePermissions.fromString("rw-------"));
        assertThat(PosixFilePermissions.toString(v.readAttributes().permissions()))
                .isEqualTo("rw-------");
        Map<String, Object> unix = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        assertThat((Integer) unix.get("mode") & 0777).isEqualTo(0600);
        assertThat(unix).containsKeys("ino", "dev", "nlink", "uid", "gid");
        assertThat(Files.isSymbolicLink(fs.getPath("/link-to-work"))).isTrue();
    }

    @Test
    void fileStoresComeFromStatfsInTheView() throws Exception {
        assertThat(Files.getFileStore(fs.getPath("/ro/r.txt")).isReadOnly()).isTrue();
        assertThat(Files.getFileStore(fs.getPath("/etc")).isReadOnly()).isFalse();
        assertThat(Files.getFileStore(fs.getPath("/etc")).getTotalSpace()).isPositive();
        assertThatThrownBy(() -> Files.getFileStore(fs.getPath("/missing")))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(fs.getFileStores()).hasSize(1);
    }

    @Test
    void fileStoreOfAPathThroughAFileFailsAsTheJdkDoes() {
        // JDK 25 turned ENOTDIR into NoSuchFileException for attribute reads (JDK-8356678), but
        // not for getFileStore: the view must not borrow the attribute read's translation.
        Throwable jdk = catchThrowable(() -> Files.getFileStore(root.resolve("etc/hostname/x")));
        Throwable viewed = catchThrowable(() -> Files.getFileStore(fs.getPath("/etc/hostname/x")));
        assertThat(jdk).isNotNull();
        assertThat(viewed).isExactlyInstanceOf(jdk.getClass());
        assertThat(((FileSystemException) viewed).getReason())
                .isEqualTo(((FileSystemException) jdk).getReason())
                .isEqualTo("Not a directory");
    }

    @Test
    void realPathsAndUrisStayInsideTheView() throws Exception {
        assertThat(fs.getPath("/link-to-work/rel.txt").toRealPath().toString())
                .isEqualTo("/work/rel.txt");
        assertThat(fs.getPath("/link-to-work")
                        .toRealPath(LinkOption.NOFOLLOW_LINKS)
                        .toString())
                .isEqualTo("/link-to-work");
        Path p = fs.getPath("/etc/hostname");
        assertThat(fs.provider().getPath(p.toUri())).isEqualTo(p);
        assertThat(p.toUri().getScheme()).isEqualTo("fsview");
    }

    @Test
    void chdirMovesTheKernelCwdSoJavaIoRelativePathsAgree() throws Exception {
        view.chdir("/link-to-work");
        assertThat(view.cwd()).isEqualTo("/work");
        String viaIo = view.call(ctx -> {
            try (FileInputStream in = new FileInputStream("rel.txt")) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        String viaNio = view.call(ctx -> Files.readString(Path.of("rel.txt")));
        assertThat(viaIo).isEqualTo("relative");
        assertThat(viaNio).isEqualTo("relative");
        assertThat(Files.readString(fs.getPath("rel.txt"))).isEqualTo("relative");
        assertThat(fs.getPath("rel.txt").toAbsolutePath().toString()).isEqualTo("/work/rel.txt");
        assertThat(view.stat("rel.txt").size()).isEqualTo(8);
        view.chdir("sub");
        assertThat(view.cwd()).isEqualTo("/work/sub");
        view.chdir("../../..");
        assertThat(view.cwd()).isEqualTo("/");
    }

    @Test
    void chdirRefusesWhatIsNotADirectory() {
        assertThatThrownBy(() -> view.chdir("/etc/hostname"))
                .isExactlyInstanceOf(NotDirectoryException.class);
        assertThatThrownBy(() -> view.chdir("/nowhere"))
                .isExactlyInstanceOf(NoSuchFileException.class);
        assertThat(view.cwd()).isEqualTo("/");
    }

    @Test
    void aTasksErrorsAndExceptionsComeBackUnchanged() {
        AssertionError error = new AssertionError("from the task");
        assertThatThrownBy(() -> view.run(ctx -> {
                    throw error;
                }))
                .isSameAs(error);
        IOException io = new IOException("io");
        assertThatThrownBy(() -> view.run(ctx -> {
                    throw io;
                }))
                .isSameAs(io);
    }

    @Test
    void insideATaskTheFileSystemRunsInline() throws Exception {
        String r = view.call(ctx -> {
            Files.writeString(ctx.path("/work/inline.txt"), "i");
            return Files.readString(ctx.fileSystem().getPath("/work/inline.txt"));
        });
        assertThat(r).isEqualTo("i");
    }

    @Test
    void closingTheFileSystemClosesTheView() throws Exception {
        fs.close();
        assertThat(view.isOpen()).isFalse();
        assertThat(fs.isOpen()).isFalse();
        assertThatThrownBy(() -> Files.readString(fs.getPath("/etc/hostname")))
                .isInstanceOf(dev.fsview.ViewClosedException.class);
    }

    @Test
    void asynchronousChannelsAndEveryAttributeViewWork() throws Exception {
        try (var ch = java.nio.channels.AsynchronousFileChannel.open(fs.getPath("/etc/hostname"))) {
            ByteBuffer b = ByteBuffer.allocate(64);
            int n = ch.read(b, 0).get();
            assertThat(new String(b.array(), 0, n, StandardCharsets.UTF_8)).isEqualTo("container");
        }
        Path p = fs.getPath("/etc/hostname");
        var user = Files.getFileAttributeView(
                p, java.nio.file.attribute.UserDefinedFileAttributeView.class);
        user.write("fsview", ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)));
        assertThat(user.list()).contains("fsview");
        // Names come from the container's own /etc/passwd, never from NSS; it has none: numeric.
        assertThat(Files.getFileAttributeView(
                                p, java.nio.file.attribute.FileOwnerAttributeView.class)
                        .getOwner()
                        .getName())
                .isEqualTo("0");
        assertThat(Files.readAttributes(p, java.nio.file.attribute.DosFileAttributes.class)
                        .isReadOnly())
                .isFalse();
        assertThat(user.name()).isEqualTo("user");
    }
}
