package dev.fsview.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.PathStat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * {@code stat} is {@code lstat} relative to the view's working directory, and for a symlink adds
 * its target resolved inside the container root (the seed's {@code FollowSymlinkInScope(path,
 * "/")}). Every expected value here is written out by hand from the layout, not computed by the
 * resolver under test. Beside it, how far the view's file system follows links: Linux's 40.
 */
public abstract class StatContract extends ViewContract {
    private static final Instant MTIME = Instant.parse("2021-03-04T05:06:07.123456Z");

    @Test
    void aFileReportsItsNameSizeModeAndModificationTime() throws IOException {
        String root = dir("root");
        file(root + "/etc/hello.txt", "hello world");
        host.chmod(root + "/etc/hello.txt", 0640);
        host.setTimes(root + "/etc/hello.txt", MTIME, MTIME);
        try (FsView view = open(root)) {
            PathStat st = view.stat("/etc/hello.txt");
            assertThat(st.name()).isEqualTo("hello.txt");
            assertThat(st.size()).isEqualTo(11);
            assertThat(st.mode()).isEqualTo(PathStat.S_IFREG | 0640);
            assertThat(st.mtime()).isEqualTo(MTIME);
            assertThat(st.linkTarget()).isEmpty();
        }
    }

    @Test
    void aDirectoryAndTheRootReportTheirTypeAndPermissions() throws IOException {
        String root = dir("root");
        host.mkdirs(root + "/srv/www");
        host.chmod(root + "/srv/www", 02750);
        try (FsView view = open(root)) {
            PathStat www = view.stat("/srv/www/");
            assertThat(www.name()).isEqualTo("www");
            assertThat(www.mode()).isEqualTo(PathStat.S_IFDIR | 02750);
            PathStat slash = view.stat("/");
            assertThat(slash.name()).isEqualTo("/");
            assertThat(slash.isDirectory()).isTrue();
        }
    }

    @Test
    void setuidAndStickyBitsAreReported() throws IOException {
        String root = dir("root");
        file(root + "/bin/su", "#!");
        host.chmod(root + "/bin/su", 04755);
        host.mkdirs(root + "/tmp");
        host.chmod(root + "/tmp", 01777);
        try (FsView view = open(root)) {
            assertThat(view.stat("/bin/su").permissions()).isEqualTo(04755);
            assertThat(view.stat("/bin/su").modeString()).isEqualTo("-rwsr-xr-x");
            assertThat(view.stat("/tmp").modeString()).isEqualTo("drwxrwxrwt");
        }
    }

    @Test
    void aRelativePathIsResolvedAgainstTheWorkingDirectory() throws IOException {
        String root = dir("root");
        file(root + "/home/user/notes", "12345");
        try (FsView view = open(root)) {
            view.chdir("/home");
            PathStat st = view.stat("user/notes");
            assertThat(st.name()).isEqualTo("notes");
            assertThat(st.size()).isEqualTo(5);
            assertThat(view.stat("user").isDirectory()).isTrue();
        }
    }

    @Test
    void aSymlinkIsNotFollowedItsOwnSizeAndTypeAreReported() throws IOException {
        String root = dir("root");
        file(root + "/target", "a long enough content");
        host.symlink(root + "/link", "target");
        try (FsView view = open(root)) {
            PathStat st = view.stat("/link");
            assertThat(st.isSymbolicLink()).isTrue();
            assertThat(st.mode() & PathStat.S_IFMT).isEqualTo(PathStat.S_IFLNK);
            assertThat(st.size()).isEqualTo("target".length());
            assertThat(st.name()).isEqualTo("link");
        }
    }

    @Test
    void aFifoIsReportedAsAFifo() throws IOException {
        String root = dir("root");
        host.mkdirs(root + "/run");
        host.mkfifo(root + "/run/pipe");
        try (FsView view = open(root)) {
            assertThat(view.stat("/run/pipe").type()).isEqualTo(PathStat.FileType.FIFO);
        }
    }

