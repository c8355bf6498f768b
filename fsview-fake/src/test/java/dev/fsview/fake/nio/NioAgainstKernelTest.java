package dev.fsview.fake.nio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.fake.Oracle;
import dev.fsview.spi.HostJdk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fake's NIO surface against the real kernel: each test runs the same operations on a real
 * temporary directory (through the JDK) and on a fake view, and requires the same results and the
 * same exceptions, message for message. Each also states what that outcome is, so the fake half
 * still means something where there is no Linux kernel to ask.
 */
class NioAgainstKernelTest {
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

    private static String chain(Path base, int links) throws IOException {
        Files.writeString(base.resolve("target"), "end");
        String previous = "target";
        for (int i = 1; i <= links; i++) {
            Files.createSymbolicLink(base.resolve("l" + i), base.getFileSystem().getPath(previous));
            previous = "l" + i;
        }
        return previous;
    }

    @Test
    void fortySymlinksInARowAreFollowed() {
        oracle.same(b -> Files.readString(b.resolve(chain(b, 40)))).returned("end");
    }

    @Test
    void theFortyFirstSymlinkFailsWithEloop() {
        oracle.same(b -> Files.readString(b.resolve(chain(b, 41))))
                .threw(
                        FileSystemException.class,
                        "Too many levels of symbolic links or unable to access attributes of symbolic link");
    }

    @Test
    void aSymlinkToItselfFailsWithEloopWhenFollowedAndIsALinkWhenNot() throws Exception {
        oracle.both(b ->
                Files.createSymbolicLink(b.resolve("self"), b.getFileSystem().getPath("self")));
        oracle.same(b -> Files.readAttributes(b.resolve("self"), "size"))
                .threw(
                        FileSystemException.class,
                        "Too many levels of symbolic links or unable to access attributes of symbolic link");
        oracle.same(b -> Files.isSymbolicLink(b.resolve("self"))).returned(true);
    }

    @Test
    void openingASymlinkWithNofollowIsAPlainIoException() throws Exception {
        oracle.both(b -> Files.createSymbolicLink(b.resolve("l"), b.resolve("target")));
        oracle.same(b -> Files.newByteChannel(b.resolve("l"), LinkOption.NOFOLLOW_LINKS))
                .threw(
                        IOException.class,
                        "Too many levels of symbolic links (NOFOLLOW_LINKS specified)");
    }

    @Test
    void aNameOf255BytesIsAllowedAnd256IsTooLong() {
        oracle.same(b -> Files.createFile(b.resolve("x".repeat(255)))
                        .getFileName()
                        .toString()
                        .length())
                .returned(255);
        oracle.same(b -> Files.createFile(b.resolve("x".repeat(256))))
                .threw(FileSystemException.class, "File name too long");
        oracle.same(b -> Files.exists(b.resolve("\u00e9".repeat(128)))).returned(false);
    }

    private static Path longPath(Path base, int bytes) {
        StringBuilder p = new StringBuilder(base.toString());
        while (p.length() < bytes) {
            p.append("/a");
        }
        p.setLength(bytes);
        if (p.charAt(bytes - 1) == '/') {
            p.setCharAt(bytes - 1, 'b');
        }
        return base.getFileSystem().getPath(p.toString());
    }

    @Test
    void aPathOf4095BytesIsLookedUpAnd4096IsTooLong() {
        oracle.same(b -> Files.readAttributes(longPath(b, 4095), "size"))
                .threw(NoSuchFileException.class, null);
        oracle.same(b -> Files.readAttributes(longPath(b, 4096), "size"))
                .threw(FileSystemException.class, "File name too long");
    }

