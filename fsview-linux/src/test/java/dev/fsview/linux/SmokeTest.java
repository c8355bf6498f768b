package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

class SmokeTest {
    @TempDir
    Path tmp;

    @Test
    void opensAViewAndReadsThroughIt() throws Exception {
        Privileged.assumeLinuxBackend();
        HostState before = HostState.now(tmp);
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/hostname"), "container");
        Path vol = Files.createDirectories(tmp.resolve("vol"));
        Files.writeString(vol.resolve("data.txt"), "volume");
        ViewSpec spec = ViewSpec.builder(root)
                .mount(MountSpec.bind(vol, "/data").writable().build())
                .build();
        try (FsView view = new LinuxProvider().open(spec)) {
            String h = view.call(ctx -> Files.readString(Path.of("/etc/hostname")));
            assertThat(h).isEqualTo("container");
            assertThat(Files.readString(view.path("/data/data.txt"))).isEqualTo("volume");
            assertThat(Files.readString(view.path("/etc/hostname"))).isEqualTo("container");
        }
        assertThat(HostState.now(tmp).mountinfo()).isEqualTo(before.mountinfo());
    }
}
