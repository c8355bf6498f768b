package dev.fsview.fake.nio;

import dev.fsview.fake.Oracle;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;

/** The {@code user} view (extended attributes), against the real kernel. */
class UserAttributesTest {
    @TempDir
    Path tmp;

    Oracle oracle;

    @BeforeEach
    void open() throws Exception {
        oracle = new Oracle(tmp);
        oracle.both(b -> Files.writeString(b.resolve("f"), "f"));
        oracle.both(
                b -> Files.createSymbolicLink(b.resolve("l"), b.getFileSystem().getPath("f")));
    }

    @AfterEach
    void close() throws IOException {
        oracle.close();
    }

    private static UserDefinedFileAttributeView view(Path p, LinkOption... options) {
        return Files.getFileAttributeView(p, UserDefinedFileAttributeView.class, options);
    }

    @Test
    void attributesAreWrittenListedReadAndDeleted() {
        oracle.same(b -> {
                    UserDefinedFileAttributeView v = view(b.resolve("f"));
                    v.write("one", ByteBuffer.wrap("1".getBytes(StandardCharsets.UTF_8)));
                    Files.setAttribute(
                            b.resolve("l"), "user:two", "22".getBytes(StandardCharsets.UTF_8));
                    List<String> names = new ArrayList<>(v.list());
                    names.sort(null);
                    ByteBuffer buf = ByteBuffer.allocate(10);
                    int n = v.read("two", buf);
                    Object viaMap = new String(
                            (byte[]) Files.readAttributes(b.resolve("f"), "user:one")
                                    .get("one"),
                            StandardCharsets.UTF_8);
                    v.delete("one");
                    return List.of(names, n, v.size("two"), viaMap, v.list());
                })
                .returned(List.of(List.of("one", "two"), 2, 2, "1", List.of("two")));
    }

    @Test
    void missingAttributesAndLinksWithoutFollowingFailAsTheJdkReports() {
        oracle.same(b -> view(b.resolve("f")).size("missing"))
                .threw(FileSystemException.class, "No data available");
        oracle.same(b -> {
                    view(b.resolve("f")).delete("missing");
                    return null;
                })
                .threw(FileSystemException.class, "No data available");
        oracle.same(b -> view(b.resolve("l"), LinkOption.NOFOLLOW_LINKS).list())
                .threw(
                        FileSystemException.class,
                        "Too many levels of symbolic links or unable to access attributes of symbolic link");
        oracle.same(b -> view(b.resolve("nope")).list())
                .threw(java.nio.file.NoSuchFileException.class, null);
    }

    @Test
    void copyAttributesAndMovesCarryThemAPlainCopyDoesNot() {
        oracle.same(b -> {
                    view(b.resolve("f")).write("k", ByteBuffer.wrap(new byte[] {7}));
                    Files.copy(b.resolve("f"), b.resolve("plain"));
                    Files.copy(
                            b.resolve("f"), b.resolve("attrs"), StandardCopyOption.COPY_ATTRIBUTES);
                    Files.move(b.resolve("attrs"), b.resolve("moved"));
                    return List.of(
                            view(b.resolve("plain")).list(),
                            view(b.resolve("moved")).list());
                })
                .returned(List.of(List.of(), List.of("k")));
    }
}
