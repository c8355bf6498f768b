package dev.fsview.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.fsview.FsView;
import dev.fsview.ViewOpenOption;
import dev.fsview.testkit.host.LoopDevice;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link ViewOpenOption} through every entry point of a view's file system
 * ({@code newByteChannel}, {@code FileChannel.open}, {@code newInputStream},
 * {@code newOutputStream}): {@code REGULAR_FILE} refuses a FIFO, a socket, a device node (even
 * with {@code allowDevices()}), a directory, and with {@code NOFOLLOW_LINKS} a symlink, without
 * opening it, so nothing blocks and no driver is reached; {@code sameFileAs} refuses a file renamed
 * over the one examined, and never reads it. A key the view did not give for the file (another
 * file's, another backend's, any other object) is {@link ViewOpenOption#FILE_REPLACED}: the file
 * is not the one examined.
 */
public abstract class ViewOpenOptionContract extends ViewContract {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final OpenOption REG = ViewOpenOption.REGULAR_FILE;

    /** One entry point: opens, reads or writes a byte, closes. */
    @FunctionalInterface
    private interface EntryPoint {
        void use(Path p, Set<OpenOption> options) throws IOException;
    }

    private static final List<EntryPoint> READS = List.of(
            (p, o) -> {
                try (SeekableByteChannel c = Files.newByteChannel(p, o)) {
                    c.read(ByteBuffer.allocate(1));
                }
            },
            (p, o) -> {
                try (FileChannel c = FileChannel.open(p, o)) {
                    c.read(ByteBuffer.allocate(1));
                }
            },
            (p, o) -> {
                try (InputStream in = Files.newInputStream(p, o.toArray(new OpenOption[0]))) {
                    in.read();
                }
            });

    private static final EntryPoint WRITE = (p, o) -> {
        try (OutputStream out = Files.newOutputStream(p, o.toArray(new OpenOption[0]))) {
            out.write('x');
        }
    };

    private static Set<OpenOption> options(OpenOption... options) {
        return new HashSet<>(List.of(options));
    }

    /** Refused by every entry point with the reason, within the time limit (nothing blocks). */
    private static void refusedEverywhere(
            FsView view, String file, String reason, OpenOption... extra) {
        Path p = view.path(file);
        List<ThrowingCallable> uses = new ArrayList<>();
        for (EntryPoint read : READS) {
            uses.add(() -> read.use(p, options(extra)));
        }
        Set<OpenOption> write = options(extra);
        write.add(StandardOpenOption.WRITE);
        uses.add(() -> WRITE.use(p, write));
        assertTimeoutPreemptively(
                LIMIT,
                () -> {
                    for (ThrowingCallable use : uses) {
                        assertThatThrownBy(use)
                                .as("%s with %s", file, List.of(extra))
                                .isInstanceOfSatisfying(FileSystemException.class, e -> {
                                    assertThat(e.getReason()).isEqualTo(reason);
                                    assertThat(e.getFile()).isEqualTo(file);
                                });
                    }
                },
                file + " was opened (a FIFO's open blocks)");
    }

    private static Object keyOf(FsView view, String file) throws IOException {
        return Files.readAttributes(
                        view.path(file), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
    }

    @Test
    void regularFileRefusesEverySpecialFileWithoutOpeningIt() throws IOException {
        String root = dir("root");
        host.mkfifo(root + "/fifo");
        host.mksocket(root + "/socket");
        host.mknod(root + "/null", false, 1, 3);
        host.mkdirs(root + "/dir");
        host.symlink(root + "/to-fifo", "fifo");
        // allowDevices(): nodev is not what stops the device node here, the inspection is.
        try (FsView view = open(spec(root).allowDevices())) {
            for (String f : List.of("/fifo", "/socket", "/null", "/dir", "/to-fifo")) {
                refusedEverywhere(view, f, ViewOpenOption.NOT_A_REGULAR_FILE, REG);
                refusedEverywhere(
                        view,
                        f,
                        ViewOpenOption.NOT_A_REGULAR_FILE,
                        REG,
                        ViewOpenOption.sameFileAs(keyOf(view, f)));
            }
        }
    }

    @Test
    void regularFileRefusesANodeOfAHostLoopDeviceWithoutReadingIt() throws IOException {
        String root = dir("root");
        if (!host.devicesReachHostDevices() || !LoopDevice.available()) {
            // inert nodes (the fake): the node of a block device is refused all the same
            host.mknod(root + "/disk", true, 7, 0);
            try (FsView view = open(spec(root).allowDevices())) {
                refusedEverywhere(view, "/disk", ViewOpenOption.NOT_A_REGULAR_FILE, REG);
            }
            return;
        }
        try (LoopDevice loop = LoopDevice.attach((byte) 0x5a)) {
            host.mknod(root + "/disk", true, loop.major(), loop.minor());
            try (FsView view = open(spec(root).allowDevices())) {
                refusedEverywhere(view, "/disk", ViewOpenOption.NOT_A_REGULAR_FILE, REG);
                // The same node without the option opens the host's device: the option did it.
                try (InputStream in = Files.newInputStream(view.path("/disk"))) {
                    assertThat(in.readNBytes(4)).containsOnly((byte) 0x5a);
                }
            }
        }
    }

    @Test
    void aSymlinkUnderNofollowLinksIsRefusedAsTheJdkRefusesIt() throws IOException {
        String root = dir("root");
        file(root + "/f", "data");
        host.symlink(root + "/link", "f");
        try (FsView view = open(spec(root))) {
            Path p = view.path("/link");
            assertTimeoutPreemptively(LIMIT, () -> {
                for (EntryPoint read : READS) {
                    assertThatThrownBy(() -> read.use(p, options(REG, LinkOption.NOFOLLOW_LINKS)))
                            .isInstanceOf(IOException.class)
                            .hasMessageStartingWith("Too many levels of symbolic links");
                }
            });
            // Followed, the link's regular target opens.
            try (InputStream in = Files.newInputStream(p, REG)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("data");
            }
        }
    }

    @Test
    void sameFileAsRefusesAFileRenamedOverTheExaminedOne() throws IOException {
        String root = dir("root");
        file(root + "/f", "examined");
        try (FsView view = open(spec(root))) {
            Object key = keyOf(view, "/f");
            file(root + "/.swap", "SWAPPED");
            host.rename(root + "/.swap", root + "/f");
            refusedEverywhere(
                    view,
                    "/f",
                    ViewOpenOption.FILE_REPLACED,
                    ViewOpenOption.sameFileAs(key),
                    REG,
                    LinkOption.NOFOLLOW_LINKS);
            refusedEverywhere(
                    view, "/f", ViewOpenOption.FILE_REPLACED, ViewOpenOption.sameFileAs(key));
            // The file there now was not written either.
            assertThat(Files.readString(view.path("/f"))).isEqualTo("SWAPPED");
        }
    }

    @Test
    void theExaminedRegularFileIsReadAndWrittenThroughEveryEntryPoint() throws IOException {
        String root = dir("root");
        file(root + "/f", "hello");
        try (FsView view = open(spec(root))) {
            Path p = view.path("/f");
            OpenOption same = ViewOpenOption.sameFileAs(keyOf(view, "/f"));
            try (SeekableByteChannel c = Files.newByteChannel(p, REG, same)) {
                assertThat(read(c)).isEqualTo("hello");
            }
            try (FileChannel c = FileChannel.open(p, REG, same, LinkOption.NOFOLLOW_LINKS)) {
                assertThat(read(c)).isEqualTo("hello");
            }
            try (InputStream in = Files.newInputStream(p, REG, same)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("hello");
            }
            try (OutputStream out =
                    Files.newOutputStream(p, REG, same, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write("bye".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(Files.readString(p)).isEqualTo("bye");
            // The write kept the inode: the key the caller holds still names it.
            assertThat(keyOf(view, "/f")).isEqualTo(((ViewOpenOption) same).fileKey());
        }
    }

    private static String read(SeekableByteChannel c) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64);
        while (c.read(b) > 0) {
            // until the end
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    @Test
    void aKeyTheViewDidNotGiveForTheFileIsFileReplaced() throws IOException {
        String root = dir("root");
        file(root + "/f", "f");
        file(root + "/g", "g");
        String other = dir("other");
        file(other + "/f", "other");
        try (FsView view = open(spec(root));
                FsView second = open(spec(other))) {
            // another file's key, another view's key for another file, an object of no backend
            for (Object key : List.of(keyOf(view, "/g"), keyOf(second, "/f"), "(dev=0,ino=0)")) {
                refusedEverywhere(
                        view, "/f", ViewOpenOption.FILE_REPLACED, ViewOpenOption.sameFileAs(key));
            }
        }
    }

    @Test
    void creationOnlyEverMakesANewRegularFile() throws IOException {
        String root = dir("root");
        host.mkfifo(root + "/fifo");
        try (FsView view = open(spec(root))) {
            // As the JDK's: options given, newOutputStream creates only with CREATE.
            try (OutputStream out =
                    Files.newOutputStream(view.path("/new"), REG, StandardOpenOption.CREATE)) {
                out.write('n');
            }
            assertThat(Files.readString(view.path("/new"))).isEqualTo("n");
            assertTimeoutPreemptively(
                    LIMIT,
                    () -> assertThatThrownBy(() -> Files.newOutputStream(
                                            view.path("/fifo"), REG, StandardOpenOption.CREATE)
                                    .close())
                            .isInstanceOfSatisfying(
                                    FileSystemException.class,
                                    e -> assertThat(e.getReason())
                                            .isEqualTo(ViewOpenOption.NOT_A_REGULAR_FILE)));
            Object key = keyOf(view, "/new");
            // sameFileAs names a file that exists: it never creates one
            assertThatThrownBy(() -> Files.newOutputStream(
                                    view.path("/missing"),
                                    ViewOpenOption.sameFileAs(key),
                                    StandardOpenOption.CREATE)
                            .close())
                    .isInstanceOf(NoSuchFileException.class);
            assertThat(Files.exists(view.path("/missing"))).isFalse();
            assertThatThrownBy(() -> Files.newOutputStream(
                                    view.path("/new"),
                                    ViewOpenOption.sameFileAs(key),
                                    StandardOpenOption.CREATE_NEW)
                            .close())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aSecureDirectoryStreamHonoursTheOptions() throws IOException {
        String root = dir("root");
        host.mkdirs(root + "/d");
        host.mkfifo(root + "/d/fifo");
        file(root + "/d/f", "data");
        try (FsView view = open(spec(root));
                DirectoryStream<Path> d = Files.newDirectoryStream(view.path("/d"))) {
            assertThat(d).isInstanceOf(SecureDirectoryStream.class);
            SecureDirectoryStream<Path> sd = (SecureDirectoryStream<Path>) d;
            Object key = keyOf(view, "/d/f");
            assertTimeoutPreemptively(LIMIT, () -> {
                // A FIFO found through the stream is refused, never opened (it would block).
                assertThatThrownBy(() -> sd.newByteChannel(
                                        view.path("fifo"), options(StandardOpenOption.READ, REG))
                                .close())
                        .isInstanceOfSatisfying(
                                FileSystemException.class,
                                e -> assertThat(e.getReason())
                                        .isEqualTo(ViewOpenOption.NOT_A_REGULAR_FILE));
                // The examined regular file is opened, and it is the one examined.
                try (SeekableByteChannel c = sd.newByteChannel(
                        view.path("f"),
                        options(StandardOpenOption.READ, REG, ViewOpenOption.sameFileAs(key)))) {
                    ByteBuffer b = ByteBuffer.allocate(8);
                    c.read(b);
                    assertThat(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8))
                            .isEqualTo("data");
                }
            });
            // Another file renamed over it is not the one examined.
            file(root + "/d/g", "other");
            host.rename(root + "/d/g", root + "/d/f");
            assertThatThrownBy(() -> sd.newByteChannel(
                                    view.path("f"),
                                    options(
                                            StandardOpenOption.READ,
                                            ViewOpenOption.sameFileAs(key)))
                            .close())
                    .isInstanceOfSatisfying(
                            FileSystemException.class,
                            e -> assertThat(e.getReason()).isEqualTo(ViewOpenOption.FILE_REPLACED));
        }
    }

    @Test
    void aTaskOfTheViewHonoursTheOptionsInItsOwnOpens() throws Exception {
        String root = dir("root");
        file(root + "/f", "data");
        host.mkfifo(root + "/fifo");
        try (FsView view = open(spec(root))) {
            String seen = assertTimeoutPreemptively(
                    LIMIT,
                    () -> view.call(ctx -> {
                        // All of this runs on the view's own thread, as a task's code does.
                        Object key = keyOf(view, "/f");
                        String read;
                        try (SeekableByteChannel c = Files.newByteChannel(
                                view.path("/f"),
                                options(
                                        StandardOpenOption.READ,
                                        REG,
                                        ViewOpenOption.sameFileAs(key)))) {
                            ByteBuffer b = ByteBuffer.allocate(8);
                            c.read(b);
                            read = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
                        }
                        String fifo =
                                reasonOf(view.path("/fifo"), options(StandardOpenOption.READ, REG));
                        Files.writeString(view.path("/g"), "other");
                        Files.move(
                                view.path("/g"),
                                view.path("/f"),
                                StandardCopyOption.REPLACE_EXISTING);
                        String replaced = reasonOf(
                                view.path("/f"),
                                options(StandardOpenOption.READ, ViewOpenOption.sameFileAs(key)));
                        return read + " | " + fifo + " | " + replaced;
                    }),
                    "a task's checked open blocked (a FIFO's open blocks)");
            assertThat(seen)
                    .isEqualTo("data | " + ViewOpenOption.NOT_A_REGULAR_FILE + " | "
                            + ViewOpenOption.FILE_REPLACED);
        }
    }

    @Test
    void aRelativePathStartsFromTheWorkingDirectoryEvenOnceItWasRemoved() throws IOException {
        String root = dir("root");
        host.mkdirs(root + "/d");
        try (FsView view = open(spec(root))) {
            view.chdir("/d");
            // The directory is removed and another takes its name: a relative open still starts
            // from the removed one (ENOENT), as the kernel's AT_FDCWD does, never from the name.
            host.deleteRecursively(root + "/d");
            host.mkdirs(root + "/d");
            file(root + "/d/f", "new");
            assertThatThrownBy(() -> Files.newByteChannel(
                                    view.path("f"), options(StandardOpenOption.READ, REG))
                            .close())
                    .isInstanceOf(NoSuchFileException.class);
        }
    }

    /** The refusal's reason of an open, or {@code "opened"}. */
    private static String reasonOf(Path p, Set<OpenOption> options) throws IOException {
        try {
            Files.newByteChannel(p, options).close();
            return "opened";
        } catch (FileSystemException e) {
            return e.getReason();
        }
    }

    @Test
    void aFileSwappedForAFifoByARacerIsNeverOpenedAsOne() throws Exception {
        String root = dir("root");
        file(root + "/f", "data");
        try (FsView view = open(spec(root))) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread racer = new Thread(
                    () -> {
                        try {
                            for (int i = 0; !stop.get(); i++) {
                                if (i % 2 == 0) {
                                    host.mkfifo(root + "/.next");
                                } else {
                                    host.write(
                                            root + "/.next",
                                            "data".getBytes(StandardCharsets.UTF_8));
                                }
                                host.rename(root + "/.next", root + "/f");
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    },
                    "fifo-swapper");
            racer.setDaemon(true);
            racer.start();
            int read = 0;
            int refused = 0;
            try {
                for (int i = 0; i < 300; i++) {
                    String got = assertTimeoutPreemptively(
                            LIMIT,
                            () -> {
                                try (InputStream in = Files.newInputStream(
                                        view.path("/f"), REG, LinkOption.NOFOLLOW_LINKS)) {
                                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                                } catch (FileSystemException e) {
                                    assertThat(e.getReason())
                                            .isEqualTo(ViewOpenOption.NOT_A_REGULAR_FILE);
                                    return null;
                                }
                            },
                            "an open blocked on the FIFO swapped in");
                    if (got == null) {
                        refused++;
                    } else {
                        assertThat(got).isEqualTo("data");
                        read++;
                    }
                }
            } finally {
                stop.set(true);
                racer.join(LIMIT.toMillis());
            }
            assertThat(racer.isAlive()).isFalse();
            assertThat(read + refused).isEqualTo(300);
        }
    }
}