    @Test
    void aFileUsedAsADirectoryIsNotADirectory() throws Exception {
        oracle.both(b -> Files.writeString(b.resolve("f"), "x"));
        // From JDK 25 on, reading attributes (and checking access) says the path does not exist.
        Class<? extends Exception> readingAttributes = HostJdk.readsNotADirectoryAsNoSuchFile()
                ? NoSuchFileException.class
                : FileSystemException.class;
        String reason = HostJdk.readsNotADirectoryAsNoSuchFile() ? "f/x" : "Not a directory";
        oracle.same(b -> Files.readAttributes(b.resolve("f/x"), "size"))
                .threw(readingAttributes, reason);
        oracle.same(b -> Files.readAttributes(
                        b.resolve("f/x"), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS))
                .threw(readingAttributes, reason);
        oracle.same(b -> Files.readAttributes(b.resolve("f/x"), PosixFileAttributes.class))
                .threw(readingAttributes, reason);
        oracle.same(b -> Files.getOwner(b.resolve("f/x"))).threw(readingAttributes, reason);
        oracle.same(b -> {
                    b.getFileSystem().provider().checkAccess(b.resolve("f/x"));
                    return null;
                })
                .threw(readingAttributes, reason);
        oracle.same(b -> List.of(
                        Files.exists(b.resolve("f/x")),
                        Files.notExists(b.resolve("f/x")),
                        Files.notExists(b.resolve("f/x"), LinkOption.NOFOLLOW_LINKS),
                        Files.isDirectory(b.resolve("f/x"))))
                .returned(List.of(
                        false,
                        HostJdk.readsNotADirectoryAsNoSuchFile(),
                        HostJdk.readsNotADirectoryAsNoSuchFile(),
                        false));
        oracle.same(b -> Files.readAttributes(b.resolve("f/../f"), "size"))
                .threw(
                        readingAttributes,
                        HostJdk.readsNotADirectoryAsNoSuchFile() ? "f/../f" : "Not a directory");
        oracle.same(b -> Files.copy(b.resolve("f/x"), b.resolve("c")))
                .threw(readingAttributes, reason);
        oracle.same(b -> Files.move(b.resolve("f/x"), b.resolve("c")))
                .threw(readingAttributes, reason);
        // Everything else still says "Not a directory".
        oracle.same(b -> Files.getAttribute(b.resolve("f/x"), "user:x"))
                .threw(FileSystemException.class, "Not a directory");
        oracle.same(b -> b.resolve("f/x").toRealPath(LinkOption.NOFOLLOW_LINKS))
                .threw(FileSystemException.class, "Not a directory");
        oracle.same(b -> Files.getFileStore(b.resolve("f/x")))
                .threw(FileSystemException.class, "Not a directory");
        oracle.same(b -> Files.isSameFile(b.resolve("f/x"), b.resolve("f")))
                .threw(FileSystemException.class, "Not a directory");
        oracle.same(b -> Files.newByteChannel(b.resolve("f/x")))
                .threw(FileSystemException.class, "Not a directory");
        oracle.same(b -> Files.copy(b.resolve("f"), b.resolve("f/x")))
                .threw(FileSystemException.class, "Not a directory");
        oracle.same(b -> Files.setLastModifiedTime(b.resolve("f/x"), FileTime.fromMillis(0)))
                .threw(FileSystemException.class, "Not a directory");
        oracle.same(b -> {
                    Files.delete(b.resolve("f/x"));
                    return null;
                })
                .threw(FileSystemException.class, "Not a directory");
        oracle.same(b -> Files.createDirectory(b.resolve("f/d")))
                .threw(FileSystemException.class, "Not a directory");
        oracle.same(b -> Files.newDirectoryStream(b.resolve("f")))
                .threw(NotDirectoryException.class, null);
    }

    @Test
    void aDanglingSymlinkExistsOnlyWithoutFollowing() throws Exception {
        oracle.both(b -> Files.createSymbolicLink(b.resolve("dangling"), b.resolve("nowhere")));
        oracle.same(b -> Files.exists(b.resolve("dangling"))).returned(false);
        oracle.same(b -> Files.exists(b.resolve("dangling"), LinkOption.NOFOLLOW_LINKS))
                .returned(true);
        oracle.same(b -> Files.readString(b.resolve("dangling")))
                .threw(NoSuchFileException.class, null);
    }

