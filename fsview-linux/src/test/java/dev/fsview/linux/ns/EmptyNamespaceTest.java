package dev.fsview.linux.ns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsview.FsView;
import dev.fsview.ViewSpec;
import dev.fsview.linux.LinuxProvider;
import dev.fsview.linux.setup.LinuxOptions;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SysMount;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The namespace views are set up in: one empty, read-only tmpfs, made once per JVM, never changed
 * by a view (each view unshares its own copy of it).
 */
class EmptyNamespaceTest {
    @TempDir
    Path tmp;

    @Test
    void aTableOfOneReadOnlyTmpfsRootIsTheOnlyOneAccepted() {
        String tmpfs = "87 65 0:39 / / ro,nosuid,nodev,noexec,relatime - tmpfs none rw,size=4k\n";
        assertThat(EmptyNamespace.isOnlyTheTmpfs(tmpfs)).isTrue();
        // A host mount left under it would be in every view's namespace.
        assertThat(EmptyNamespace.isOnlyTheTmpfs(
                        tmpfs + "88 87 8:1 / /v rw,relatime - ext4 /dev/vda rw\n"))
                .isFalse();
        assertThat(EmptyNamespace.isOnlyTheTmpfs(tmpfs.replace(" ro,", " rw,"))).isFalse();
        assertThat(EmptyNamespace.isOnlyTheTmpfs(tmpfs.replace("- tmpfs", "- ext4")))
                .isFalse();
        assertThat(EmptyNamespace.isOnlyTheTmpfs(tmpfs.replace(" / / ", " / /v ")))
                .isFalse();
        assertThat(EmptyNamespace.isOnlyTheTmpfs("")).isFalse();
    }

    @Test
    void itHoldsOneEmptyReadOnlyTmpfsWithTheMountPoint() throws Exception {
        EmptyNamespace empty = requireEmptyNamespace();
        List<Object> seen = inEmptyNamespace(empty);
        assertThat((String) seen.get(0))
                .as("its mount table")
                .satisfies(t -> assertThat(EmptyNamespace.isOnlyTheTmpfs(t)).isTrue());
        assertThat(seen.get(1)).as("its root's entries").isEqualTo(List.of("v"));
        assertThat(seen.get(2)).as("back on the host").isEqualTo(true);
    }

    @Test
    void aMountATaskMakesStaysInItsViewAndLeavesTheEmptyNamespaceEmpty() throws Exception {
        EmptyNamespace empty = requireEmptyNamespace();
        Path root = Files.createDirectories(tmp.resolve("root/mnt"));
        ViewSpec spec = ViewSpec.builder(root.getParent())
                .option(LinuxOptions.NAMESPACE, "empty")
                .build();
        try (FsView view = new LinuxProvider().open(spec)) {
            view.run(ctx -> SysMount.mount("tmpfs", "/mnt", "tmpfs", 0, "size=4k"));
            assertThat(Files.getFileStore(view.path("/mnt")).type())
                    .as("the task's mount, in its view")
                    .isEqualTo("tmpfs");
            try (FsView other = new LinuxProvider().open(spec)) {
                assertThat(Files.getFileStore(other.path("/mnt")).type())
                        .as("another view's /mnt")
                        .isNotEqualTo("tmpfs");
            }
        }
        assertThat((String) inEmptyNamespace(empty).get(0))
                .satisfies(t -> assertThat(EmptyNamespace.isOnlyTheTmpfs(t)).isTrue());
    }

    private static EmptyNamespace requireEmptyNamespace() {
        assumeTrue(new LinuxProvider().availability().isAvailable(), "needs CAP_SYS_ADMIN");
        EmptyNamespace empty = EmptyNamespace.shared();
        assertThat(empty)
                .as("the empty namespace, on a kernel with the new mount API")
                .isNotNull();
        return empty;
    }

    /** On a thread of its own: enter, read the table and list the root, return to the host. */
    private static List<Object> inEmptyNamespace(EmptyNamespace empty) throws Exception {
        AtomicReference<List<Object>> seen = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try (Fd proc = new Fd(
                    Sys.openat(
                            Linux.AT_FDCWD,
                            "/proc/thread-self",
                            Arch.O_PATH | Arch.O_CLOEXEC | Arch.current().oDirectory(),
                            0),
                    "proc")) {
                List<Object> out = new ArrayList<>();
                // Loaded on the host: in the empty namespace no class directory is there to read.
                MountNamespace.leftOnThisThread();
                SysMount.unshare(Linux.CLONE_FS);
                empty.enter();
                out.add(EmptyNamespace.mountinfo(proc));
                try (Stream<Path> entries = Files.list(Path.of("/"))) {
                    out.add(entries.map(p -> p.getFileName().toString()).toList());
                }
                out.add(MountNamespace.returnToHost());
                seen.set(out);
            } catch (Throwable e) {
                failure.set(e);
                MountNamespace.returnToHost();
            }
        });
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        return seen.get();
    }
}
