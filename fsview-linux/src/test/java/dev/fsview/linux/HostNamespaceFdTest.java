package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * While a view's tasks can run, no fd of the process refers to the host's mount namespace: code
 * planted in the container and run in the JVM would {@code setns} through it and write to the
 * host. The view thread gets back at teardown without one ({@code pidfd_open} + {@code setns}).
 */
class HostNamespaceFdTest extends ViewFixture {

    @Test
    void noFdOfTheHostMountNamespaceIsOpenWhileAViewCanRunTasks() throws Exception {
        String hostNs =
                Files.readSymbolicLink(Path.of("/proc/thread-self/ns/mnt")).toString();
        FsView view = open(ViewSpec.builder(dir("root"))
                .mount(MountSpec.tmpfs("/tmp").build())
                .build());
        String inside = view.call(ctx -> Files.list(Path.of("/")).count() + " entries");
        assertThat(inside).isEqualTo("1 entries");
        assertThat(fdsOf(hostNs))
                .as("fds of the host's mount namespace (%s)", hostNs)
                .isEmpty();
        view.close();
        assertThat(fdsOf(hostNs)).as("after close").isEmpty();
    }

    private static List<String> fdsOf(String ns) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(ns)) {
                        out.add(fd.toString());
                    }
                } catch (IOException closedMeanwhile) {
                    // the listing's own fd, or one closed since
                }
            }
        }
        return out;
    }
}
