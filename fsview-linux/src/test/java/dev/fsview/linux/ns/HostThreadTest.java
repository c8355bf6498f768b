package dev.fsview.linux.ns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsview.FsView;
import dev.fsview.FsViews;
import dev.fsview.ViewSpec;
import dev.fsview.linux.LinuxProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM's one host thread: what a task's checked open asks of it runs with the host's root and
 * mount namespace, never the container's, and there is only ever one.
 */
class HostThreadTest {
    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void aStepATaskHandsOverRunsOnTheHostNotInTheContainer() throws Exception {
        assumeTrue(new LinuxProvider().availability().isAvailable(), "needs CAP_SYS_ADMIN");
        Path root = Files.createDirectories(tmp.resolve("root"));
        String hostNs =
                Files.readSymbolicLink(Path.of("/proc/thread-self/ns/mnt")).toString();
        Object hostRoot = Files.getAttribute(Path.of("/"), "unix:ino");
        try (FsView view =
                FsViews.provider("linux").open(ViewSpec.builder(root.toString()).build())) {
            List<Object> seen = view.call(ctx -> {
                // On the view thread: the container is the root, its namespace is the view's.
                Object taskRoot = Files.getAttribute(Path.of("/"), "unix:ino");
                List<Object> host = HostThread.call(
                        () -> List.of(
                                Thread.currentThread().getName(),
                                Files.readSymbolicLink(Path.of("/proc/thread-self/ns/mnt"))
                                        .toString(),
                                Files.getAttribute(Path.of("/"), "unix:ino")),
                        "test");
                return List.of(taskRoot, host);
            });
            assertThat(seen.get(0)).as("the task's root").isNotEqualTo(hostRoot);
            assertThat((List<Object>) seen.get(1))
                    .containsExactly("fsview-host-linux", hostNs, hostRoot);
        }
        try (FsView again =
                FsViews.provider("linux").open(ViewSpec.builder(root.toString()).build())) {
            again.stat("/");
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> t.getName().equals("fsview-host-linux"))
                .hasSize(1);
    }
}
