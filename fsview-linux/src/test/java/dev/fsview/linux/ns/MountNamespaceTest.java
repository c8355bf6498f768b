package dev.fsview.linux.ns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsview.linux.LinuxProvider;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.SysMount;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** The way back from a view's namespace, without any fd of the host's kept beforehand. */
class MountNamespaceTest {

    @Test
    void returnToHostPutsAThreadBackIntoTheHostNamespaceAndRoot() throws Exception {
        assumeTrue(new LinuxProvider().availability().isAvailable(), "needs CAP_SYS_ADMIN");
        String hostNs =
                Files.readSymbolicLink(Path.of("/proc/thread-self/ns/mnt")).toString();
        Object hostRoot = Files.getAttribute(Path.of("/"), "unix:ino");
        AtomicReference<List<Object>> seen = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(
                () -> {
                    try {
                        List<Object> out = new ArrayList<>();
                        SysMount.unshare(Linux.CLONE_FS | Linux.CLONE_NEWNS);
                        out.add(Files.readSymbolicLink(Path.of("/proc/thread-self/ns/mnt"))
                                .toString());
                        out.add(MountNamespace.returnToHost());
                        out.add(Files.readSymbolicLink(Path.of("/proc/thread-self/ns/mnt"))
                                .toString());
                        out.add(Files.getAttribute(Path.of("/"), "unix:ino"));
                        seen.set(out);
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                },
                "fsview-test-returns-to-host");
        t.start();
        t.join();
        assertThat(failure.get()).isNull();
        List<Object> out = seen.get();
        assertThat(out.get(0)).as("after unshare").isNotEqualTo(hostNs);
        assertThat(out.subList(1, 4)).containsExactly(true, hostNs, hostRoot);
    }
}