    @Test
    void aFileOnAVolumeIsTheVolumesFile() throws IOException {
        String vol = dir("vol");
        file(vol + "/data.bin", "0123456789");
        host.setTimes(vol + "/data.bin", MTIME, MTIME);
        try (FsView view = open(dir("root"), MountSpec.bind(vol, "/mnt").build())) {
            PathStat st = view.stat("/mnt/data.bin");
            assertThat(st.size()).isEqualTo(10);
            assertThat(st.mtime()).isEqualTo(MTIME);
        }
    }

    @Test
    void aMissingPathFailsWithNoSuchFile() throws IOException {
        try (FsView view = open(dir("root"))) {
            assertThatThrownBy(() -> view.stat("/no/such/file"))
                    .isInstanceOf(NoSuchFileException.class);
        }
    }

    /**
     * The layout every link case runs in:
     * <pre>
     * /etc/os-release          file
     * /usr/lib/os-release      file
     * /usr/bin/                directory
     * /bin         -> usr/bin                  relative, to a directory
     * /abs         -> /usr/lib/os-release      absolute
     * /rel         -> usr/lib/os-release       relative
     * /etc/up      -> ../usr/lib               relative with ..
     * /escape      -> ../../../../etc/os-release   .. beyond the root
     * /hostpath    -> /etc/../../../usr        absolute with .. beyond the root
     * /chain1      -> chain2 ; /chain2 -> /etc/up ; so chain1 is /usr/lib
     * /via         -> /etc/up/os-release       through a link in the middle
     * /dangling    -> /nowhere/file            missing target, absolute
     * /dangling2   -> missing/deeper           missing target, relative
     * /usr/bin/sh  -> ../../bin/sh-real        climbs to /, then through /bin again; dangling
     * /slash       -> /                        the root
     * /dotdot      -> ..                       the root's parent: the root
     * </pre>
     *
     * @return link path and expected resolved target
     */
    static Stream<Arguments> links() {
        return Stream.of(
                Arguments.of("/abs", "/usr/lib/os-release"),
                Arguments.of("/rel", "/usr/lib/os-release"),
                Arguments.of("/bin", "/usr/bin"),
                Arguments.of("/etc/up", "/usr/lib"),
                Arguments.of("/escape", "/etc/os-release"),
                Arguments.of("/hostpath", "/usr"),
                Arguments.of("/chain1", "/usr/lib"),
                Arguments.of("/via", "/usr/lib/os-release"),
                Arguments.of("/dangling", "/nowhere/file"),
                Arguments.of("/dangling2", "/missing/deeper"),
                Arguments.of("/bin/sh", "/usr/bin/sh-real"),
                Arguments.of("/usr/bin/sh", "/usr/bin/sh-real"),
                Arguments.of("/slash", "/"),
                Arguments.of("/dotdot", "/"),
                Arguments.of("/opt/app/conf", "/etc/os-release"),
                Arguments.of("/opt/app/via-abs", "/usr/lib/os-release"));
    }

    @ParameterizedTest(name = "{0} resolves to {1}")
    @MethodSource("links")
    void aSymlinksTargetIsResolvedInsideTheRoot(String link, String expected) throws IOException {
        String root = linkLayout();
        try (FsView view = open(root)) {
            PathStat st = view.stat(link);
            assertThat(st.isSymbolicLink()).isTrue();
            assertThat(st.linkTarget()).isEqualTo(expected);
        }
    }

