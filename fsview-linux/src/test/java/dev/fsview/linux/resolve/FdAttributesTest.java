package dev.fsview.linux.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The attributes of one statx are the JDK's own for the same file: every name of the basic,
 * posix and unix views, with the JDK's values and types (owner and group aside, which a view
 * names from the container's files).
 */
class FdAttributesTest {
    @TempDir
    Path dir;

    /** Names owners by number, and counts how often it is asked. */
    private static final class Numbers implements FdAttributes.Owners {
        int asked;

        @Override
        public UserPrincipal user(int uid) {
            asked++;
            return () -> Integer.toString(uid);
        }

        @Override
        public GroupPrincipal group(int gid) {
            asked++;
            return () -> Integer.toString(gid);
        }
    }

    private static Fd open(Path p, boolean follow) throws SyscallException {
        return new Fd(
                Sys.openat(
                        Linux.AT_FDCWD,
                        p.toString(),
                        Arch.O_PATH
                                | Arch.O_CLOEXEC
                                | (follow ? 0 : Arch.current().oNofollow()),
                        0),
                p.toString());
    }

    private static void assertSameAsTheJdk(Path p, FdAttributes a) throws Exception {
        Map<String, Object> jdk = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        for (String name : jdk.keySet()) {
            if (name.equals("owner") || name.equals("group") || name.equals("fileKey")) {
                continue;
            }
            assertThat(a.get(name)).as(p + " " + name).isEqualTo(jdk.get(name));
            if (jdk.get(name) instanceof java.util.Set) {
                // The set's class is the JDK's choice, and changed: an EnumSet on JDK 17, a
                // HashSet on JDK 25. Only its type and elements are the contract.
                assertThat(a.get(name)).as(p + " " + name).isInstanceOf(java.util.Set.class);
                continue;
            }
            assertThat(a.get(name).getClass())
                    .as(p + " " + name)
                    .isEqualTo(jdk.get(name).getClass());
        }
        assertThat(a.fileKey().toString())
                .as(p + " fileKey")
                .isEqualTo(jdk.get("fileKey").toString());
        assertThat(a.owner().getName()).isEqualTo(jdk.get("uid").toString());
        assertThat(a.group().getName()).isEqualTo(jdk.get("gid").toString());
    }

    @Test
    void everyAttributeIsTheJdksForFilesDirectoriesLinksFifosAndDevices() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "twelve bytes");
        Files.setLastModifiedTime(
                file, FileTime.from(1_577_934_245_123_456_789L, TimeUnit.NANOSECONDS));
        Files.setAttribute(file, "lastAccessTime", FileTime.from(1_577_934_245L, TimeUnit.SECONDS));
        Files.setAttribute(file, "unix:uid", 1234);
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("file"));
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        Path device = dir.resolve("full");
        assertThat(new ProcessBuilder("mknod", device.toString(), "c", "1", "7")
                        .start()
                        .waitFor())
                .isZero();
        for (Path p : new Path[] {file, dir, link, fifo, device}) {
            try (Fd fd = open(p, false)) {
                assertSameAsTheJdk(p, FdAttributes.of(fd.get(), new Numbers()));
            }
        }
        try (Fd fd = open(file, true)) {
            assertThat(FdAttributes.of(fd.get(), new Numbers())
                            .lastModifiedTime()
                            .to(TimeUnit.NANOSECONDS))
                    .isEqualTo(1_577_934_245_123_456_789L);
        }
    }

    @Test
    void anEntryOfADirectoryFdIsReadWithoutFollowingIt() throws Exception {
        Files.writeString(dir.resolve("target"), "x");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc/passwd"));
        try (Fd d = open(dir, true)) {
            FdAttributes a = FdAttributes.at(d.get(), "link", new Numbers());
            assertThat(a.isSymbolicLink()).isTrue();
            assertThat(a.size()).isEqualTo("/etc/passwd".length());
            assertSameAsTheJdk(dir.resolve("link"), a);
            assertThatThrownBy(() -> FdAttributes.at(d.get(), "missing", new Numbers()))
                    .isInstanceOfSatisfying(
                            SyscallException.class,
                            e -> assertThat(e.is(Errno.ENOENT)).isTrue());
        }
    }

    @Test
    void keysAreEqualForTheSameFileOnlyAndOwnersAreNamedOnlyWhenAsked() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "a");
        Path hard = Files.createLink(dir.resolve("hard"), a);
        Path b = Files.writeString(dir.resolve("b"), "b");
        Numbers owners = new Numbers();
        FdAttributes viaFd;
        try (Fd fd = open(a, true)) {
            viaFd = FdAttributes.of(fd.get(), owners);
        }
        FdAttributes viaEntry;
        FdAttributes other;
        try (Fd d = open(dir, true)) {
            viaEntry = FdAttributes.at(d.get(), hard.getFileName().toString(), owners);
            other = FdAttributes.at(d.get(), b.getFileName().toString(), owners);
        }
        assertThat(viaFd.fileKey()).isEqualTo(viaEntry.fileKey()).isNotEqualTo(other.fileKey());
        assertThat(viaFd.fileKey().hashCode()).isEqualTo(viaEntry.fileKey().hashCode());
        assertThat(viaFd.nlink()).isEqualTo(2);
        BasicFileAttributes basic = viaFd;
        assertThat(basic.isRegularFile()).isTrue();
        assertThat(owners.asked).as("owner lookups for basic attributes").isZero();
        viaFd.owner();
        viaFd.owner();
        assertThat(owners.asked).as("owner looked up once").isEqualTo(1);
    }

    @Test
    void devicesAreEncodedAsGlibcsMakedev() {
        assertThat(FdAttributes.makedev(254, 0)).isEqualTo(0xfe00L);
        assertThat(FdAttributes.makedev(8, 17)).isEqualTo(0x811L);
        assertThat(FdAttributes.makedev(0x1234, 0x56789))
                .isEqualTo((0x1000L << 32) | (0x234L << 8) | (0x56700L << 12) | 0x89L);
    }

    @Test
    void anUnknownNameIsTheJdksError() throws Exception {
        try (Fd fd = open(dir, true)) {
            FdAttributes a = FdAttributes.of(fd.get(), new Numbers());
            assertThatThrownBy(() -> a.get("bogus"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'bogus' not recognized");
        }
    }
}
