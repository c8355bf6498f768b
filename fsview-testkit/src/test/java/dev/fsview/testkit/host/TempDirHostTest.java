package dev.fsview.testkit.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsview.testkit.HostFixture.Attributes;
import dev.fsview.testkit.HostFixture.Kind;
import dev.fsview.testkit.HostFixture.Leaks;
import dev.fsview.testkit.support.LeakCheck;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The real-directory host fixture: building, inspecting without following, mounting, leaks. */
class TempDirHostTest {
    private TempDirHost host;

    @BeforeEach
    void create() throws IOException {
        host = new TempDirHost();
    }

    @AfterEach
    void close() throws IOException {
        if (host != null) {
            host.close();
        }
    }

    static boolean canMount() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Test
    void buildsAndInspectsATreeOfEveryKind() throws IOException {
        String root = host.newDirectory("root");
        assertThat(host.newDirectory("root")).isEqualTo(root + "-2");
        host.mkdirs(root + "/a/b/c");
        host.write(root + "/a/file", "content");
        host.symlink(root + "/a/link", "../nowhere");
        host.hardLink(root + "/a/hard", root + "/a/file");
        host.mkfifo(root + "/a/pipe");
        host.chmod(root + "/a/file", 04750);
        assertThat(host.list(root + "/a")).containsExactly("b", "file", "hard", "link", "pipe");
        assertThat(host.kind(root + "/a/b")).isEqualTo(Kind.DIRECTORY);
        assertThat(host.kind(root + "/a/file")).isEqualTo(Kind.FILE);
        assertThat(host.kind(root + "/a/link")).isEqualTo(Kind.SYMLINK);
        assertThat(host.kind(root + "/a/pipe")).isEqualTo(Kind.SPECIAL);
        assertThat(host.kind(root + "/a/missing")).isEqualTo(Kind.MISSING);
        assertThat(host.kind(root + "/a/file/below")).isEqualTo(Kind.MISSING);
        assertThat(host.readLink(root + "/a/link")).isEqualTo("../nowhere");
        assertThat(host.readString(root + "/a/hard")).isEqualTo("content");
        assertThat(host.mode(root + "/a/file")).isEqualTo(04750);
        host.rename(root + "/a/file", root + "/a/renamed");
        assertThat(host.exists(root + "/a/file")).isFalse();
        host.deleteRecursively(root + "/a");
        assertThat(host.exists(root + "/a")).isFalse();
    }

    @Test
    void attributesAndTimesAreReadWithoutTouchingTheFile() throws IOException {
        String f = host.newDirectory("d") + "/f";
        host.write(f, "12345");
        Instant old = Instant.parse("2001-02-03T04:05:06.789Z");
        host.setTimes(f, old, old);
        Attributes a = host.attributes(f);
        assertThat(a.size()).isEqualTo(5);
        assertThat(a.modified()).isEqualTo(old);
        assertThat(a.accessed()).isEqualTo(old);
        assertThat(host.attributes(f)).isEqualTo(a);
        host.read(f);
        assertThat(host.attributes(f).accessed())
                .as("a read after dating the file back shows (relatime)")
                .isAfter(old);
    }

    @Test
    void neverFollowsASymlinkOrLeavesItsBaseDirectory() throws IOException {
        String d = host.newDirectory("d");
        String outside = Files.createTempDirectory("fsview-testkit-test-").toString();
        try {
            host.symlink(d + "/link", outside);
            assertThatThrownBy(() -> host.write(d + "/link/planted", "x"))
                    .isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> host.mkdirs(d + "/link/deeper"))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> host.write(outside + "/x", "x"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> host.write(d + "/../escape", "x"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> host.read(d + "/link")).isInstanceOf(IOException.class);
            assertThat(host.kind(d + "/link/planted")).isEqualTo(Kind.MISSING);
            assertThat(Files.list(Path.of(outside)).count()).isZero();
        } finally {
            Files.delete(Path.of(outside));
        }
    }

    @Test
    void hostMountsAreUndoneOnCloseAndLeftOutOfLeaks() throws IOException {
        assumeTrue(canMount(), "mounting needs root");
        String d = host.newDirectory("vol");
        host.mkdirs(d + "/tmp");
        host.mkdirs(d + "/ro");
        Leaks before = host.leaks();
        host.mountTmpfs(d + "/tmp");
        host.mountReadOnlyBind(d + "/ro");
        host.write(d + "/tmp/on-tmpfs", "x");
        assertThatThrownBy(() -> host.write(d + "/ro/x", "x")).isInstanceOf(IOException.class);
        LeakCheck.assertNothingLeft(host, before, "the fixture's own mounts");
        assertThat(mountPoints()).contains(d + "/tmp", d + "/ro");
        host.close();
        host = null;
        assertThat(mountPoints()).doesNotContain(d + "/tmp", d + "/ro");
        assertThat(Files.exists(Path.of(d))).isFalse();
    }

    @Test
    void aFailedMountLeavesNothingMounted() throws IOException {
        assumeTrue(canMount(), "mounting needs root");
        String d = host.newDirectory("vol");
        assertThatThrownBy(() -> host.mountTmpfs(d + "/missing")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> host.mountReadOnlyBind(d + "/missing"))
                .isInstanceOf(IOException.class);
        assertThat(mountPoints()).noneMatch(m -> m.startsWith(d));
    }

    @Test
    void aMountSomeoneElseLeftUnderTheBaseIsAReportedLeakAndDetachedOnClose() throws IOException {
        assumeTrue(canMount(), "mounting needs root");
        String d = host.newDirectory("leaky");
        Leaks before = host.leaks();
        HostCommands.run("mount", "-t", "tmpfs", "stray", d);
        assertThat(host.leaks().mounts())
                .hasSize(before.mounts().size() + 1)
                .contains(d + " (tmpfs stray:/)");
        assertThatThrownBy(() -> host.close()).hasMessageContaining("had to be detached");
        host = null;
        assertThat(mountPoints()).doesNotContain(d);
    }

    @Test
    void leaksListOpenFilesUnderTheBase() throws IOException {
        String f = host.newDirectory("d") + "/f";
        host.write(f, "x");
        Leaks before = host.leaks();
        try (FileChannel ch = FileChannel.open(Path.of(f))) {
            assertThat(LeakCheck.differences(before, host.leaks()))
                    .containsExactly("file descriptor left open: " + f);
        }
        assertThat(LeakCheck.differences(before, host.leaks())).isEmpty();
    }

    @Test
    void parsesMountinfoWithOptionalFieldsAndEscapes() {
        ProcSelf.Mount m = ProcSelf.parse("36 35 98:0 /mnt1 /mnt\\040two rw,noatime master:1 "
                + "shared:2 - ext3 /dev/root rw,errors=continue");
        assertThat(m.mountPoint()).isEqualTo("/mnt two");
        assertThat(m.fsType()).isEqualTo("ext3");
        assertThat(m.source()).isEqualTo("/dev/root");
        assertThat(m.root()).isEqualTo("/mnt1");
    }

    private static List<String> mountPoints() {
        return ProcSelf.mounts().stream()
                .map(ProcSelf.Mount::mountPoint)
                .collect(java.util.stream.Collectors.toList());
    }
}