    @Test
    void createWithoutCreateNewFollowsADanglingSymlinkAndCreatesItsTarget() throws Exception {
        oracle.both(b -> Files.createSymbolicLink(b.resolve("dangling"), b.resolve("made")));
        oracle.same(b -> Files.writeString(b.resolve("dangling"), "x"))
                .returned(oracle.fakeBase().resolve("dangling"));
        oracle.same(b -> Files.readString(b.resolve("made"))).returned("x");
        oracle.same(b -> Files.newByteChannel(
                        b.resolve("dangling"),
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE))
                .threw(FileAlreadyExistsException.class, null);
    }

    @Test
    void existingNamesAreRefusedAsTheJdkRefusesThem() throws Exception {
        oracle.both(b -> Files.createDirectory(b.resolve("d")));
        oracle.both(b -> Files.writeString(b.resolve("d/x"), "x"));
        oracle.same(b -> Files.createDirectory(b.resolve("d")))
                .threw(FileAlreadyExistsException.class, null);
        oracle.same(b -> Files.createFile(b.resolve("d/x")))
                .threw(FileAlreadyExistsException.class, null);
        oracle.same(b -> Files.createFile(b.resolve("d/.")))
                .threw(FileAlreadyExistsException.class, null);
        oracle.same(b -> Files.createSymbolicLink(b.resolve("d/x"), b))
                .threw(FileAlreadyExistsException.class, null);
    }

    @Test
    void deleteFailsOnANonEmptyDirectoryOnAMissingFileAndOnDot() throws Exception {
        oracle.both(b -> Files.createDirectories(b.resolve("d/e")));
        oracle.same(b -> {
                    Files.delete(b.resolve("d"));
                    return null;
                })
                .threw(DirectoryNotEmptyException.class, null);
        oracle.same(b -> {
                    Files.delete(b.resolve("missing"));
                    return null;
                })
                .threw(NoSuchFileException.class, null);
        oracle.same(b -> Files.deleteIfExists(b.resolve("missing"))).returned(false);
        oracle.same(b -> {
                    Files.delete(b.resolve("d/e/."));
                    return null;
                })
                .threw(FileSystemException.class, "Invalid argument");
        oracle.same(b -> Files.deleteIfExists(b.resolve("d/e"))).returned(true);
    }

    @Test
    void readingALinkThatIsNotOneIsNotALink() throws Exception {
        oracle.both(b -> Files.writeString(b.resolve("f"), "x"));
        oracle.both(b ->
                Files.createSymbolicLink(b.resolve("rel"), b.getFileSystem().getPath("../f/./x")));
        oracle.same(b -> Files.readSymbolicLink(b.resolve("f")))
                .threw(NotLinkException.class, null);
        oracle.same(b -> Files.readSymbolicLink(b.resolve("rel"))).returned("../f/./x");
    }

    @Test
    void aDirectoryIsNeitherWrittenNorReadAsAFile() throws Exception {
        oracle.both(b -> Files.createDirectory(b.resolve("d")));
        oracle.same(b -> Files.newByteChannel(b.resolve("d"), StandardOpenOption.WRITE))
                .threw(FileSystemException.class, "Is a directory");
        oracle.same(b -> Files.readAllBytes(b.resolve("d")))
                .threw(IOException.class, "Is a directory");
        oracle.same(b -> Files.newByteChannel(
                        b.resolve("d"), StandardOpenOption.CREATE, StandardOpenOption.WRITE))
                .threw(FileSystemException.class, "Is a directory");
    }

