package dev.fsview.fake.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.FsViewBackend;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.fake.FakeHost;
import dev.fsview.testkit.contract.DiskContainmentContract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/** The kit's races against the real disk, on the fake's importing provider (a host per view). */
class FakeDiskContainmentTest extends DiskContainmentContract {
    @Override
    protected FsViewBackend diskProvider() {
        return new FakeHost().importingProvider();
    }

    @TempDir
    Path scratch;

    /**
     * Beyond what a view shows: a bind source spelled through a link to {@code /} in the root
     * must not even be read into the fake host's memory (the import did, before issue 13).
     */
    @Test
    void aBindSourceThroughALinkInTheRootIsNotReadIntoTheHostsMemory() throws Exception {
        Path outside = Files.createDirectories(scratch.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "host secret");
        Path root = Files.createDirectories(scratch.resolve("root"));
        Files.createSymbolicLink(root.resolve("evil"), Path.of("/"));
        FakeHost host = new FakeHost();
        try (FsView view = host.importingProvider()
                .open(ViewSpec.builder(root.toString())
                        .mount(MountSpec.bind(root + "/evil" + outside, "/vol").build())
                        .build())) {
            assertThat(view.stat("/evil").linkTarget()).isEqualTo("/");
        } catch (IOException refused) {
            // refused: the source does not exist inside the root
        }
        assertThat(holds(host, "/", "host secret")).isFalse();
    }

    private static boolean holds(FakeHost host, String top, String text) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        todo.push(top);
        while (!todo.isEmpty()) {
            String p = todo.pop();
            var st = host.lstat(p);
            if (st.isEmpty()) {
                continue;
            }
            if (st.get().isDirectory()) {
                for (String n : host.list(p)) {
                    todo.push((p.equals("/") ? "" : p) + "/" + n);
                }
            } else if (st.get().isRegularFile() && host.readString(p).contains(text)) {
                return true;
            }
        }
        return false;
    }
}
