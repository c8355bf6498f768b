package dev.fsview.fake.nio;

import dev.fsview.fake.Oracle;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.List;
import java.util.Set;

/**
 * Directory streams are {@link SecureDirectoryStream}s, as the JDK's are on Linux: operations
 * relative to the opened directory, which stay on it when it is renamed (libraries such as
 * Guava's {@code MoreFiles.deleteRecursively} rely on this).
 */
class SecureDirectoryStreamTest {
    @TempDir
    Path tmp;

    Oracle oracle;

    @BeforeEach
    void open() throws Exception {
        oracle = new Oracle(tmp);
        oracle.both(b -> Files.createDirectories(b.resolve("d/sub/deeper")));
        oracle.both(b -> Files.writeString(b.resolve("d/f"), "f"));
        oracle.both(b -> Files.createDirectories(b.resolve("other")));
    }

    @AfterEach
    void close() throws IOException {
        oracle.close();
    }

    @Test
    void operationsRelativeToTheStreamFollowTheDirectoryWhenItIsRenamed() {
        oracle.same(b -> {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(b.resolve("d"))) {
                        SecureDirectoryStream<Path> s = (SecureDirectoryStream<Path>) ds;
                        Files.move(b.resolve("d"), b.resolve("moved"));
                        Path f = b.getFileSystem().getPath("f");
                        long size = s.getFileAttributeView(f, BasicFileAttributeView.class)
                                .readAttributes()
                                .size();
                        try (SeekableByteChannel ch = s.newByteChannel(
                                b.getFileSystem().getPath("new"),
                                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                            ch.write(ByteBuffer.wrap(new byte[] {1, 2}));
                        }
                        s.deleteFile(f);
                        return List.of(size, Oracle.tree(b));
                    }
                })
                .returned(List.of(
                        1L,
                        List.of(
                                "d moved",
                                "d moved/sub",
                                "d moved/sub/deeper",
                                "d other",
                                "f moved/new")));
    }

    @Test
    void deleteMoveAndNestedStreamsFailAsTheJdkFails() {
        oracle.same(b -> {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(b.resolve("d"));
                            DirectoryStream<Path> other =
                                    Files.newDirectoryStream(b.resolve("other"))) {
                        SecureDirectoryStream<Path> s = (SecureDirectoryStream<Path>) ds;
                        Path sub = b.getFileSystem().getPath("sub");
                        try {
                            s.deleteDirectory(sub);
                        } catch (DirectoryNotEmptyException e) {
                            // expected, compared below through the tree
                        }
                        try (SecureDirectoryStream<Path> nested = s.newDirectoryStream(sub)) {
                            nested.deleteDirectory(b.getFileSystem().getPath("deeper"));
                        }
                        s.move(
                                b.getFileSystem().getPath("f"),
                                (SecureDirectoryStream<Path>) other,
                                b.getFileSystem().getPath("g"));
                        try {
                            s.newDirectoryStream(b.getFileSystem().getPath("missing-or-file"));
                        } catch (IOException e) {
                            return List.of(e.getClass().getSimpleName(), Oracle.tree(b));
                        }
                        return List.of("no exception");
                    }
                })
                .returned(List.of(
                        "NoSuchFileException", List.of("d d", "d d/sub", "d other", "f other/g")));
    }

    @Test
    void aNestedStreamOnAFileIsNotADirectoryAndWithoutFollowingALinkIsALoop() throws Exception {
        oracle.both(b ->
                Files.createSymbolicLink(b.resolve("d/link"), b.getFileSystem().getPath("sub")));
        oracle.same(b -> {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(b.resolve("d"))) {
                        return ((SecureDirectoryStream<Path>) ds)
                                .newDirectoryStream(b.getFileSystem().getPath("f"));
                    }
                })
                .threw(NotDirectoryException.class, null);
        oracle.same(b -> {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(b.resolve("d"))) {
                        return ((SecureDirectoryStream<Path>) ds)
                                .newDirectoryStream(
                                        b.getFileSystem().getPath("link"),
                                        LinkOption.NOFOLLOW_LINKS);
                    }
                })
                .threw(
                        FileSystemException.class,
                        "Too many levels of symbolic links or unable to access attributes of symbolic link");
    }
}