    /**
     * {@code /bin/sh} is {@code /usr/bin/sh} (through {@code /bin -> usr/bin}); its target's
     * {@code ../..} climbs from {@code /usr/bin} to {@code /}, and {@code bin} there is the link to
     * {@code usr/bin} again: {@code /usr/bin/sh-real}.
     */
    private String linkLayout() throws IOException {
        String root = dir("root");
        file(root + "/etc/os-release", "ID=test");
        file(root + "/usr/lib/os-release", "ID=test");
        host.mkdirs(root + "/usr/bin");
        host.symlink(root + "/bin", "usr/bin");
        host.symlink(root + "/abs", "/usr/lib/os-release");
        host.symlink(root + "/rel", "usr/lib/os-release");
        host.symlink(root + "/etc/up", "../usr/lib");
        host.symlink(root + "/escape", "../../../../etc/os-release");
        host.symlink(root + "/hostpath", "/etc/../../../usr");
        host.symlink(root + "/chain1", "chain2");
        host.symlink(root + "/chain2", "/etc/up");
        host.symlink(root + "/via", "/etc/up/os-release");
        host.symlink(root + "/dangling", "/nowhere/file");
        host.symlink(root + "/dangling2", "missing/deeper");
        host.symlink(root + "/usr/bin/sh", "../../bin/sh-real");
        host.symlink(root + "/slash", "/");
        host.symlink(root + "/dotdot", "..");
        host.mkdirs(root + "/opt/app");
        host.symlink(root + "/opt/app/conf", "/etc/os-release");
        host.symlink(root + "/opt/app/via-abs", "/etc/up/os-release");
        return root;
    }

    @Test
    void aSymlinkLoopFailsWithTooManyLevelsOfSymbolicLinks() throws IOException {
        String root = dir("root");
        host.symlink(root + "/self", "self");
        host.symlink(root + "/ping", "pong");
        host.symlink(root + "/pong", "/ping");
        try (FsView view = open(root)) {
            for (String loop : new String[] {"/self", "/ping"}) {
                assertThatThrownBy(() -> view.stat(loop))
                        .isInstanceOf(FileSystemException.class)
                        .extracting(e -> ((FileSystemException) e).getReason())
                        .isEqualTo("Too many levels of symbolic links");
            }
        }
    }

    // A loop fails under any budget; only chains of exactly 40 and 41 links pin Linux's own
    // (MAXSYMLINKS, counted over the whole lookup, final component or not). This is the view's
    // file system, i.e. the kernel's path walk; stat's link target has the seed's resolver and
    // budget, above.
    @Test
    void theViewsFileSystemFollowsFortyLinksInOneLookupAndFailsOnTheFortyFirst()
            throws IOException {
        String root = dir("root");
        file(root + "/target/file", "reached");
        chain(root, "f", 40, "/target/file");
        chain(root, "g", 41, "/target/file");
        chain(root, "d", 40, "/target");
        chain(root, "e", 41, "/target");
        try (FsView view = open(root)) {
            assertThat(Files.readString(view.path("/f1"))).isEqualTo("reached");
            assertThat(Files.readString(view.path("/d1/file"))).isEqualTo("reached");
            for (String tooLong : new String[] {"/g1", "/e1/file"}) {
                assertThatThrownBy(() -> Files.readString(view.path(tooLong)))
                        .as(tooLong)
                        .isInstanceOf(FileSystemException.class)
                        .extracting(e -> ((FileSystemException) e).getReason())
                        .asString()
                        .startsWith("Too many levels of symbolic links");
            }
        }
    }

    /** Links {@code /<prefix>1 -> <prefix>2 -> ... -> <prefix><length> -> end}: length links. */
    private void chain(String root, String prefix, int length, String end) throws IOException {
        for (int i = 1; i <= length; i++) {
            host.symlink(root + "/" + prefix + i, i == length ? end : prefix + (i + 1));
        }
    }

    @Test
    void aRelativeLinkIsResolvedFromItsOwnDirectoryWhateverTheWorkingDirectory()
            throws IOException {
        String root = dir("root");
        file(root + "/opt/app/conf/real.conf", "x");
        host.symlink(root + "/opt/app/current.conf", "conf/real.conf");
        try (FsView view = open(root)) {
            view.chdir("/opt");
            PathStat st = view.stat("app/current.conf");
            assertThat(st.name()).isEqualTo("current.conf");
            assertThat(st.linkTarget()).isEqualTo("/opt/app/conf/real.conf");
        }
    }
}
