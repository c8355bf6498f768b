package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.ViewSpec;
import dev.fsview.linux.step.Faults;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the kernel enforces for a view (issue 12): nodev on every mount, a read-only root, created
 * targets that a failed open removes, and {@code createMissingTargets(false)}.
 */
class KernelLimitsTest extends ViewFixture {

    private Path mknod(Path at, String type, int major, int minor) throws Exception {
        Process p = new ProcessBuilder(
                        "mknod",
                        at.toString(),
                        type,
                        Integer.toString(major),
                        Integer.toString(minor))
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor()).as("mknod " + at).isZero();
        return at;
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aDeviceNodeOpensNothingThroughAnyEntryPoint(Variant v) throws Exception {
        Path root = dir("root");
        Path vol = dir("vol");
        dir("vol/sub");
        hostTmpfs(tmp.resolve("vol/sub"));
        mknod(root.resolve("null"), "c", 1, 3);
        mknod(vol.resolve("null"), "c", 1, 3);
        mknod(vol.resolve("sub/null"), "c", 1, 3);
        FsView view = open(v.apply(ViewSpec.builder(root)
                        .mount(MountSpec.bind(vol, "/vol").writable().build())
                        .mount(MountSpec.bind(vol, "/ro").build()))
                .build());
        for (String node : List.of("/null", "/vol/null", "/vol/sub/null", "/ro/sub/null")) {
            // stat works (it is a character device), open is refused with EACCES.
            assertThat(view.stat(node)).as(node).isNotNull();
            assertThatThrownBy(() -> Files.newInputStream(view.path(node)).close())
                    .as(node)
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> Files.newByteChannel(view.path(node), StandardOpenOption.WRITE)
                            .close())
                    .as(node)
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> view.call(ctx -> {
                        try (InputStream in = Files.newInputStream(Path.of(node))) {
                            return in.read();
                        }
                    }))
                    .as(node)
                    .isInstanceOf(AccessDeniedException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aLoopDevicesNodeInTheContainerDoesNotOpenTheHostsDevice(Variant v) throws Exception {
        Path backing = tmp.resolve("disk.img");
        Files.write(backing, new byte[64 * 1024]);
        String loop = run("losetup", "-f", "--show", backing.toString()).strip();
        try {
            String[] mm = run("stat", "-c", "%t %T", loop).strip().split(" ");
            Path root = dir("root");
            mknod(
                    root.resolve("disk"),
                    "b",
                    Integer.parseInt(mm[0], 16),
                    Integer.parseInt(mm[1], 16));
            FsView view = open(v.apply(ViewSpec.builder(root)).build());
            assertThatThrownBy(() -> Files.newInputStream(view.path("/disk")).close())
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(
                            () -> Files.newByteChannel(view.path("/disk"), StandardOpenOption.WRITE)
                                    .close())
                    .isInstanceOf(AccessDeniedException.class);
            view.close();
            FsView allowed = open(v.apply(ViewSpec.builder(root).allowDevices()).build());
            try (InputStream in = Files.newInputStream(allowed.path("/disk"))) {
                assertThat(in.readNBytes(16)).hasSize(16);
            }
        } finally {
            run("losetup", "-d", loop);
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void allowDevicesOpensDeviceNodes(Variant v) throws Exception {
        Path root = dir("root");
        mknod(root.resolve("null"), "c", 1, 3);
        FsView view = open(v.apply(ViewSpec.builder(root).allowDevices()).build());
        try (InputStream in = Files.newInputStream(view.path("/null"))) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aReadOnlyRootGivesEROFSWhileAWritableVolumeStaysWritable(Variant v) throws Exception {
        Path root = dir("root");
        dir("root/etc");
        Path vol = dir("vol");
        FsView view = open(v.apply(ViewSpec.builder(root)
                        .readOnlyRoot()
                        .mount(MountSpec.bind(vol, "/data").writable().build()))
                .build());
        assertThatThrownBy(() -> Files.writeString(view.path("/etc/new"), "x"))
                .isInstanceOfSatisfying(
                        FileSystemException.class,
                        e -> assertThat(e.getMessage()).contains("Read-only file system"));
        assertThatThrownBy(() -> view.call(ctx -> Files.createDirectory(Path.of("/made"))))
                .hasMessage("/made: Read-only file system");
        Files.writeString(view.path("/data/ok"), "ok");
        assertThat(vol.resolve("ok")).hasContent("ok");
        assertThat(root.resolve("etc/new")).doesNotExist();
        assertThat(root.resolve("made")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void withoutCreateMissingTargetsTheRootStaysByteForByteUnchanged(Variant v) throws Exception {
        Path root = dir("root");
        dir("root/var");
        Files.writeString(root.resolve("var/keep"), "keep");
        Files.createSymbolicLink(root.resolve("var/run"), Path.of("/run"));
        Map<String, String> before = snapshot(root);
        ViewSpec spec = v.apply(ViewSpec.builder(root)
                        .createMissingTargets(false)
                        .mount(MountSpec.bind(dir("vol"), "/var").build())
                        .mount(MountSpec.bind(dir("vol2"), "/opt/app").build()))
                .build();
        assertThatThrownBy(() -> open(spec)).isInstanceOfSatisfying(MountStepException.class, e -> {
            assertThat(e.step()).isEqualTo(SetupStep.CREATE_TARGET);
            assertThat(e.getMessage()).contains("/opt/app", "createMissingTargets(false)");
        });
        assertThat(snapshot(root)).isEqualTo(before);
        // An existing target is fine.
        FsView view = open(v.apply(ViewSpec.builder(root)
                        .createMissingTargets(false)
                        .mount(MountSpec.bind(tmp.resolve("vol"), "/var").build()))
                .build());
        assertThat(view.stat("/var")).isNotNull();
        assertThat(snapshot(root)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aFailedOpenRemovesTheTargetsItCreated(Variant v) throws Exception {
        Path root = dir("root");
        dir("root/etc");
        Map<String, String> before = snapshot(root);
        ViewSpec spec = v.apply(ViewSpec.builder(root)
                        .mount(MountSpec.bind(dir("a"), "/new/deep/a").build())
                        .mount(MountSpec.bind(file("f.txt", "f"), "/etc/app/f.txt")
                                .build())
                        .mount(MountSpec.tmpfs("/run/t").build())
                        .option(Faults.OPTION, "tmpfs"))
                .build();
        assertThatThrownBy(() -> open(spec)).isInstanceOf(MountStepException.class);
        // Entries, modes and contents as before; only the root directory's mtime tells.
        assertThat(snapshot(root).keySet()).isEqualTo(before.keySet());
        assertThat(snapshot(root).get("etc")).isEqualTo(before.get("etc"));
    }

    /** Every entry of a tree with its type, mode, size, mtime and content or link target. */
    static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(all::add);
        }
        for (Path p : all) {
            Map<String, Object> a = Files.readAttributes(
                    p,
                    "unix:mode,size,lastModifiedTime,ino",
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            String content = Files.isSymbolicLink(p)
                    ? "-> " + Files.readSymbolicLink(p)
                    : Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            ? Files.readString(p)
                            : "";
            out.put(root.relativize(p).toString(), a + " " + content);
        }
        return out;
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }
}
