package dev.fsview.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.ViewSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host changes under the views' feet, from another thread, as a container's own processes
 * would: a directory swapped for a symlink to the host's secrets thousands of times. Whatever
 * the interleaving, a view reads inside its root or fails; it never reads the host, and it never
 * mounts or creates outside the root.
 */
@Timeout(60)
class RacingHostTest {
    private final FakeHost host = new FakeHost();

    RacingHostTest() throws IOException {
        host.mkdirs("/secret")
                .file("/secret/key", "HOST SECRET")
                .mkdirs("/c/root/x")
                .file("/c/root/x/key", "inside")
                .mkdirs("/c/vol")
                .mkdirs("/c/outside");
    }

    /** Swaps /c/root/x between a directory and a symlink to the host's /secret until stopped. */
    private Thread swapper(
            AtomicBoolean stop, AtomicInteger swaps, AtomicReference<Throwable> failure) {
        Thread t = new Thread(
                () -> {
                    try {
                        while (!stop.get()) {
                            // Views create /x themselves when it is missing at the wrong moment:
                            // every step
                            // may find the tree changed, as a real racing process would.
                            quietly(() -> host.rename("/c/root/x", "/c/root/x.dir"));
                            quietly(() -> host.symlink(
                                    "/c/root/x",
                                    (swaps.get() & 1) == 0 ? "/secret" : "../../../secret"));
                            quietly(() -> host.deleteRecursively("/c/root/x"));
                            quietly(() -> host.rename("/c/root/x.dir", "/c/root/x"));
                            swaps.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                },
                "racing-host");
        t.start();
        return t;
    }

    private interface HostStep {
        void run() throws IOException;
    }

    private static void quietly(HostStep step) {
        try {
            step.run();
        } catch (IOException raced) {
            // the other side changed the tree first
        }
    }

    @Test
    void aSymlinkSwappedInForADirectoryNeverLeadsAViewToTheHost() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger swaps = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (FsView view = host.open(ViewSpec.builder("/c/root").build())) {
            Thread t = swapper(stop, swaps, failure);
            int inside = 0;
            for (int i = 0; i < 20_000 || swaps.get() < 1000; i++) {
                try {
                    String s = Files.readString(view.path("/x/key"));
                    assertThat(s).isEqualTo("inside");
                    inside++;
                } catch (IOException expected) {
                    // the name was a dangling (in-root) symlink or missing at that instant
                }
            }
            stop.set(true);
            t.join();
            assertThat(failure.get()).isNull();
            assertThat(inside).isPositive();
        }
    }

    @Test
    void viewsOpenedWhileTheDestinationIsSwappedNeverMountOutsideTheRoot() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger swaps = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = swapper(stop, swaps, failure);
        int opened = 0;
        int refused = 0;
        ViewSpec spec = ViewSpec.builder("/c/root")
                .mount(MountSpec.bind("/c/vol", "/x/mnt").writable().build())
                .build();
        for (int i = 0; i < 300; i++) {
            try (FsView view = host.open(spec)) {
                opened++;
                Path p = view.path("/x/mnt/proof");
                try {
                    Files.writeString(p, "via view");
                } catch (IOException raced) {
                    // /x was swapped again since the view opened
                }
            } catch (MountStepException e) {
                refused++;
            }
        }
        stop.set(true);
        t.join();
        assertThat(failure.get()).isNull();
        assertThat(opened + refused).isEqualTo(300);
        assertThat(host.list("/secret")).containsExactly("key");
        assertThat(host.exists("/c/root/secret"))
                .as("created inside the root at most")
                .isIn(true, false);
        assertThat(host.list("/c/outside")).isEmpty();
    }
}
