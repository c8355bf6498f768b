package dev.fsview.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.ViewSpec;
import dev.fsview.fake.host.Dentry;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;

/**
 * No depth makes the fake throw an Error (issue 13): a host tree 10,000 directories deep, made by
 * renames as a container's process could, opens in a view, is walked to the bottom from
 * directory descriptors, names its deepest dentry, clones its mounts, and fails path-based
 * operations past PATH_MAX with the kernel's ENAMETOOLONG.
 */
class DeepTreeTest {
    private static final int DEPTH = 10_000;

    /** Chains of 1,990 short enough to be named, renamed one into another. */
    private static void build(FakeHost host) throws IOException {
        host.mkdirs("/c/root");
        int chunk = 1_990;
        int built = 0;
        while (built < DEPTH) {
            String piece = "/c/piece";
            String bottom = piece + "/a".repeat(chunk - 1);
            host.mkdirs(bottom);
            if (built > 0) {
                host.rename("/c/root/a", bottom + "/a");
            }
            host.rename(piece, "/c/root/a");
            built += chunk;
        }
    }

    @Test
    void aTreeDeeperThanAnyPathOpensWalksAndFailsLikeTheKernel() throws Exception {
        FakeHost host = new FakeHost();
        build(host);
        host.bindMount("/c/root", "/c/root", false, true); // a mount on top, cloned by each view
        try (FsView view = host.open(ViewSpec.builder("/c/root").build())) {
            int depth = 0;
            SecureDirectoryStream<Path> dir =
                    (SecureDirectoryStream<Path>) Files.newDirectoryStream(view.path("/"));
            Dentry deepest = null;
            while (true) {
                Path child = null;
                for (Path p : dir) {
                    child = p.getFileName();
                }
                if (child == null) {
                    break;
                }
                SecureDirectoryStream<Path> next =
                        dir.newDirectoryStream(child, LinkOption.NOFOLLOW_LINKS);
                dir.close();
                dir = next;
                depth++;
            }
            dir.close();
            assertThat(depth).isGreaterThanOrEqualTo(DEPTH);
            assertThatThrownBy(() -> Files.walk(view.path("/")).forEach(p -> {}))
                    .hasRootCauseInstanceOf(FileSystemException.class)
                    .rootCause()
                    .hasMessageContaining("File name too long");
            deepest = host.process().locked(() -> {
                dev.fsview.fake.mount.Location at = host.process().resolveLocked("/c/root", true);
                Dentry d = at.dentry();
                while (!((dev.fsview.fake.host.Directory) d.inode()).isEmpty()) {
                    d = ((dev.fsview.fake.host.Directory) d.inode()).list().get(0);
                }
                return d;
            });
            assertThat(deepest.toString()).hasSizeGreaterThan(2 * DEPTH);
        }
        assertThatThrownBy(() -> host.deleteRecursively("/c/root/a"))
                .isInstanceOfSatisfying(
                        FileSystemException.class,
                        e -> assertThat(e.getReason()).isEqualTo("File name too long"));
    }
}
