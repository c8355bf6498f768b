package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A thousand views opened, used and closed leave the thread and fd counts where they were. */
class OpenCloseCyclesTest extends ViewFixture {

    @Test
    void aThousandOpenCloseCyclesLeaveNoThreadAndNoFd() throws Exception {
        Path root = dir("root");
        Path vol = dir("vol");
        Files.writeString(vol.resolve("v.txt"), "volume");
        ViewSpec spec = ViewSpec.builder(root)
                .mount(MountSpec.bind(vol, "/data").build())
                .mount(MountSpec.tmpfs("/tmp").build()).build();
        cycle(spec); // warm up: class loading, JNA, the JDK's lazily opened files
        Set<String> fds = HostState.openFds();
        int threads = Thread.activeCount();
        for (int i = 0; i < 1000; i++) {
            cycle(spec);
        }
        assertThat(HostState.fdsOpenedSince(fds)).as("fds opened and not closed").isEmpty();
        assertThat(Thread.activeCount()).as("live threads").isLessThanOrEqualTo(threads);
        assertThat(HostState.liveViewThreads()).isEmpty();
    }

    private void cycle(ViewSpec spec) throws Exception {
        try (FsView view = new LinuxProvider().open(spec)) {
            assertThat(Files.readString(view.path("/data/v.txt"))).isEqualTo("volume");
        }
    }
}
