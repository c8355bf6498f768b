package dev.fsview.testkit.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

/** The private namespace's mounts are seen on its thread only, and go when told. */
class PrivateMountNamespaceTest {
    @Test
    void mountsMadeThereAreInvisibleToTheHostAndGoAway() throws Exception {
        PrivateMountNamespace ns = PrivateMountNamespace.get();
        Path dir = Files.createTempDirectory("fsview-testkit-ns-");
        Path vol = Files.createTempDirectory("fsview-testkit-ns-vol-");
        try {
            Files.writeString(vol.resolve("v"), "volume");
            Files.createDirectory(dir.resolve("t"));
            Files.createDirectory(dir.resolve("b"));
            ns.tmpfs(dir.resolve("t").toString(), 0700);
            ns.bind(vol.toString(), dir.resolve("b").toString(), true, true);
            assertThat(ns.call(() -> Files.readString(dir.resolve("b/v")))).isEqualTo("volume");
            Files.writeString(dir.resolve("t/under"), "hidden by the tmpfs");
            // (the JDK's FileStore reads /proc/self/mounts: the main thread's table, not this one)
            assertThat(ns.call(() -> Files.exists(dir.resolve("t/under")))).isFalse();
            assertThat(Files.exists(dir.resolve("b/v"))).isFalse(); // the host sees no mount
            assertThat(Files.readString(Path.of("/proc/self/mountinfo")))
                    .doesNotContain(dir.toString());
            assertThat(ns.chdir(dir.toString())).isZero();
            assertThat(ns.getcwd()).isEqualTo(dir.toString());
            assertThat(ns.chdir(dir.resolve("missing").toString())).isEqualTo(2); // ENOENT
        } finally {
            ns.chdir("/");
            ns.unmountUnder(dir.toString());
            ns.unmountUnder(vol.toString());
        }
        assertThat(ns.call(() -> Files.exists(dir.resolve("b/v")))).isFalse();
        Files.delete(dir.resolve("t/under"));
        Files.delete(dir.resolve("t"));
        Files.delete(dir.resolve("b"));
        Files.delete(dir);
        Files.delete(vol.resolve("v"));
        Files.delete(vol);
    }
}
