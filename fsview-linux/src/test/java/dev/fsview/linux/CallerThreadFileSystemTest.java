package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * With openat2 every operation of the view's file system, and {@code view.stat}, runs on the
 * caller's thread: with the view thread held by a task, each one still completes (a hand-over
 * would wait for the task and time out here).
 */
class CallerThreadFileSystemTest extends ViewFixture {
    /** One operation of the file system, checked as it goes. */
    @FunctionalInterface
    interface Op {
        void run() throws Exception;
    }

    @Test
    void everyFileSystemOperationRunsWhileTheViewThreadIsBusy() throws Exception {
        Path root = dir("root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "croot:x:0:0::/:/bin/sh\n");
        Files.writeString(root.resolve("etc/group"), "cgroup:x:0:\n");
        Files.writeString(root.resolve("f"), "hello");
        Files.createDirectories(root.resolve("d/sub"));
        FsView view = open(ViewSpec.builder(root)
                .option("linux.resolve", "openat2")
                .mount(MountSpec.tmpfs("/t").build())
                .build());
        Path f = view.path("/f");
        Map<String, Op> ops = new LinkedHashMap<>();
        ops.put("stat", () -> assertThat(view.stat("/f").size()).isEqualTo(5));
        ops.put(
                "readAttributes",
                () -> assertThat(Files.readAttributes(f, "unix:*").get("owner").toString())
                        .isEqualTo("croot"));
        ops.put("getOwner/setOwner", () -> {
            UserPrincipal owner = view.fileSystem()
                    .getUserPrincipalLookupService()
                    .lookupPrincipalByName("croot");
            Files.setOwner(f, owner);
            assertThat(Files.getOwner(f)).isEqualTo(owner);
        });
        ops.put("setAttribute", () -> {
            Files.setAttribute(f, "basic:lastModifiedTime", FileTime.fromMillis(1_000_000));
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
            assertThat(Files.getLastModifiedTime(f).toMillis()).isEqualTo(1_000_000);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .isEqualTo("rw-r-----");
        });
        ops.put("attribute views", () -> {
            Files.getFileAttributeView(f, BasicFileAttributeView.class)
                    .setTimes(FileTime.fromMillis(2_000_000), null, null);
            PosixFileAttributeView v = Files.getFileAttributeView(
                    f, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            v.setPermissions(PosixFilePermissions.fromString("rw-------"));
            assertThat(v.readAttributes().lastModifiedTime().toMillis()).isEqualTo(2_000_000);
            assertThat(v.getOwner().getName()).isEqualTo("croot");
        });
        ops.put("create, write, read", () -> {
            Files.createDirectory(view.path("/new"));
            Files.writeString(view.path("/new/g"), "gg", StandardOpenOption.CREATE_NEW);
            assertThat(Files.readString(view.path("/new/g"))).isEqualTo("gg");
            try (FileChannel c = FileChannel.open(view.path("/new/g"), StandardOpenOption.READ)) {
                assertThat(c.map(FileChannel.MapMode.READ_ONLY, 0, 2).get()).isEqualTo((byte) 'g');
            }
        });
        ops.put("links", () -> {
            Files.createSymbolicLink(view.path("/l"), view.path("/f"));
            Files.createLink(view.path("/h"), f);
            assertThat(Files.readSymbolicLink(view.path("/l")).toString()).isEqualTo("/f");
            assertThat(Files.isSameFile(view.path("/h"), f)).isTrue();
            assertThat(view.path("/l").toRealPath().toString()).isEqualTo("/f");
            assertThat(view.path("/d/../l")
                            .toRealPath(LinkOption.NOFOLLOW_LINKS)
                            .toString())
                    .isEqualTo("/l");
            assertThat(Files.isHidden(view.path("/.x"))).isTrue();
        });
        ops.put("copy, move, across mounts", () -> {
            Files.copy(f, view.path("/c"));
            Files.move(view.path("/c"), view.path("/c2"));
            Files.move(view.path("/c2"), view.path("/t/c3"));
            Files.copy(view.path("/l"), view.path("/t/l"), LinkOption.NOFOLLOW_LINKS);
            Files.move(view.path("/t/l"), view.path("/l2"));
            assertThat(Files.readString(view.path("/t/c3"))).isEqualTo("hello");
            assertThat(Files.exists(view.path("/c2"))).isFalse();
            assertThat(Files.readSymbolicLink(view.path("/l2")).toString()).isEqualTo("/f");
        });
        ops.put("delete", () -> {
            Files.delete(view.path("/l2"));
            assertThat(Files.deleteIfExists(view.path("/l2"))).isFalse();
            assertThatThrownBy(() -> Files.delete(view.path("/l2")))
                    .isInstanceOf(NoSuchFileException.class)
                    .hasMessage("/l2");
        });
        ops.put("listing", () -> {
            try (Stream<Path> s = Files.walk(view.path("/d"))) {
                assertThat(s.count()).isEqualTo(2);
            }
            try (DirectoryStream<Path> s = Files.newDirectoryStream(view.path("/d"))) {
                SecureDirectoryStream<Path> sds = (SecureDirectoryStream<Path>) s;
                try (SeekableByteChannel c = sds.newByteChannel(
                        view.path("x"),
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                    c.write(ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)));
                }
                assertThat(Files.readString(view.path("/d/x"))).isEqualTo("x");
                sds.deleteFile(view.path("x"));
                sds.deleteDirectory(view.path("sub"));
                assertThat(s.iterator().hasNext()).isFalse();
            }
        });
        ops.put("file store", () -> {
            FileStore store = Files.getFileStore(view.path("/t"));
            assertThat(store.type()).isEqualTo("tmpfs");
            assertThat(store.toString()).isEqualTo("/t (" + store.name() + ")");
            assertThat(store.getTotalSpace()).isPositive();
            assertThat(Files.getFileStore(view.path("d"))).isEqualTo(Files.getFileStore(f));
        });
        ops.put("access", () -> assertThat(Files.isReadable(f)).isTrue());

        CountDownLatch release = new CountDownLatch(1);
        view.start(ctx -> release.await());
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            for (Map.Entry<String, Op> op : ops.entrySet()) {
                Future<?> done = caller.submit(() -> {
                    op.getValue().run();
                    return null;
                });
                try {
                    done.get(10, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError(op.getKey() + " waited for the busy view thread", e);
                }
            }
        } finally {
            release.countDown();
            caller.shutdownNow();
        }
    }
}