    @Test
    void openOptionsAreValidatedAsTheJdkValidatesThem() {
        oracle.same(b -> Files.newByteChannel(
                        b.resolve("f"), StandardOpenOption.READ, StandardOpenOption.APPEND))
                .threw(IllegalArgumentException.class, "READ + APPEND not allowed");
        oracle.same(b -> Files.newByteChannel(
                        b.resolve("f"),
                        StandardOpenOption.APPEND,
                        StandardOpenOption.TRUNCATE_EXISTING))
                .threw(IllegalArgumentException.class, "APPEND + TRUNCATE_EXISTING not allowed");
        oracle.same(b -> Files.newByteChannel(b.resolve("f"), StandardOpenOption.CREATE))
                .threw(NoSuchFileException.class, null);
    }

    @Test
    void channelsReadWriteAppendTruncateAndSeekLikeFileChannelImpl() {
        oracle.same(b -> {
                    List<Object> seen = new ArrayList<>();
                    Path f = b.resolve("f");
                    try (FileChannel ch = FileChannel.open(
                            f,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE,
                            StandardOpenOption.READ)) {
                        seen.add(ch.write(ByteBuffer.wrap(
                                "hello world".getBytes(StandardCharsets.US_ASCII))));
                        seen.add(ch.position());
                        ch.position(20);
                        seen.add(ch.write(ByteBuffer.wrap(new byte[] {'!'})));
                        seen.add(ch.size());
                        ch.truncate(5);
                        seen.add(ch.position());
                        seen.add(ch.size());
                        ch.truncate(50);
                        seen.add(ch.size());
                        ByteBuffer buf = ByteBuffer.allocate(10);
                        seen.add(ch.read(buf, 2));
                        seen.add(ch.read(buf, 100));
                        ch.position(100);
                        seen.add(ch.read(ByteBuffer.allocate(3)));
                    }
                    try (SeekableByteChannel ch =
                            Files.newByteChannel(f, StandardOpenOption.APPEND)) {
                        seen.add(ch.write(
                                ByteBuffer.wrap("++".getBytes(StandardCharsets.US_ASCII))));
                        seen.add(ch.position());
                    }
                    seen.add(Files.readString(f));
                    try (SeekableByteChannel ch = Files.newByteChannel(f)) {
                        try {
                            ch.write(ByteBuffer.allocate(1));
                        } catch (NonWritableChannelException e) {
                            seen.add("non-writable");
                        }
                    }
                    try (SeekableByteChannel ch =
                            Files.newByteChannel(f, StandardOpenOption.WRITE)) {
                        try {
                            ch.read(ByteBuffer.allocate(1));
                        } catch (NonReadableChannelException e) {
                            seen.add("non-readable");
                        }
                    }
                    return seen;
                })
                .returned(List.of(
                        11,
                        11L,
                        1,
                        21L,
                        5L,
                        5L,
                        5L,
                        3,
                        -1,
                        -1,
                        2,
                        7L,
                        "hello++",
                        "non-writable",
                        "non-readable"));
    }

    @Test
    void writingAtAPositionPastTheEndLeavesAZeroFilledGap() {
        oracle.same(b -> {
                    try (FileChannel ch = FileChannel.open(
                            b.resolve("f"),
                            StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)) {
                        ch.write(ByteBuffer.wrap(new byte[] {1}), 3);
                    }
                    return Files.readAllBytes(b.resolve("f"));
                })
                .returned(new byte[] {0, 0, 0, 1});
    }

    @Test
    void truncateExistingEmptiesAndDeleteOnCloseRemovesAtOnce() {
        oracle.same(b -> {
                    Path f = b.resolve("f");
                    Files.writeString(f, "content");
                    Files.writeString(f, "new", StandardOpenOption.TRUNCATE_EXISTING);
                    String after = Files.readString(f);
                    boolean existsWhileOpen;
                    try (SeekableByteChannel ch = Files.newByteChannel(
                            f, StandardOpenOption.DELETE_ON_CLOSE, StandardOpenOption.READ)) {
                        existsWhileOpen = Files.exists(f);
                        ch.read(ByteBuffer.allocate(1));
                    }
                    return List.of(after, existsWhileOpen, Files.exists(f));
                })
                .returned(List.of("new", false, false));
    }

