package dev.fsview.linux.nio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.linux.nio.JdkNoFollow.Kind;
import dev.fsview.spi.HostJdk;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.stream.Stream;

/**
 * What the JDK does with a final symlink when an attribute setter is told not to follow it is
 * measured, kind by kind, on the JDK this runs on; whatever cannot be measured counts as following,
 * so that it is looked up inside the root.
 */
class JdkNoFollowTest {
    @Test
    void settingPermissionsFollowsALinkExactlyOnTheJdksThatDoSo() {
        // Two independent answers: the measurement, and the release notes (JDK-8062795, JDK 22).
        assertThat(JdkNoFollow.followsAnyway(Kind.PERMISSIONS))
                .isEqualTo(HostJdk.setsPermissionsThroughALinkWhenAskedNotToFollow());
    }

    @Test
    void timesAndOwnersAreSetOnTheLinkItselfOnEveryJdkSoFar() {
        assertThat(JdkNoFollow.followsAnyway(Kind.TIMES)).isFalse();
        // Changing an owner needs root; without it the kind cannot be measured.
        boolean root = "root".equals(System.getProperty("user.name"));
        assertThat(JdkNoFollow.followsAnyway(Kind.OWNER)).isEqualTo(!root);
    }

    @Test
    void extendedAttributesAreNeverFollowedWhereTheTemporaryDirectoryHasThem() throws IOException {
        boolean measurable = userXattrsWork();
        assertThat(JdkNoFollow.followsAnyway(Kind.XATTR)).isEqualTo(!measurable);
        assertThat(JdkNoFollow.followsAnyway(Kind.DOS)).isEqualTo(!measurable);
    }

    @Test
    void anOperationOfNoKnownKindIsLookedUpInsideTheRoot() {
        assertThat(JdkNoFollow.followsAnyway(Kind.OTHER)).isTrue();
    }

    @Test
    void theMeasurementsLeaveNothingInTheTemporaryDirectory() throws IOException {
        for (Kind k : Kind.values()) {
            JdkNoFollow.followsAnyway(k);
        }
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("fsview-nofollow"));
        }
    }

    @Test
    void attributesAreKindedByNameAsFilesSetAttributeTakesThem() {
        assertThat(JdkNoFollow.ofAttribute("posix:permissions")).isEqualTo(Kind.PERMISSIONS);
        assertThat(JdkNoFollow.ofAttribute("unix:permissions")).isEqualTo(Kind.PERMISSIONS);
        assertThat(JdkNoFollow.ofAttribute("lastModifiedTime")).isEqualTo(Kind.TIMES);
        assertThat(JdkNoFollow.ofAttribute("posix:lastAccessTime")).isEqualTo(Kind.TIMES);
        assertThat(JdkNoFollow.ofAttribute("basic:creationTime")).isEqualTo(Kind.TIMES);
        assertThat(JdkNoFollow.ofAttribute("owner:owner")).isEqualTo(Kind.OWNER);
        assertThat(JdkNoFollow.ofAttribute("posix:group")).isEqualTo(Kind.OWNER);
        assertThat(JdkNoFollow.ofAttribute("unix:uid")).isEqualTo(Kind.OWNER);
        assertThat(JdkNoFollow.ofAttribute("unix:gid")).isEqualTo(Kind.OWNER);
        assertThat(JdkNoFollow.ofAttribute("dos:hidden")).isEqualTo(Kind.DOS);
        assertThat(JdkNoFollow.ofAttribute("dos:readonly")).isEqualTo(Kind.DOS);
        assertThat(JdkNoFollow.ofAttribute("user:anything")).isEqualTo(Kind.XATTR);
        assertThat(JdkNoFollow.ofAttribute("unix:rdev")).isEqualTo(Kind.OTHER);
    }

    @Test
    void viewMethodsAreKindedByViewAndName() {
        assertThat(JdkNoFollow.ofMethod(PosixFileAttributeView.class, "setPermissions"))
                .isEqualTo(Kind.PERMISSIONS);
        assertThat(JdkNoFollow.ofMethod(BasicFileAttributeView.class, "setTimes"))
                .isEqualTo(Kind.TIMES);
        assertThat(JdkNoFollow.ofMethod(DosFileAttributeView.class, "setTimes"))
                .isEqualTo(Kind.TIMES);
        assertThat(JdkNoFollow.ofMethod(PosixFileAttributeView.class, "setGroup"))
                .isEqualTo(Kind.OWNER);
        assertThat(JdkNoFollow.ofMethod(DosFileAttributeView.class, "setHidden"))
                .isEqualTo(Kind.DOS);
        assertThat(JdkNoFollow.ofMethod(DosFileAttributeView.class, "readAttributes"))
                .isEqualTo(Kind.DOS);
        assertThat(JdkNoFollow.ofMethod(UserDefinedFileAttributeView.class, "read"))
                .isEqualTo(Kind.XATTR);
        assertThat(JdkNoFollow.ofMethod(BasicFileAttributeView.class, "somethingNew"))
                .isEqualTo(Kind.OTHER);
    }

    private static boolean userXattrsWork() throws IOException {
        Path dir = Files.createTempDirectory("jdknofollowtest");
        Path f = Files.writeString(dir.resolve("f"), "x");
        try {
            Files.getFileAttributeView(f, UserDefinedFileAttributeView.class)
                    .write("t", ByteBuffer.wrap(new byte[] {1}));
            return true;
        } catch (IOException | UnsupportedOperationException unsupported) {
            return false;
        } finally {
            Files.delete(f);
            Files.delete(dir);
        }
    }
}
