package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.ViewSpec;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.SysMount;
import dev.fsview.linux.sys.SyscallException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Base of the privileged tests: skips where the backend cannot run, gives each test a host temp
 * directory, unmounts the host-side mounts a test made, closes the views it opened, and then
 * requires the host's mount table and view threads to be exactly as before the test.
 */
abstract class ViewFixture {
    @TempDir
    Path tmp;

    private HostState before;
    private List<String> namespaceThreadsBefore;
    private final Deque<String> hostMounts = new ArrayDeque<>();
    private final Deque<FsView> views = new ArrayDeque<>();

    @BeforeEach
    void recordHost() {
        Privileged.assumeLinuxBackend();
        before = HostState.now(tmp);
        // Threads of other namespaces made before this test (the kit's third-opinion namespace
        // of the differential check lives as long as the JVM) are not this test's to answer for.
        namespaceThreadsBefore = HostState.threadsInOtherMountNamespaces();
    }

    @AfterEach
    void hostUnchanged() throws Exception {
        while (!views.isEmpty()) {
            views.pop().close();
        }
        while (!hostMounts.isEmpty()) {
            SysMount.umount2(hostMounts.pop(), Linux.MNT_DETACH);
        }
        HostState after = HostState.now(tmp);
        assertThat(after.mountinfo())
                .as("host mountinfo after the test")
                .isEqualTo(before.mountinfo());
        assertThat(after.viewThreads()).as("live view threads after the test").isEmpty();
        List<String> left = new ArrayList<>(HostState.threadsInOtherMountNamespaces());
        left.removeAll(namespaceThreadsBefore);
        assertThat(left).as("threads left in a view's mount namespace").isEmpty();
    }

    FsView open(ViewSpec spec) throws IOException {
        FsView v = new LinuxProvider().open(spec);
        views.push(v);
        return v;
    }

    Path dir(String relative) throws IOException {
        return Files.createDirectories(tmp.resolve(relative));
    }

    Path file(String relative, String content) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    /** Mounts a fresh tmpfs on the host (for a source with a submount); unmounted after the test. */
    void hostTmpfs(Path at) throws SyscallException {
        SysMount.mount("tmpfs", at.toString(), "tmpfs", 0, "size=1m");
        hostMounts.push(at.toString());
    }
}