    @Test
    void movingADirectoryIntoItselfIsAnInvalidArgument() throws Exception {
        oracle.both(b -> Files.createDirectories(b.resolve("a/b")));
        oracle.same(b -> Files.move(b.resolve("a"), b.resolve("a/b/c")))
                .threw(FileSystemException.class, "Invalid argument");
    }

    @Test
    void moveAndCopyRefuseOrReplaceTargetsAsTheJdkDoes() throws Exception {
        oracle.both(b -> Files.writeString(b.resolve("f"), "f"));
        oracle.both(b -> Files.createDirectories(b.resolve("full/x")));
        oracle.both(b -> Files.createDirectories(b.resolve("empty")));
        oracle.same(b -> Files.move(b.resolve("f"), b.resolve("full")))
                .threw(FileAlreadyExistsException.class, null);
        oracle.same(b -> Files.move(
                        b.resolve("f"), b.resolve("full"), StandardCopyOption.REPLACE_EXISTING))
                .threw(DirectoryNotEmptyException.class, null);
        oracle.same(b -> Files.copy(
                        b.resolve("f"), b.resolve("empty"), StandardCopyOption.REPLACE_EXISTING))
                .returned(oracle.fakeBase().resolve("empty"));
        oracle.same(b -> Files.readString(b.resolve("empty"))).returned("f");
        oracle.same(b -> Files.copy(b.resolve("missing"), b.resolve("x")))
                .threw(NoSuchFileException.class, null);
        oracle.same(b -> Files.move(b.resolve("f"), b.resolve("g"), StandardCopyOption.ATOMIC_MOVE))
                .returned(oracle.fakeBase().resolve("g"));
        oracle.same(b -> Files.copy(b.resolve("g"), b.resolve("h"), StandardCopyOption.ATOMIC_MOVE))
                .threw(
                        UnsupportedOperationException.class,
                        HostJdk.namesTheUnsupportedCopyOption()
                                ? "Unsupported copy option: ATOMIC_MOVE"
                                : "Unsupported copy option");
        oracle.same(b -> Files.move(
                        b.resolve("g"), b.resolve("h"), StandardCopyOption.COPY_ATTRIBUTES))
                .threw(
                        UnsupportedOperationException.class,
                        HostJdk.namesTheUnsupportedCopyOption()
                                ? "Unsupported option: COPY_ATTRIBUTES"
                                : "Unsupported copy option");
    }

    @Test
    void aCopyGetsTheSourceModeLessTheUmaskOrEverythingWithCopyAttributes() throws Exception {
        oracle.both(b -> Files.writeString(b.resolve("f"), "f"));
        oracle.both(b -> Files.setPosixFilePermissions(
                b.resolve("f"), PosixFilePermissions.fromString("rwxrw-rw-")));
        oracle.both(b ->
                Files.setLastModifiedTime(b.resolve("f"), FileTime.fromMillis(1_000_000_000_123L)));
        oracle.same(b -> {
                    Files.copy(b.resolve("f"), b.resolve("plain"));
                    Files.copy(
                            b.resolve("f"), b.resolve("attrs"), StandardCopyOption.COPY_ATTRIBUTES);
                    return List.of(
                            Files.getAttribute(b.resolve("plain"), "unix:mode"),
                            Files.getAttribute(b.resolve("attrs"), "unix:mode"),
                            Files.getLastModifiedTime(b.resolve("attrs")).toMillis());
                })
                .returned(List.of(0100744, 0100766, 1_000_000_000_123L));
    }

    @Test
    void copyWithNofollowCopiesTheLinkAndWithoutItTheTarget() throws Exception {
        oracle.both(b -> Files.writeString(b.resolve("f"), "f"));
        oracle.both(
                b -> Files.createSymbolicLink(b.resolve("l"), b.getFileSystem().getPath("f")));
        oracle.same(b -> {
                    Files.copy(b.resolve("l"), b.resolve("asLink"), LinkOption.NOFOLLOW_LINKS);
                    Files.copy(b.resolve("l"), b.resolve("asFile"));
                    return List.of(
                            Files.isSymbolicLink(b.resolve("asLink")),
                            Files.readSymbolicLink(b.resolve("asLink")),
                            Files.isSymbolicLink(b.resolve("asFile")));
                })
                .returned(List.of(true, "f", false));
    }

