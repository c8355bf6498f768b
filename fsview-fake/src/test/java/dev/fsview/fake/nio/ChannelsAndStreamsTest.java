package dev.fsview.fake.nio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.fake.Oracle;
import dev.fsview.spi.HostJdk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** File channels' extras and the streams, against the real kernel where it can answer. */
class ChannelsAndStreamsTest {
    @TempDir
    Path tmp;

    Oracle oracle;

    @BeforeEach
    void open() throws IOException {
        oracle = new Oracle(tmp);
    }

    @AfterEach
    void close() throws IOException {
        oracle.close();
    }

    @Test
    void transferToAndFromCopyTheBytesAndStopAtTheEnd() {
        oracle.same(b -> {
                    Files.writeString(b.resolve("src"), "0123456789");
                    try (FileChannel in = FileChannel.open(b.resolve("src"));
                            FileChannel out = FileChannel.open(
                                    b.resolve("dst"),
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.WRITE,
                                    StandardOpenOption.READ)) {
                        long to = in.transferTo(2, 100, out);
                        long from = out.transferFrom(
                                Channels.newChannel(new java.io.ByteArrayInputStream(
                                        "ab".getBytes(StandardCharsets.US_ASCII))),
                                3,
                                10);
                        long past = out.transferFrom(
                                Channels.newChannel(new java.io.ByteArrayInputStream(
                                        "zz".getBytes(StandardCharsets.US_ASCII))),
                                100,
                                10);
                        return List.of(to, from, past, Files.readString(b.resolve("dst")));
                    }
                })
                .returned(
                        HostJdk.transferFromPastTheEndExtendsTheFile()
                                ? List.of(8L, 2L, 2L, "234ab789" + "\0".repeat(92) + "zz")
                                : List.of(8L, 2L, 0L, "234ab789"));
    }

    @Test
    void streamsAreTheJdksDefaultsOverTheChannels() {
        oracle.same(b -> {
                    try (OutputStream out = Files.newOutputStream(b.resolve("f"))) {
                        out.write("line1\nline2\n".getBytes(StandardCharsets.UTF_8));
                    }
                    try (OutputStream out =
                            Files.newOutputStream(b.resolve("f"), StandardOpenOption.APPEND)) {
                        out.write('!');
                    }
                    try (InputStream in = Files.newInputStream(b.resolve("f"))) {
                        in.skip(2);
                        return List.of(
                                in.available(),
                                new String(in.readAllBytes(), StandardCharsets.UTF_8),
                                Files.readAllLines(b.resolve("f")));
                    }
                })
                .returned(List.of(11, "ne1\nline2\n!", List.of("line1", "line2", "!")));
        oracle.same(b -> Files.newInputStream(b.resolve("f"), StandardOpenOption.WRITE))
                .threw(UnsupportedOperationException.class, "'WRITE' not allowed");
        oracle.same(b -> Files.newOutputStream(b.resolve("f"), StandardOpenOption.READ))
                .threw(IllegalArgumentException.class, "READ not allowed");
    }

    @Test
    void locksAreAdvisoryInProcessAndCheckTheAccessMode() throws Exception {
        Path f = oracle.fakeBase().resolve("locked");
        Files.writeString(f, "x");
        try (FileChannel a =
                        FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileChannel b = FileChannel.open(f, StandardOpenOption.READ)) {
            FileLock lock = a.lock(0, 10, false);
            assertThat(lock.isValid()).isTrue();
            assertThatThrownBy(() -> b.tryLock(5, 10, true))
                    .isInstanceOf(OverlappingFileLockException.class);
            assertThatThrownBy(() -> b.lock(20, 1, false))
                    .isInstanceOf(NonWritableChannelException.class);
            assertThat(b.tryLock(20, 5, true)).isNotNull();
            lock.release();
            assertThat(lock.isValid()).isFalse();
            assertThat(b.tryLock(0, 5, true).isShared()).isTrue();
        }
        try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
            assertThat(c.tryLock()).isNotNull();
        }
    }

    @Test
    void specialFilesAreInertNodesThatCannotBeOpened() throws Exception {
        oracle.host()
                .fifo("/srv/root" + tmp + "/fifo")
                .charDevice("/srv/root" + tmp + "/null", 1, 3);
        Path fifo = oracle.fakeBase().resolve("fifo");
        assertThat(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class)
                        .isOther())
                .isTrue();
        assertThat(Files.readAttributes(fifo, "unix:mode").get("mode")).isEqualTo(0010644);
        assertThat(Files.getAttribute(oracle.fakeBase().resolve("null"), "unix:rdev"))
                .isEqualTo(259L);
        assertThatThrownBy(() -> Files.newByteChannel(fifo))
                .isInstanceOf(FileSystemException.class)
                .hasMessageEndingWith("No such device or address");
        Files.move(oracle.fakeBase().resolve("null"), oracle.fakeBase().resolve("null2"));
        assertThat(Files.exists(oracle.fakeBase().resolve("null2"), LinkOption.NOFOLLOW_LINKS))
                .isTrue();
        Files.delete(fifo);
    }

    @Test
    void theChannelOfAnUnlinkedFileKeepsItsContent() throws Exception {
        oracle.same(b -> {
                    Files.writeString(b.resolve("f"), "still here");
                    try (FileChannel ch = FileChannel.open(b.resolve("f"))) {
                        Files.delete(b.resolve("f"));
                        ByteBuffer buf = ByteBuffer.allocate(20);
                        ch.read(buf);
                        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
                    }
                })
                .returned("still here");
    }
}
