package dev.fsview.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsview.FsView;
import dev.fsview.ViewSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The import never follows a link on the host (issue 13): not one in the tree, not one a racing
 * process swaps in while the view walks into the tree and reads it lazily (an entry swapped since
 * it was listed is refused with EIO), not one a bind source is spelled through; no depth overflows
 * the stack; what cannot be read keeps its metadata and fails with EACCES.
 */
class DiskImportSafetyTest {
    private static final String CANARY = "host secret, never in a fake";

    @TempDir
    Path base;

    private Path outside() throws IOException {
        Path o = Files.createDirectories(base.resolve("outside"));
        Files.writeString(o.resolve("secret"), CANARY);
        return o;
    }

    /** Every file of the fake host under a path, read through the model, iteratively. */
    private static boolean holdsCanary(FakeHost host, String top) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        todo.push(top);
        while (!todo.isEmpty()) {
            String p = todo.pop();
            var st = host.lstat(p);
            if (st.isEmpty()) {
                continue;
            }
            int type = st.get().mode() & 0170000;
            try {
                if (type == 0040000) {
                    for (String n : host.list(p)) {
                        todo.push(p + "/" + n);
                    }
                } else if (type == 0100000 && host.readString(p).contains(CANARY)) {
                    return true;
                }
            } catch (FileSystemException e) {
                // swapped since it was listed: refused with EIO, never followed
                assertThat(e.getReason()).as(p).isEqualTo("Input/output error");
            }
        }
        return false;
    }

    @Test
    void aDirectorySwappedForALinkToTheOutsideDuringTheImportIsNeverFollowed() throws Exception {
        assumeTrue(Oracle.LINUX, "swaps real directories");
        Path outside = outside();
        Path root = Files.createDirectories(base.resolve("root"));
        Path d = Files.createDirectories(root.resolve("d"));
        for (int i = 0; i < 50; i++) {
            Files.writeString(d.resolve("f" + i), "inside");
        }
        Path link = Files.createSymbolicLink(root.resolve("dlink"), outside);
        Path parked = root.resolve("dparked");
        AtomicBoolean stop = new AtomicBoolean();
        Thread racer = new Thread(
                () -> {
                    while (!stop.get()) {
                        try {
                            Files.move(d, parked, StandardCopyOption.ATOMIC_MOVE);
                            Files.move(link, d, StandardCopyOption.ATOMIC_MOVE);
                            Thread.onSpinWait();
                            Files.move(d, link, StandardCopyOption.ATOMIC_MOVE);
                            Files.move(parked, d, StandardCopyOption.ATOMIC_MOVE);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                },
                "swapper");
        racer.start();
        try {
            for (int i = 0; i < 300; i++) {
                FakeHost host = new FakeHost();
                host.importTree(root, "/imported");
                assertThat(holdsCanary(host, "/imported"))
                        .as("import %d read a host file", i)
                        .isFalse();
            }
        } finally {
            stop.set(true);
            racer.join();
        }
    }

    @Test
    void aFileSwappedForALinkToAnOutsideFileIsImportedAsALinkOrLeftOutNeverRead() throws Exception {
        assumeTrue(Oracle.LINUX, "swaps real files");
        Path outside = outside();
        Path root = Files.createDirectories(base.resolve("root"));
        Path f = Files.writeString(root.resolve("f"), "inside");
        Path link = Files.createSymbolicLink(root.resolve("flink"), outside.resolve("secret"));
        Path sub = Files.createDirectories(root.resolve("sub"));
        Path subLink = Files.createSymbolicLink(root.resolve("sublink"), outside);
        Path parkedFile = root.resolve("fparked");
        Path parkedSub = root.resolve("subparked");
        for (int i = 0; i < 20; i++) {
            Files.writeString(root.resolve("pad" + i), "pad");
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread racer = new Thread(
                () -> {
                    while (!stop.get()) {
                        try {
                            Files.move(f, parkedFile, StandardCopyOption.ATOMIC_MOVE);
                            Files.move(link, f, StandardCopyOption.ATOMIC_MOVE);
                            Files.move(sub, parkedSub, StandardCopyOption.ATOMIC_MOVE);
                            Files.move(subLink, sub, StandardCopyOption.ATOMIC_MOVE);
                            Thread.onSpinWait();
                            Files.move(f, link, StandardCopyOption.ATOMIC_MOVE);
                            Files.move(parkedFile, f, StandardCopyOption.ATOMIC_MOVE);
                            Files.move(sub, subLink, StandardCopyOption.ATOMIC_MOVE);
                            Files.move(parkedSub, sub, StandardCopyOption.ATOMIC_MOVE);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                },
                "swapper");
        racer.start();
        try {
            for (int i = 0; i < 300; i++) {
                FakeHost host = new FakeHost();
                host.importTree(root, "/imported");
                assertThat(holdsCanary(host, "/imported"))
                        .as("import %d read a host file", i)
                        .isFalse();
            }
        } finally {
            stop.set(true);
            racer.join();
        }
    }

    @Test
    void anUnreadableFileKeepsItsRealSizeAndReadingItFailsWithAccessDenied() throws Exception {
        FakeHost host = new FakeHost();
        host.mkdirs("/r/etc")
                .file("/r/etc/shadow", new byte[0], 0640)
                .chown("/r/etc/shadow", 0, 42)
                .mkdirs("/r/root");
        host.process().locked(() -> {
            ((dev.fsview.fake.host.RegularFile)
                            host.process().resolveLocked("/r/etc/shadow", false).inode())
                    .denyContent(474);
            host.process().resolveLocked("/r/root", false).inode().denyContent();
            return null;
        });
        try (FsView view = host.open(ViewSpec.builder("/r").build())) {
            assertThat(view.stat("/etc/shadow").size()).isEqualTo(474);
            assertThat(view.stat("/etc/shadow").permissions()).isEqualTo(0640);
            assertThat(host.lstat("/r/etc/shadow").orElseThrow().gid()).isEqualTo(42);
            assertThatThrownBy(() -> Files.readAllBytes(view.path("/etc/shadow")))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> Files.list(view.path("/root")).close())
                    .isInstanceOf(AccessDeniedException.class);
        }
    }
}