    @Test
    void hardLinksShareTheInodeAndCountTheLinks() throws Exception {
        oracle.both(b -> Files.writeString(b.resolve("f"), "f"));
        oracle.same(b -> {
                    Files.createLink(b.resolve("g"), b.resolve("f"));
                    Files.writeString(b.resolve("g"), "changed");
                    return List.of(
                            Files.readString(b.resolve("f")),
                            Files.getAttribute(b.resolve("f"), "unix:nlink"),
                            Files.isSameFile(b.resolve("f"), b.resolve("g")),
                            Files.getAttribute(b.resolve("f"), "unix:ino")
                                    .equals(Files.getAttribute(b.resolve("g"), "unix:ino")));
                })
                .returned(List.of("changed", 2, true, true));
        oracle.same(b -> Files.move(b.resolve("f"), b.resolve("g")))
                .returned(oracle.fakeBase().resolve("g"));
        oracle.same(b -> Files.exists(b.resolve("f"))).returned(true);
    }

    @Test
    void aDirectoryCannotBeHardLinkedAndAnExistingNameIsRefused() throws Exception {
        oracle.both(b -> Files.createDirectory(b.resolve("d")));
        oracle.both(b -> Files.writeString(b.resolve("f"), "f"));
        oracle.same(b -> Files.createLink(b.resolve("d2"), b.resolve("d")))
                .threw(FileSystemException.class, "Operation not permitted");
        oracle.same(b -> Files.createLink(b.resolve("f"), b.resolve("f")))
                .threw(FileAlreadyExistsException.class, null);
    }

    @Test
    void directoryLinkCountsCountSubdirectories() throws Exception {
        oracle.both(b -> Files.createDirectories(b.resolve("d/a")));
        oracle.both(b -> Files.createDirectories(b.resolve("d/b")));
        oracle.both(b -> Files.writeString(b.resolve("d/f"), "f"));
        oracle.same(b -> Files.getAttribute(b.resolve("d"), "unix:nlink")).returned(4);
    }

    @Test
    void chownClearsTheSetuidBitEvenForRoot() throws Exception {
        oracle.both(b -> Files.writeString(b.resolve("f"), "f"));
        oracle.both(b -> Files.setAttribute(b.resolve("f"), "unix:mode", 06755));
        oracle.same(b -> {
                    Files.setAttribute(b.resolve("f"), "unix:uid", 1234);
                    return List.of(
                            Files.getAttribute(b.resolve("f"), "unix:mode"),
                            Files.getAttribute(b.resolve("f"), "unix:uid"));
                })
                .returned(List.of(0100755, 1234));
    }

    @Test
    void newDirectoriesInASetgidDirectoryInheritItsGroupAndTheBit() throws Exception {
        oracle.both(b -> Files.createDirectory(b.resolve("shared")));
        oracle.both(b -> Files.setAttribute(b.resolve("shared"), "unix:gid", 4321));
        oracle.both(b -> Files.setAttribute(b.resolve("shared"), "unix:mode", 02775));
        oracle.same(b -> {
                    Files.createDirectory(b.resolve("shared/sub"));
                    Files.createFile(b.resolve("shared/file"));
                    return List.of(
                            Files.getAttribute(b.resolve("shared/sub"), "unix:gid"),
                            Files.getAttribute(b.resolve("shared/sub"), "unix:mode"),
                            Files.getAttribute(b.resolve("shared/file"), "unix:gid"),
                            Files.getAttribute(b.resolve("shared/file"), "unix:mode"));
                })
                .returned(List.of(4321, 042755, 4321, 0100644));
    }

