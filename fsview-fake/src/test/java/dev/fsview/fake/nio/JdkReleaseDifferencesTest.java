package dev.fsview.fake.nio;

import dev.fsview.fake.Oracle;
import dev.fsview.spi.HostJdk;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where the JDK's own file system changed between releases ({@link HostJdk}), the fake does what
 * the JDK it runs on does: each operation runs on a real temporary directory and on a fake view
 * and must give the same outcome, and each test also states that outcome for the running JDK.
 */
class JdkReleaseDifferencesTest {
    private static final String LOOP =
            "Too many levels of symbolic links or unable to access attributes of symbolic link";
    /** A time with nanoseconds. */
    private static final FileTime NANOS = FileTime.from(Instant.ofEpochSecond(1000, 123_456_789));

    @TempDir
    Path tmp;

    Oracle oracle;

    @BeforeEach
    void open() throws Exception {
        oracle = new Oracle(tmp);
        oracle.both(b -> Files.writeString(b.resolve("f"), "f"));
        oracle.both(b -> Files.createDirectory(b.resolve("d")));
        oracle.both(
                b -> Files.createSymbolicLink(b.resolve("l"), b.getFileSystem().getPath("f")));
        oracle.both(b -> Files.createSymbolicLink(
                b.resolve("dangling"), b.getFileSystem().getPath("nothing")));
        // A Unix socket: the JDK cannot open one (ENXIO), so it works on it by path or fails.
        oracle.host().socket("/srv/root" + tmp.toAbsolutePath() + "/sock");
        if (Oracle.LINUX) {
            try (ServerSocketChannel server =
                    ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(tmp.resolve("sock")));
            }
        }
    }

    @AfterEach
    void close() throws IOException {
        oracle.close();
    }

    private static long nanos(Path p, LinkOption... options) throws IOException {
        return Files.getLastModifiedTime(p, options).to(TimeUnit.NANOSECONDS);
    }

    /** What a time with nanoseconds becomes where the JDK sets it by path or descriptor. */
    private static long roundedUnlessNanos() {
        return HostJdk.setsTimesToTheNanosecond() ? 1000_123_456_789L : 1000_123_456_000L;
    }

    @Test
    void timesKeepTheirNanosecondsWhereTheJdkKeepsThem() {
        oracle.same(b -> {
                    Files.getFileAttributeView(b.resolve("f"), BasicFileAttributeView.class)
                            .setTimes(NANOS, NANOS, null);
                    return nanos(b.resolve("f"));
                })
                .returned(1000_123_456_789L);
        oracle.same(b -> {
                    Files.getFileAttributeView(
                                    b.resolve("l"),
                                    BasicFileAttributeView.class,
                                    LinkOption.NOFOLLOW_LINKS)
                            .setTimes(NANOS, null, null);
                    return nanos(b.resolve("l"), LinkOption.NOFOLLOW_LINKS);
                })
                .returned(roundedUnlessNanos());
        oracle.same(b -> {
                    Files.getFileAttributeView(
                                    b.resolve("dangling"),
                                    BasicFileAttributeView.class,
                                    LinkOption.NOFOLLOW_LINKS)
                            .setTimes(NANOS, NANOS, null);
                    return nanos(b.resolve("dangling"), LinkOption.NOFOLLOW_LINKS);
                })
                .returned(roundedUnlessNanos());
        oracle.same(b -> {
                    Files.setLastModifiedTime(b.resolve("sock"), NANOS);
                    return nanos(b.resolve("sock"));
                })
                .returned(roundedUnlessNanos());
        oracle.same(b -> {
                    Files.getFileAttributeView(b.resolve("dangling"), BasicFileAttributeView.class)
                            .setTimes(NANOS, null, null);
                    return null;
                })
                .threw(NoSuchFileException.class, "dangling");
    }

    @Test
    void aCopyGetsTheSourceTimesAsPreciselyAsTheJdkSetsThem() {
        oracle.same(b -> {
                    Files.getFileAttributeView(b.resolve("f"), BasicFileAttributeView.class)
                            .setTimes(NANOS, NANOS, null);
                    Files.getFileAttributeView(b.resolve("d"), BasicFileAttributeView.class)
                            .setTimes(NANOS, NANOS, null);
                    Files.copy(b.resolve("f"), b.resolve("f2"), StandardCopyOption.COPY_ATTRIBUTES);
                    Files.copy(b.resolve("d"), b.resolve("d2"), StandardCopyOption.COPY_ATTRIBUTES);
                    return List.of(nanos(b.resolve("f2")), nanos(b.resolve("d2")));
                })
                .returned(List.of(roundedUnlessNanos(), roundedUnlessNanos()));
    }

    @Test
    void permissionsWithoutFollowingLinksGoThroughTheLinkOrFailAsTheJdkDoes() {
        Oracle.Outcome dangling = oracle.same(b -> Files.setAttribute(
                b.resolve("dangling"),
                "posix:permissions",
                PosixFilePermissions.fromString("rwx------"),
                LinkOption.NOFOLLOW_LINKS));
        Oracle.Outcome toDirectory = oracle.same(b -> {
            Path ld =
                    Files.createSymbolicLink(b.resolve("ld"), b.getFileSystem().getPath("d"));
            Files.getFileAttributeView(ld, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(PosixFilePermissions.fromString("rwx------"));
            return Files.getAttribute(b.resolve("d"), "unix:mode");
        });
        if (HostJdk.setsPermissionsThroughALinkWhenAskedNotToFollow()) {
            dangling.threw(NoSuchFileException.class, "dangling");
            toDirectory.returned(040700);
        } else {
            dangling.threw(FileSystemException.class, LOOP);
            toDirectory.threw(FileSystemException.class, LOOP);
        }
        // The JDK opens the file either way, which a socket refuses.
        oracle.same(b -> Files.setAttribute(
                        b.resolve("sock"),
                        "posix:permissions",
                        PosixFilePermissions.fromString("rwx------"),
                        LinkOption.NOFOLLOW_LINKS))
                .threw(FileSystemException.class, "No such device or address");
        oracle.same(b -> {
                    Files.setAttribute(b.resolve("sock"), "unix:mode", 0700);
                    return Files.getAttribute(b.resolve("sock"), "unix:mode");
                })
                .returned(0140700);
    }

    @Test
    void aSecureStreamWorksThroughTheEntryItOpens() {
        oracle.same(b -> {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(b)) {
                        SecureDirectoryStream<Path> s = (SecureDirectoryStream<Path>) ds;
                        Path f = b.getFileSystem().getPath("f");
                        s.getFileAttributeView(f, BasicFileAttributeView.class)
                                .setTimes(NANOS, null, null);
                        return nanos(b.resolve("f"));
                    }
                })
                .returned(roundedUnlessNanos());
        Oracle.Outcome chmodSocket = oracle.same(b -> {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(b)) {
                SecureDirectoryStream<Path> s = (SecureDirectoryStream<Path>) ds;
                s.getFileAttributeView(
                                b.getFileSystem().getPath("sock"), PosixFileAttributeView.class)
                        .setPermissions(PosixFilePermissions.fromString("rwx------"));
                return Files.getAttribute(b.resolve("sock"), "unix:mode");
            }
        });
        if (HostJdk.secureStreamsChmodWithoutOpening()) {
            chmodSocket.returned(0140700);
        } else {
            chmodSocket.threw(FileSystemException.class, "sock: No such device or address");
        }
        for (String operation :
                List.of("setTimes", "setOwner", "setPermissions", "readAttributes")) {
            for (String entry : List.of("l", "sock", "f/x")) {
                Oracle.Outcome outcome = oracle.same(b -> {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(b)) {
                        SecureDirectoryStream<Path> s = (SecureDirectoryStream<Path>) ds;
                        PosixFileAttributeView view = s.getFileAttributeView(
                                b.getFileSystem().getPath(entry),
                                PosixFileAttributeView.class,
                                LinkOption.NOFOLLOW_LINKS);
                        switch (operation) {
                            case "setTimes":
                                view.setTimes(null, null, null);
                                return null;
                            case "setOwner":
                                view.setOwner(Files.getOwner(b.resolve("f")));
                                return null;
                            case "setPermissions":
                                view.setPermissions(PosixFilePermissions.fromString("rwx------"));
                                return null;
                            default:
                                return view.readAttributes().isSymbolicLink();
                        }
                    }
                });
                if (entry.equals("f/x")) {
                    outcome.threw(FileSystemException.class, "Not a directory"); // not mapped here
                } else if (operation.equals("readAttributes")) {
                    outcome.returned(entry.equals("l"));
                } else {
                    outcome.threw(
                            FileSystemException.class,
                            entry.equals("l") ? LOOP : "No such device or address");
                }
            }
        }
    }

    @Test
    void transferFromChecksItsSourceWhereTheJdkDoes() {
        Oracle.Outcome pastTheEnd = oracle.same(b -> {
            try (FileChannel in = FileChannel.open(b.resolve("f"), StandardOpenOption.WRITE);
                    FileChannel out = FileChannel.open(
                            b.resolve("g"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                return out.transferFrom(in, 100, 10);
            }
        });
        Oracle.Outcome intoAReadOnlyChannel = oracle.same(b -> {
            try (FileChannel in = FileChannel.open(b.resolve("f"), StandardOpenOption.WRITE);
                    FileChannel out = FileChannel.open(b.resolve("f"))) {
                return out.transferFrom(in, 0, 10);
            }
        });
        if (HostJdk.transferFromChecksTheSourceIsReadableFirst()) {
            pastTheEnd.threw(NonReadableChannelException.class, null);
            intoAReadOnlyChannel.threw(NonReadableChannelException.class, null);
        } else {
            pastTheEnd.returned(0L);
            intoAReadOnlyChannel.threw(NonWritableChannelException.class, null);
        }
        oracle.same(b -> {
                    try (FileChannel in =
                                    FileChannel.open(b.resolve("f"), StandardOpenOption.WRITE);
                            FileChannel out = FileChannel.open(
                                    b.resolve("g"),
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.WRITE)) {
                        return out.transferFrom(in, 0, 0);
                    }
                })
                .threw(NonReadableChannelException.class, null);
        oracle.same(b -> {
                    try (FileChannel in = FileChannel.open(b.resolve("f"));
                            FileChannel out = FileChannel.open(b.resolve("f"))) {
                        return in.transferTo(100, 10, out);
                    }
                })
                .threw(NonWritableChannelException.class, null);
        oracle.same(b -> {
                    try (FileChannel in = FileChannel.open(b.resolve("f"));
                            FileChannel out = FileChannel.open(
                                    b.resolve("g"),
                                    StandardOpenOption.CREATE,
                                    StandardOpenOption.WRITE)) {
                        long n = out.transferFrom(in, 3, 10);
                        return List.of(n, in.position(), out.size());
                    }
                })
                .returned(
                        HostJdk.transferFromPastTheEndExtendsTheFile()
                                ? List.of(1L, 1L, 4L)
                                : List.of(0L, 0L, 0L));
    }

    @Test
    void messagesAreWordedAsTheJdkWordsThem() {
        oracle.same(b -> Files.createSymbolicLink(
                        b.resolve("sl"),
                        b.resolve("f"),
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rwx------"))))
                .threw(
                        UnsupportedOperationException.class,
                        HostJdk.spellsTheSymlinkAttributesMessageRight()
                                ? "Initial file attributes not supported when creating symbolic link"
                                : "Initial file attributesnot supported when creating symbolic link");
        oracle.same(b -> {
                    try {
                        b.getFileSystem()
                                .getUserPrincipalLookupService()
                                .lookupPrincipalByName("nosuchuser-fsview");
                        return null;
                    } catch (UserPrincipalNotFoundException e) {
                        return List.of(e.getName(), String.valueOf(e.getMessage()));
                    }
                })
                .returned(List.of(
                        HostJdk.hidesUnknownUserNames() ? "" : "nosuchuser-fsview", "null"));
        oracle.same(b -> {
                    try {
                        b.getFileSystem()
                                .getUserPrincipalLookupService()
                                .lookupPrincipalByGroupName("nosuchgroup-fsview");
                        return null;
                    } catch (UserPrincipalNotFoundException e) {
                        return e.getName();
                    }
                })
                .returned(HostJdk.hidesUnknownUserNames() ? "" : "nosuchgroup-fsview");
    }
}
