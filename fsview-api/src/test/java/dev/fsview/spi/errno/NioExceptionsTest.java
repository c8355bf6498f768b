package dev.fsview.spi.errno;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fsview.spi.HostJdk;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The translation gives what the JDK itself throws on Linux: each errno is provoked for real on a
 * temporary directory, and the JDK's exception compared with ours, field by field.
 */
@EnabledOnOs(OS.LINUX)
class NioExceptionsTest {
    @TempDir
    Path dir;

    interface Op {
        void run() throws IOException;
    }

    private static FileSystemException jdk(Op op) {
        return catchThrowableOfType(FileSystemException.class, op::run);
    }

    private static void same(FileSystemException ours, FileSystemException theirs) {
        assertThat(theirs).as("the JDK threw").isNotNull();
        assertThat(ours).isExactlyInstanceOf(theirs.getClass());
        assertThat(ours.getFile()).isEqualTo(theirs.getFile());
        assertThat(ours.getOtherFile()).isEqualTo(theirs.getOtherFile());
        assertThat(ours.getReason()).isEqualTo(theirs.getReason());
        assertThat(ours.getMessage()).isEqualTo(theirs.getMessage());
    }

    @Test
    void enoent() {
        Path missing = dir.resolve("missing");
        same(
                NioExceptions.of(Errno.ENOENT, missing.toString(), null),
                jdk(() -> Files.readAttributes(missing, BasicFileAttributes.class)));
    }

    @Test
    void eexist() throws IOException {
        Path d = Files.createDirectory(dir.resolve("d"));
        same(
                NioExceptions.of(Errno.EEXIST, d.toString(), null),
                jdk(() -> Files.createDirectory(d)));
    }

    @Test
    void eexistOnLinkNamesBothPaths() throws IOException {
        Path a = Files.createFile(dir.resolve("a"));
        Path b = Files.createFile(dir.resolve("b"));
        same(
                NioExceptions.of(Errno.EEXIST, b.toString(), a.toString()),
                jdk(() -> Files.createLink(b, a)));
    }

    @Test
    void eisdir() throws IOException {
        Path d = Files.createDirectory(dir.resolve("d"));
        same(
                NioExceptions.of(Errno.EISDIR, d.toString(), null),
                jdk(() -> Files.newByteChannel(d, StandardOpenOption.WRITE).close()));
    }

    @Test
    void eloopOnNoFollowOpenIsAPlainIoExceptionInTheJdk() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("l"), dir.resolve("target"));
        IOException theirs = catchThrowableOfType(
                IOException.class,
                () -> Files.newByteChannel(link, LinkOption.NOFOLLOW_LINKS).close());
        IOException ours = NioExceptions.forOpen(Errno.ELOOP, link.toString(), true);
        assertThat(ours).isExactlyInstanceOf(theirs.getClass()).hasMessage(theirs.getMessage());
    }

    @Test
    void eloopWhenFollowingTooManyLinks() throws IOException {
        Path a = Files.createSymbolicLink(dir.resolve("a"), dir.resolve("b"));
        Files.createSymbolicLink(dir.resolve("b"), dir.resolve("a"));
        same(
                (FileSystemException) NioExceptions.forOpen(Errno.ELOOP, a.toString(), false),
                jdk(() -> Files.newByteChannel(a).close()));
    }

    @Test
    void enotdirWhenAFileIsUsedAsADirectory() throws IOException {
        Path f = Files.createFile(dir.resolve("f"));
        Path below = f.resolve("x");
        same(
                NioExceptions.of(Errno.ENOTDIR, below.toString(), null),
                jdk(() -> Files.createDirectory(below)));
        same(
                NioExceptions.of(Errno.ENOTDIR, below.toString(), null),
                jdk(() -> Files.newByteChannel(below).close()));
        same(
                NioExceptions.of(Errno.ENOTDIR, below.toString(), null),
                jdk(() -> Files.delete(below)));
    }

    @Test
    void enotdirWhenReadingAttributesIsWhatTheRunningJdkMakesOfIt() throws IOException {
        Path f = Files.createFile(dir.resolve("f"));
        Path below = f.resolve("x");
        same(
                NioExceptions.forAttributeRead(Errno.ENOTDIR, below.toString()),
                jdk(() -> Files.readAttributes(below, BasicFileAttributes.class)));
        same(
                NioExceptions.forAttributeRead(Errno.ENOTDIR, below.toString()),
                jdk(() -> Files.readAttributes(below, "posix:*", LinkOption.NOFOLLOW_LINKS)));
        same(
                NioExceptions.forAttributeRead(Errno.ENOTDIR, below.toString()),
                jdk(() -> below.getFileSystem().provider().checkAccess(below)));
        same(
                NioExceptions.forAttributeRead(Errno.ENOTDIR, below.toString()),
                jdk(() -> Files.copy(below, dir.resolve("c"))));
        assertThat(NioExceptions.forAttributeRead(Errno.ENOTDIR, below.toString()))
                .isExactlyInstanceOf(
                        HostJdk.readsNotADirectoryAsNoSuchFile()
                                ? NoSuchFileException.class
                                : FileSystemException.class);
        assertThat(Files.notExists(below)).isEqualTo(HostJdk.readsNotADirectoryAsNoSuchFile());
        // The other errnos are translated as everywhere else.
        Path missing = dir.resolve("missing");
        same(
                NioExceptions.forAttributeRead(Errno.ENOENT, missing.toString()),
                jdk(() -> Files.readAttributes(missing, BasicFileAttributes.class)));
    }

    @Test
    void directoryStreamOnAFile() throws IOException {
        Path f = Files.createFile(dir.resolve("f"));
        same(
                NioExceptions.forDirectoryStream(Errno.ENOTDIR, f.toString()),
                jdk(() -> Files.newDirectoryStream(f).close()));
    }

    @Test
    void deleteOfANonEmptyDirectory() throws IOException {
        Path d = Files.createDirectory(dir.resolve("d"));
        Files.createFile(d.resolve("x"));
        same(NioExceptions.forDelete(Errno.ENOTEMPTY, d.toString()), jdk(() -> Files.delete(d)));
    }

    @Test
    void readLinkOfANonLink() throws IOException {
        Path f = Files.createFile(dir.resolve("f"));
        same(
                NioExceptions.forReadLink(Errno.EINVAL, f.toString()),
                jdk(() -> Files.readSymbolicLink(f)));
    }

    @Test
    void describesErrnosForMessages() {
        assertThat(Errno.EROFS.describe()).isEqualTo("EROFS (Read-only file system)");
        assertThat(Errno.describe(30)).isEqualTo("EROFS (Read-only file system)");
        assertThat(Errno.describe(4242)).isEqualTo("errno 4242");
        assertThat(Errno.of(2)).isEqualTo(Errno.ENOENT);
        assertThat(Errno.of(4242)).isNull();
    }
}