    @Test
    void theUnixViewHasTheJdksNamesAndTypes() throws Exception {
        oracle.both(b -> Files.writeString(b.resolve("f"), "abc"));
        oracle.same(b -> new java.util.TreeSet<>(
                        Files.readAttributes(b.resolve("f"), "unix:*").keySet()))
                .returned(new java.util.TreeSet<>(List.of(
                        "creationTime",
                        "ctime",
                        "dev",
                        "fileKey",
                        "gid",
                        "group",
                        "ino",
                        "isDirectory",
                        "isOther",
                        "isRegularFile",
                        "isSymbolicLink",
                        "lastAccessTime",
                        "lastModifiedTime",
                        "mode",
                        "nlink",
                        "owner",
                        "permissions",
                        "rdev",
                        "size",
                        "uid")));
        oracle.same(b -> Files.readAttributes(b.resolve("f"), "unix:mode,size,nlink,uid,gid,rdev"))
                .returned(Map.of(
                        "mode", 0100644, "size", 3L, "nlink", 1, "uid", 0, "gid", 0, "rdev", 0L));
        oracle.same(b -> Files.readAttributes(b.resolve("f"), "unix:bogus"))
                .threw(IllegalArgumentException.class, "'bogus' not recognized");
        oracle.same(b -> Files.readAttributes(b.resolve("f"), "nosuchview:*"))
                .threw(UnsupportedOperationException.class, "View 'nosuchview' not available");
        oracle.same(b -> {
                    Files.setAttribute(b.resolve("f"), "basic:size", 1L);
                    return null;
                })
                .threw(IllegalArgumentException.class, "'basic:size' not recognized");
        oracle.same(b -> Files.getAttribute(b.resolve("f"), "posix:permissions"))
                .returned(PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void settingTimesAndModesFollowsOrNotAsAsked() throws Exception {
        oracle.both(b -> Files.writeString(b.resolve("f"), "f"));
        oracle.both(
                b -> Files.createSymbolicLink(b.resolve("l"), b.getFileSystem().getPath("f")));
        oracle.same(b -> {
                    FileTime t = FileTime.fromMillis(86_400_000L);
                    Files.setLastModifiedTime(b.resolve("l"), t);
                    return Files.getLastModifiedTime(b.resolve("f")).toMillis();
                })
                .returned(86_400_000L);
        Oracle.Outcome chmodLink = oracle.same(b -> {
            Files.setAttribute(
                    b.resolve("l"),
                    "posix:permissions",
                    PosixFilePermissions.fromString("rwx------"),
                    LinkOption.NOFOLLOW_LINKS);
            return List.of(
                    Files.getAttribute(b.resolve("f"), "unix:mode"),
                    Files.getAttribute(b.resolve("l"), "unix:mode", LinkOption.NOFOLLOW_LINKS));
        });
        if (HostJdk.setsPermissionsThroughALinkWhenAskedNotToFollow()) {
            chmodLink.returned(List.of(0100700, 0120777)); // the target's, after all
        } else {
            chmodLink.threw(
                    FileSystemException.class,
                    "Too many levels of symbolic links or unable to access attributes of symbolic link");
        }
        oracle.same(b -> {
                    Files.setAttribute(
                            b.resolve("l"),
                            "basic:lastModifiedTime",
                            FileTime.fromMillis(5_000L),
                            LinkOption.NOFOLLOW_LINKS);
                    return List.of(
                            Files.getLastModifiedTime(b.resolve("l"), LinkOption.NOFOLLOW_LINKS)
                                    .toMillis(),
                            Files.getLastModifiedTime(b.resolve("f")).toMillis());
                })
                .returned(List.of(5_000L, 86_400_000L));
    }

    @Test
    void accessChecksAsRootGrantReadAndWriteAndExecuteOnlyWithAnExecuteBit() throws Exception {
        oracle.both(b -> Files.writeString(b.resolve("f"), "f"));
        oracle.both(b -> Files.setPosixFilePermissions(
                b.resolve("f"), PosixFilePermissions.fromString("---------")));
        oracle.same(b -> List.of(
                        Files.isReadable(b.resolve("f")),
                        Files.isWritable(b.resolve("f")),
                        Files.isExecutable(b.resolve("f"))))
                .returned(List.of(true, true, false));
        oracle.same(b -> {
                    b.getFileSystem().provider().checkAccess(b.resolve("f"), AccessMode.EXECUTE);
                    return null;
                })
                .threw(AccessDeniedException.class, null);
        oracle.same(b -> {
                    b.getFileSystem().provider().checkAccess(b.resolve("missing"));
                    return null;
                })
                .threw(NoSuchFileException.class, null);
    }

    @Test
    void realPathsResolveLinksOrKeepThemWithNofollow() throws Exception {
        oracle.both(b -> Files.createDirectories(b.resolve("a/b")));
        oracle.both(
                b -> Files.createSymbolicLink(b.resolve("l"), b.getFileSystem().getPath("a/b")));
        oracle.same(b -> b.resolve("l/../b/./").toRealPath())
                .returned(oracle.fakeBase().resolve("a/b"));
        oracle.same(b -> b.resolve("a/./b/../b").toRealPath(LinkOption.NOFOLLOW_LINKS))
                .returned(oracle.fakeBase().resolve("a/b"));
        oracle.same(b -> b.resolve("l/..").toRealPath(LinkOption.NOFOLLOW_LINKS))
                .returned(oracle.fakeBase().resolve("l/.."));
        // JDK 17 drops the second "..", resolving l/.. (a directory) to its parent "l".
        oracle.same(b -> b.resolve("l/../..").toRealPath(LinkOption.NOFOLLOW_LINKS))
                .returned(oracle.fakeBase()
                        .resolve(HostJdk.keepsDotDotAfterAKeptDotDot() ? "l/../.." : "l"));
        oracle.same(b -> b.resolve("missing").toRealPath()).threw(NoSuchFileException.class, null);
    }

    @Test
    void walkFindAndGlobbedDirectoryStreamsSeeTheSameTree() throws Exception {
        oracle.both(b -> Files.createDirectories(b.resolve("src/main/java")));
        oracle.both(b -> Files.writeString(b.resolve("src/main/java/A.java"), "class A {}"));
        oracle.both(b -> Files.writeString(b.resolve("src/main/B.txt"), "b"));
        oracle.both(b -> Files.createSymbolicLink(
                b.resolve("src/link"), b.getFileSystem().getPath("main")));
        oracle.same(Oracle::tree);
        oracle.same(b -> {
                    try (Stream<Path> s = Files.find(b, 10, (p, a) -> a.isRegularFile())) {
                        return s.map(p -> b.relativize(p).toString())
                                .sorted()
                                .collect(Collectors.toList());
                    }
                })
                .returned(List.of("src/main/B.txt", "src/main/java/A.java"));
        oracle.same(b -> {
                    List<String> names = new ArrayList<>();
                    try (DirectoryStream<Path> ds =
                            Files.newDirectoryStream(b.resolve("src/main"), "*.{txt,md}")) {
                        ds.forEach(p -> names.add(p.getFileName().toString()));
                    }
                    return names;
                })
                .returned(List.of("B.txt"));
        oracle.same(b -> {
                    try (Stream<Path> s = Files.walk(
                            b.resolve("src"), java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                        return s.count();
                    }
                })
                .returned(9L);
    }

    @Test
    void theEmptyPathIsTheWorkingDirectory() {
        assertThat(Files.isDirectory(oracle.view().path(""))).isTrue();
    }

    @Test
    void isHiddenLooksAtTheNameOnly() {
        oracle.same(b -> List.of(Files.isHidden(b.resolve(".x")), Files.isHidden(b.resolve("x"))))
                .returned(List.of(true, false));
    }
}
