package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.ViewSpec;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Map;

/**
 * User and group names in a view come from the container's /etc/passwd and /etc/group (glibc reads
 * them relative to the view thread's root, also for attributes read in the view and looked at
 * from another thread), but glibc's NSS <em>code</em> is never loaded from the
 * container: the sudo-chroot attack (CVE-2025-32463) plants an nsswitch.conf naming a module and
 * the module's library. fsview initialises NSS on the host before any view switches root, and
 * glibc then never reloads nsswitch.conf once "/" has changed. The planted libraries' access times
 * tell whether anything opened them.
 */
class NssIsolationTest extends ViewFixture {
    @Test
    void namesComeFromTheContainerButNssModulesNeverDo() throws Exception {
        Path root = dir("root");
        dir("root/etc");
        Files.writeString(
                root.resolve("etc/nsswitch.conf"),
                "passwd: evil files\ngroup: evil files\nshadow: evil\n");
        Files.writeString(root.resolve("etc/passwd"), "fsview-container-root:x:0:0::/:/bin/sh\n");
        Files.writeString(root.resolve("etc/group"), "fsview-container-group:x:0:\n");
        Files.writeString(root.resolve("owned"), "x");
        List<Path> planted = PlantedFiles.plantNssModules(root);

        FsView view = open(ViewSpec.builder(root).build());
        String owner = view.call(ctx -> Files.getOwner(Path.of("/owned")).getName());
        PosixFileAttributes attrs =
                Files.readAttributes(view.path("/owned"), PosixFileAttributes.class);
        Map<String, Object> unix =
                Files.readAttributes(view.path("/owned"), "unix:*", LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes viaView = Files.getFileAttributeView(
                        view.path("/owned"), java.nio.file.attribute.PosixFileAttributeView.class)
                .readAttributes();

        assertThat(owner).isEqualTo("fsview-container-root");
        assertThat(attrs.owner().getName()).isEqualTo("fsview-container-root");
        assertThat(attrs.group().getName()).isEqualTo("fsview-container-group");
        assertThat(unix.get("owner").toString()).isEqualTo("fsview-container-root");
        assertThat(viaView.owner().getName()).isEqualTo("fsview-container-root");
        assertThat(viaView.group().getName()).isEqualTo("fsview-container-group");
        PlantedFiles.assertNeverRead(planted);
    }
}
