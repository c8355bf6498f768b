package dev.fsview.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsview.FsView;
import dev.fsview.FsViews;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.fake.vfs.Stat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/** Importing real trees into the fake host, as the command line's dry run does. */
class DiskImportTest {
    @TempDir
    Path real;

    private void buildRealTree() throws Exception {
        Files.createDirectories(real.resolve("etc"));
        Files.writeString(real.resolve("etc/hostname"), "real-box\n");
        Files.setAttribute(real.resolve("etc/hostname"), "unix:mode", 04750);
        Files.setLastModifiedTime(
                real.resolve("etc/hostname"), FileTime.fromMillis(1_234_567_000L));
        Files.createSymbolicLink(real.resolve("escape"), Path.of("/etc"));
        Files.createSymbolicLink(real.resolve("rel"), Path.of("etc/hostname"));
        Files.createLink(real.resolve("hard"), real.resolve("etc/hostname"));
    }

    @Test
    void aRealTreeIsCopiedWithLinksVerbatimModesTimesAndHardLinks() throws Exception {
        assumeTrue(Oracle.LINUX, "reads unix attributes of the real disk");
        buildRealTree();
        FakeHost host = new FakeHost();
        host.importTree(real, "/imported");
        assertThat(host.readString("/imported/etc/hostname")).isEqualTo("real-box\n");
        assertThat(host.readLink("/imported/escape")).isEqualTo("/etc");
        assertThat(host.readLink("/imported/rel")).isEqualTo("etc/hostname");
        Stat st = host.lstat("/imported/etc/hostname").orElseThrow();
        assertThat(st.mode()).isEqualTo(0104750);
        assertThat(st.mtime()).isEqualTo(1_234_567_000_000_000L);
        assertThat(st.nlink()).isEqualTo(2);
        assertThat(host.lstat("/imported/hard").orElseThrow().ino()).isEqualTo(st.ino());
        assertThat(host.exists("/imported/escape/passwd"))
                .as("the link is not followed on import")
                .isFalse();
    }

    @Test
    void aRootThatIsASymlinkOnTheDiskIsImportedAsWhatItPointsTo() throws Exception {
        assumeTrue(Oracle.LINUX, "reads unix attributes of the real disk");
        buildRealTree();
        Path link = real.resolveSibling(real.getFileName() + "-link");
        Files.createSymbolicLink(link, real);
        try (FsView view =
                FsViews.provider("fake").open(ViewSpec.builder(link.toString()).build())) {
            assertThat(Files.readString(view.path("/etc/hostname"))).isEqualTo("real-box\n");
        } finally {
            Files.delete(link);
        }
    }

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    @Test
    void aRealMountPointInsideTheTreeBecomesAMountOfTheFakeHostReadOnlyIfTheRealOneIs()
            throws Exception {
        assumeTrue(Oracle.LINUX, "mounts need Linux");
        Path rw = Files.createDirectories(real.resolve("rw"));
        Path ro = Files.createDirectories(real.resolve("ro"));
        assumeTrue(
                run("mount", "-t", "tmpfs", "-o", "size=1m", "fsview-fake-import", rw.toString()),
                "mounting a tmpfs needs CAP_SYS_ADMIN, which this process lacks");
        try {
            Files.writeString(rw.resolve("in-tmpfs"), "t");
            assertThat(run(
                            "mount",
                            "-t",
                            "tmpfs",
                            "-o",
                            "size=1m,ro",
                            "fsview-fake-import",
                            ro.toString()))
                    .isTrue();
            FakeHost host = new FakeHost();
            host.importTree(real, "/imported");
            assertThat(host.readString("/imported/rw/in-tmpfs")).isEqualTo("t");
            assertThat(host.mounts())
                    .contains("/imported/rw tmpfs tmpfs rw", "/imported/ro tmpfs tmpfs ro");
            assertThat(host.lstat("/imported/rw").orElseThrow().dev())
                    .isNotEqualTo(host.lstat("/imported").orElseThrow().dev());
        } finally {
            run("umount", "-l", ro.toString());
            run("umount", "-l", rw.toString());
        }
    }

    @Test
    void theServiceProviderImportsTheRootOnOpenAndKeepsWritesInMemory() throws Exception {
        assumeTrue(Oracle.LINUX, "reads unix attributes of the real disk");
        buildRealTree();
        Path data = Files.createDirectories(real.resolveSibling(real.getFileName() + "-data"));
        Files.writeString(data.resolve("d"), "volume");
        ViewSpec spec = ViewSpec.builder(real.toString())
                .mount(MountSpec.bind(data.toString(), "/data").writable().build())
                .build();
        try (FsView view = FsViews.provider("fake").open(spec)) {
            assertThat(Files.readString(view.path("/etc/hostname"))).isEqualTo("real-box\n");
            assertThat(Files.readString(view.path("/data/d"))).isEqualTo("volume");
            assertThat(Files.readString(view.path("/rel"))).isEqualTo("real-box\n");
            assertThat(view.stat("/escape").linkTarget()).isEqualTo("/etc");
            Files.writeString(view.path("/data/d"), "dry run");
            Files.writeString(view.path("/new"), "x");
        }
        assertThat(Files.readString(data.resolve("d"))).isEqualTo("volume");
        assertThat(Files.exists(real.resolve("new"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        Files.delete(data.resolve("d"));
        Files.delete(data);
    }
}
