package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.linux.ns.SpareThreads;
import dev.fsview.testkit.contract.KernelLimitsContract;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * A thousand views (10,000 with {@code -Psoak}) opened, used and closed, on re-used view threads
 * (SpareThreads), leave the thread and fd counts where they were, and every thread of the process
 * in the host's mount namespace (ViewFixture checks it after the test).
 */
class OpenCloseCyclesTest extends ViewFixture {
    private static final int CYCLES =
            Boolean.getBoolean(KernelLimitsContract.SOAK) ? 10_000 : 1_000;

    @Test
    void aThousandOpenCloseCyclesLeaveNoThreadAndNoFd() throws Exception {
        Path root = dir("root");
        Path vol = dir("vol");
        Files.writeString(vol.resolve("v.txt"), "volume");
        ViewSpec spec = ViewSpec.builder(root)
                .mount(MountSpec.bind(vol, "/data").build())
                .mount(MountSpec.tmpfs("/tmp").build())
                .build();
        // Warm up: class loading, JNA, the JDK's lazily opened files; and two views at once, so
        // that both spares exist (one serves while the other still checks its return).
        try (FsView a = new LinuxProvider().open(spec);
                FsView b = new LinuxProvider().open(spec)) {
            assertThat(a.isOpen() && b.isOpen()).isTrue();
        }
        cycle(spec);
        Set<String> fds = HostState.openFds();
        int threads = Thread.activeCount();
        long reused = spareCounts()[1];
        for (int i = 0; i < CYCLES; i++) {
            cycle(spec);
        }
        assertThat(spareCounts()[1] - reused)
                .as("views served by a re-used thread")
                .isEqualTo(CYCLES);
        assertThat(HostState.fdsOpenedSince(fds))
                .as("fds opened and not closed")
                .isEmpty();
        assertThat(Thread.activeCount()).as("live threads").isLessThanOrEqualTo(threads);
        assertThat(HostState.liveViewThreads()).isEmpty();
    }

    private static long[] spareCounts() {
        return ((SpareThreads) SpareThreads.carrier()).counts();
    }

    private void cycle(ViewSpec spec) throws Exception {
        try (FsView view = new LinuxProvider().open(spec)) {
            assertThat(Files.readString(view.path("/data/v.txt"))).isEqualTo("volume");
        }
    }
}
