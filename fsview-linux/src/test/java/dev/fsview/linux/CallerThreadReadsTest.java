package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.ViewSpec;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * With openat2, reads of a view's file system run on the caller's thread (never handed to the view
 * thread), and names come from the container's /etc/passwd and /etc/group, else numeric.
 */
class CallerThreadReadsTest extends ViewFixture {
    @Test
    void readsRunOnTheCallersThreadWithTheContainersNames() throws Exception {
        Path root = dir("root");
        dir("root/etc");
        Files.writeString(
                root.resolve("etc/passwd"), "croot:x:0:0::/:/bin/sh\nalice:x:1234:5::/:\n");
        Files.writeString(root.resolve("etc/group"), "cgroup:x:0:\n");
        Files.writeString(root.resolve("f"), "x");
        Files.setAttribute(root.resolve("f"), "unix:gid", 4321);
        FsView view =
                open(ViewSpec.builder(root).option("linux.resolve", "openat2").build());

        // A task holding the view thread busy: reads must not wait for it.
        AtomicReference<PosixFileAttributes> read = new AtomicReference<>();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        view.start(ctx -> release.await());
        try {
            read.set(Files.readAttributes(view.path("/f"), PosixFileAttributes.class));
            assertThat(view.stat("/f").size()).isEqualTo(1);
        } finally {
            release.countDown();
        }
        assertThat(read.get().owner().getName()).isEqualTo("croot");
        assertThat(read.get().group().getName()).isEqualTo("4321");
        assertThat(Files.readAttributes(
                                view.path("/f"), "posix:owner,group", LinkOption.NOFOLLOW_LINKS)
                        .toString())
                .isEqualTo("{owner=croot, group=4321}");

        UserPrincipalLookupService lookup = view.fileSystem().getUserPrincipalLookupService();
        assertThat(lookup.lookupPrincipalByName("alice").getName()).isEqualTo("alice");
        assertThat(lookup.lookupPrincipalByName("77").getName()).isEqualTo("77");
        assertThat(lookup.lookupPrincipalByGroupName("cgroup").getName()).isEqualTo("cgroup");
        assertThatThrownBy(() -> lookup.lookupPrincipalByName("nobody-here"))
                .isInstanceOf(UserPrincipalNotFoundException.class);
    }

    /**
     * A FIFO planted as /etc/passwd neither blocks an owner lookup nor names anything, with or
     * without openat2 (then the file is read on the view thread, opened non-blocking).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"openat2", "walk"})
    void aFifoPlantedAsThePasswdFileNamesNothingAndBlocksNothing(String resolve) throws Exception {
        Path root = dir("root-" + resolve);
        dir("root-" + resolve + "/etc");
        Process mkfifo =
                new ProcessBuilder("mkfifo", root.resolve("etc/passwd").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        Files.writeString(root.resolve("etc/group"), "cgroup:x:4321:\n");
        Files.writeString(root.resolve("f"), "x");
        Files.setAttribute(root.resolve("f"), "unix:uid", 4321);
        Files.setAttribute(root.resolve("f"), "unix:gid", 4321);
        FsView view =
                open(ViewSpec.builder(root).option("linux.resolve", resolve).build());
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(10), () -> {
                    assertThat(Files.getOwner(view.path("/f")).getName()).isEqualTo("4321");
                    assertThat(Files.readAttributes(view.path("/f"), PosixFileAttributes.class)
                                    .group()
                                    .getName())
                            .isEqualTo("cgroup");
                    String free = view.call(ctx -> "view thread free");
                    assertThat(free).isEqualTo("view thread free");
                });
    }
}
