package dev.fsview.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.testkit.HostFixture.Kind;
import dev.fsview.testkit.host.LoopDevice;
import dev.fsview.testkit.support.HostTree;
import dev.fsview.testkit.support.RequiredNotSkipped;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * What the kernel enforces for a view, and the fake simulates (issue 12): every mount is
 * {@code nodev} (a device node opens nothing, EACCES, through every entry point); a read-only root
 * gives EROFS while a writable volume stays writable, even with a process racing renames in the
 * root; read-only binds never leave a writable submount under a racer; a destination through a
 * dangling symlink is resolved inside the root; {@code createMissingTargets(false)} leaves the
 * root byte-for-byte unchanged.
 *
 * <p>Counts are small for CI; the Maven profile {@code -Psoak} (system property
 * {@value #SOAK}) runs 10,000 racing copies and 5,000 racing opens.
 */
public abstract class KernelLimitsContract extends ViewContract {
    /** The system property that selects the soak counts. */
    public static final String SOAK = "fsview.soak";

    private static int count(int ci, int soak) {
        return Boolean.getBoolean(SOAK) ? soak : ci;
    }

    /** Every way a view opens a file: FileSystem read and write, stat then open, a task. */
    private void refusedEverywhere(FsView view, String node) {
        assertThatThrownBy(() -> Files.newInputStream(view.path(node)).close())
                .as("FileSystem read of %s", node)
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> Files.newByteChannel(view.path(node), StandardOpenOption.WRITE)
                        .close())
                .as("FileSystem write of %s", node)
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> {
                    assertThat(view.stat(node)).isNotNull();
                    try (InputStream in = Files.newInputStream(view.path(node))) {
                        in.read();
                    }
                })
                .as("stat then open of %s", node)
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> view.call(ctx -> {
                    try (InputStream in = Files.newInputStream(ctx.path(node))) {
                        return in.read();
                    }
                }))
                .as("task read of %s", node)
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> view.call(ctx -> {
                    Files.newByteChannel(ctx.path(node), StandardOpenOption.WRITE)
                            .close();
                    return null;
                }))
                .as("task write of %s", node)
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aDeviceNodeOpensNothingThroughEveryEntryPoint() throws IOException {
        String root = dir("root");
        String vol = dir("vol");
        host.mknod(root + "/null", false, 1, 3);
        host.mknod(vol + "/null", false, 1, 3);
        try (FsView view = open(spec(root)
                .mount(MountSpec.bind(vol, "/vol").writable().build())
                .mount(MountSpec.bind(vol, "/ro").build()))) {
            for (String node : List.of("/null", "/vol/null", "/ro/null")) {
                refusedEverywhere(view, node);
            }
        }
    }

    @Test
    void aNodeOfAHostLoopDeviceOpensNothing() throws IOException {
        if (!host.devicesReachHostDevices()) {
            // inert device nodes (the fake): refused under nodev, ENXIO when devices are allowed
            String root = dir("root");
            host.mknod(root + "/disk", true, 7, 0);
            try (FsView view = open(spec(root))) {
                refusedEverywhere(view, "/disk");
            }
            try (FsView view = open(spec(root).allowDevices())) {
                assertThatThrownBy(
                                () -> Files.newInputStream(view.path("/disk")).close())
                        .isInstanceOfSatisfying(
                                FileSystemException.class,
                                e -> assertThat(e.getReason())
                                        .isEqualTo("No such device or address"));
            }
            return;
        }
        if (!LoopDevice.available()) {
            // Only where the tool is truly missing; CI (fsview.requireLinux) fails instead.
            String why = "losetup (util-linux) is not installed, so no loop device can be made";
            if (RequiredNotSkipped.required()) {
                throw new AssertionError(why + "; CI must install util-linux");
            }
            Assumptions.abort(why);
        }
        String root = dir("root");
        try (LoopDevice loop = LoopDevice.attach((byte) 0x5a)) {
            host.mknod(root + "/disk", true, loop.major(), loop.minor());
            try (FsView view = open(spec(root))) {
                refusedEverywhere(view, "/disk");
            }
            // allowDevices() is what it says: the node opens the host's device.
            try (FsView view = open(spec(root).allowDevices());
                    InputStream in = Files.newInputStream(view.path("/disk"))) {
                assertThat(in.readNBytes(4)).containsOnly((byte) 0x5a);
            }
        }
    }

    @Test
    void aReadOnlyRootGivesErofsWhileAWritableVolumeStaysWritable() throws IOException {
        String root = dir("root");
        host.mkdirs(root + "/etc");
        host.write(root + "/etc/conf", "conf");
        host.mkdirs(root + "/data");
        String vol = dir("vol");
        HostTree before = HostTree.of(host, root);
        try (FsView view = open(spec(root)
                .readOnlyRoot()
                .mount(MountSpec.bind(vol, "/data").writable().build()))) {
            readOnlyRootAndWritableVolume(view, vol);
        }
        assertThat(before.differences(HostTree.of(host, root))).isEmpty();
    }

    private void readOnlyRootAndWritableVolume(FsView view, String vol) throws IOException {
        assertThatThrownBy(() -> Files.writeString(view.path("/etc/new"), "x"))
                .isInstanceOfSatisfying(
                        FileSystemException.class,
                        e -> assertThat(e.getReason()).isEqualTo("Read-only file system"));
        assertThatThrownBy(() -> Files.writeString(view.path("/etc/conf"), "x"))
                .isInstanceOfSatisfying(
                        FileSystemException.class,
                        e -> assertThat(e.getReason()).isEqualTo("Read-only file system"));
        assertThatThrownBy(() -> view.call(ctx -> Files.createDirectory(ctx.path("/made"))))
                .isInstanceOfSatisfying(
                        FileSystemException.class,
                        e -> assertThat(e.getReason()).isEqualTo("Read-only file system"));
        Files.writeString(view.path("/data/ok"), "ok");
        assertThat(host.readString(vol + "/ok")).isEqualTo("ok");
    }

    @Test
    void aDestinationThroughADanglingLinkLandsWhereTheLinkPointsInsideTheRoot() throws IOException {
        String root = dir("root");
        host.mkdirs(root + "/var");
        host.symlink(root + "/var/run", "/run");
        String sock = dir("src") + "/app.sock";
        host.write(sock, "socket stand-in");
        try (FsView view =
                open(spec(root).mount(MountSpec.bind(sock, "/var/run/app.sock").build()))) {
            assertThat(host.kind(root + "/run/app.sock")).isEqualTo(Kind.FILE);
            assertThat(host.kind(root + "/var/run")).isEqualTo(Kind.SYMLINK);
            assertThat(Files.readString(view.path("/run/app.sock"))).isEqualTo("socket stand-in");
            assertThat(Files.readString(view.path("/var/run/app.sock")))
                    .isEqualTo("socket stand-in");
        }
    }

    @Test
    void aDestinationResolvingToTheRootIsRefused() throws IOException {
        String root = dir("root");
        host.symlink(root + "/tmp", "/");
        HostTree before = HostTree.of(host, root);
        assertThatThrownBy(() -> open(spec(root).mount(MountSpec.tmpfs("/tmp").build())))
                .isInstanceOfSatisfying(
                        MountStepException.class,
                        e -> assertThat(e.step()).isEqualTo(SetupStep.RESOLVE_TARGET));
        assertThat(before.differences(HostTree.of(host, root))).isEmpty();
    }

    @Test
    void withoutCreateMissingTargetsTheRootStaysByteForByteUnchanged() throws IOException {
        String root = dir("root");
        host.mkdirs(root + "/var");
        host.write(root + "/var/keep", "keep");
        host.symlink(root + "/var/run", "/run");
        String vol = dir("vol");
        String file = dir("files") + "/f";
        host.write(file, "f");
        HostTree before = HostTree.of(host, root);
        for (String dest : List.of("/opt/app", "/var/run/app.sock", "/var/new")) {
            MountSpec m = dest.endsWith(".sock")
                    ? MountSpec.bind(file, dest).build()
                    : MountSpec.bind(vol, dest).build();
            assertThatThrownBy(() -> open(spec(root)
                            .createMissingTargets(false)
                            .mount(MountSpec.bind(vol, "/var").build())
                            .mount(m)))
                    .as(dest)
                    .isInstanceOfSatisfying(MountStepException.class, e -> {
                        assertThat(e.step()).isEqualTo(SetupStep.CREATE_TARGET);
                        assertThat(e.getMessage()).contains("createMissingTargets(false)");
                    });
            assertThat(before.differences(HostTree.of(host, root))).as(dest).isEmpty();
        }
    }

    @Test
    void aRacerRenamingDirectoriesInAReadOnlyRootGetsNothingWritten() throws Exception {
        String root = dir("root");
        host.mkdirs(root + "/a/b");
        String vol = dir("vol");
        host.write(vol + "/payload", "payload");
        host.mkdirs(root + "/in");
        try (FsView view = open(spec(root)
                .readOnlyRoot()
                .mount(MountSpec.bind(vol, "/in").writable().build()))) {
            copyWhileRacing(view, root);
        }
        assertThat(host.list(root + "/a/b")).isEmpty();
        assertThat(host.list(root)).containsExactlyInAnyOrder("a", "in");
    }

    private void copyWhileRacing(FsView view, String root) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> racerFailed = new ArrayList<>();
        Thread racer = new Thread(
                () -> {
                    try {
                        while (!stop.get()) {
                            host.rename(root + "/a", root + "/c");
                            host.rename(root + "/c", root + "/a");
                        }
                    } catch (IOException | RuntimeException e) {
                        racerFailed.add(e);
                    }
                },
                "fsview-testkit-racer");
        racer.start();
        int written = 0;
        try {
            for (int i = 0, n = count(500, 10_000); i < n; i++) {
                String target = (i % 2 == 0 ? "/a/b/f" : "/c/b/f") + i;
                try {
                    Files.copy(view.path("/in/payload"), view.path(target));
                    written++;
                } catch (FileSystemException e) {
                    // EROFS, or the directory was renamed away at that moment: never written.
                    if (!(e instanceof NoSuchFileException)) {
                        assertThat(e.getReason()).as(target).isEqualTo("Read-only file system");
                    }
                }
            }
        } finally {
            stop.set(true);
            racer.join();
        }
        assertThat(racerFailed).isEmpty();
        assertThat(written).as("copies written into the read-only root").isZero();
    }

    @Test
    void withARacerReadOnlyBindsNeverLeaveAWritableSubmount() throws Exception {
        String root = dir("root");
        host.mkdirs(root + "/a");
        host.mkdirs(root + "/a/vol");
        String vol = dir("vol");
        host.write(vol + "/marker", "volume");
        host.mkdirs(vol + "/sub");
        host.mountTmpfs(vol + "/sub");
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> racerFailed = new ArrayList<>();
        Thread racer = new Thread(
                () -> {
                    try {
                        while (!stop.get()) {
                            host.rename(root + "/a", root + "/z");
                            host.rename(root + "/z", root + "/a");
                            // Now and then a short rest: on a loaded two-core machine a racer
                            // that never rests can fail every open of a slow variant (0 of 300),
                            // and the test must see opens that ran beside the race.
                            if (ThreadLocalRandom.current().nextInt(8) == 0) {
                                LockSupport.parkNanos(100_000);
                            }
                        }
                    } catch (FileSystemException e) {
                        racerFailed.add(e);
                    } catch (IOException | RuntimeException e) {
                        racerFailed.add(e);
                    }
                },
                "fsview-testkit-racer");
        racer.start();
        int opened = 0;
        try {
            for (int i = 0, n = count(300, 5_000); i < n; i++) {
                FsView view;
                try {
                    // No target is created, so an open that runs while /a is away fails and the
                    // racer's renames keep working.
                    view = open(spec(root)
                            .createMissingTargets(false)
                            .mount(MountSpec.bind(vol, "/a/vol").build()));
                } catch (MountStepException e) {
                    continue; // the race may fail an open, never make it writable
                }
                try (view) {
                    opened++;
                    for (String top : List.of("/a/vol", "/z/vol")) {
                        if (!Files.exists(view.path(top + "/marker"))) {
                            continue; // renamed away at this moment
                        }
                        for (String at : List.of(top + "/x", top + "/sub/x")) {
                            try {
                                Files.writeString(view.path(at), "x");
                                throw new AssertionError("open #" + i + ": " + at
                                        + " was writable in a read-only volume");
                            } catch (FileSystemException expected) {
                                // EROFS, or not there at that moment
                            }
                        }
                    }
                }
            }
        } finally {
            stop.set(true);
            racer.join();
        }
        assertThat(racerFailed).isEmpty();
        assertThat(opened).as("views that opened despite the racer").isPositive();
        assertThat(host.list(vol + "/sub")).isEmpty();
        assertThat(host.list(vol)).containsExactlyInAnyOrder("marker", "sub");
    }
}
