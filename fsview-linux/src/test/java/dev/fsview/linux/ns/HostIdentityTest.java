package dev.fsview.linux.ns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsview.linux.LinuxProvider;
import dev.fsview.linux.sys.Arch;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SysMount;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When a spare view thread counts as back on the host: only with the host's root mount and the
 * host's mount namespace, the two things its mountinfo is made of. Each way of coming back wrong
 * is also checked against the mountinfo it would read, which must then differ from the host's.
 */
class HostIdentityTest {
    private static final String MOUNTINFO = "/proc/thread-self/mountinfo";

    private HostIdentity host;
    private String hostMountinfo;

    @BeforeEach
    void readHost() throws Exception {
        assumeTrue(
                new LinuxProvider().availability().isAvailable(),
                "skipped: needs the linux backend (CAP_SYS_ADMIN)");
        host = HostIdentity.ofThisThread();
        assertThat(host).as("the host as this test thread sees it").isNotNull();
        hostMountinfo = Files.readString(Path.of(MOUNTINFO));
    }

    @Test
    void aThreadThatNeverLeftIsOnTheHostAndSeesTheHostsMountTable() throws Exception {
        Seen seen = onNewThread(() -> {});
        assertThat(seen.onHost).isTrue();
        assertThat(seen.mountinfo).isEqualTo(hostMountinfo);
    }

    @Test
    void aThreadInAPrivateCopyOfTheHostNamespaceIsNot() throws Exception {
        // Same device and inode at /, but the root is the copy's mount: a view thread whose setns
        // back was skipped.
        Seen seen = onNewThread(() -> SysMount.unshare(Linux.CLONE_FS | Linux.CLONE_NEWNS));
        assertThat(seen.onHost).isFalse();
        assertThat(seen.mountinfo).isNotEqualTo(hostMountinfo);
    }

    @Test
    void aThreadChrootedBelowTheHostRootIsNot(@TempDir Path dir) throws Exception {
        // A task that chrooted somewhere on the host: the host namespace, another root.
        Path proc = Files.createDirectories(dir.resolve("proc"));
        Seen seen = onNewThread(() -> {
            SysMount.unshare(Linux.CLONE_FS);
            SysMount.chroot(dir.toString());
        });
        assertThat(seen.onHost).isFalse();
        assertThat(proc).isEmptyDirectory(); // nothing of /proc was there to read
    }

    @Test
    void aThreadWithTheHostRootInAnotherNamespaceIsNot() throws Exception {
        // The root is the host's root mount itself (chroot through an fd opened on the host), but
        // the namespace is a private one: only the namespace check tells.
        try (Fd hostRoot = new Fd(
                Sys.openat(
                        Linux.AT_FDCWD,
                        "/",
                        Arch.O_PATH | Arch.O_CLOEXEC | Arch.current().oDirectory(),
                        0),
                "/")) {
            Seen seen = onNewThread(() -> {
                SysMount.unshare(Linux.CLONE_FS | Linux.CLONE_NEWNS);
                Sys.fchdir(hostRoot.get(), "/");
                SysMount.chroot(".");
            });
            assertThat(seen.rootIsHosts).as("root passes").isTrue();
            assertThat(seen.onHost).isFalse();
            assertThat(seen.mountinfo).isNotEqualTo(hostMountinfo);
        }
    }

    @Test
    void aThreadBackFromAPrivateNamespaceThroughSetnsIsOnTheHostAgain() throws Exception {
        Seen seen = onNewThread(() -> {
            SysMount.unshare(Linux.CLONE_FS | Linux.CLONE_NEWNS);
            assertThat(MountNamespace.returnToHost()).isTrue();
        });
        assertThat(seen.onHost).isTrue();
        assertThat(seen.mountinfo).isEqualTo(hostMountinfo);
    }

    /** Runs a change on a fresh thread, which then ends (and its namespace with it). */
    private Seen onNewThread(Change change) throws Exception {
        AtomicReference<Seen> seen = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(
                () -> {
                    try {
                        change.run();
                        Seen s = new Seen();
                        s.rootIsHosts = host.root().equals(Sys.identity(Linux.AT_FDCWD, "/", 0));
                        s.onHost = host.isThisThreadOnHost();
                        // After the check: a chrooted thread reads no /proc at all.
                        Path mi = Path.of(MOUNTINFO);
                        s.mountinfo = Files.exists(mi) ? Files.readString(mi) : null;
                        seen.set(s);
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                },
                "fsview-test-host-identity");
        t.start();
        t.join();
        assertThat(failure.get()).isNull();
        return seen.get();
    }

    @FunctionalInterface
    private interface Change {
        void run() throws Exception;
    }

    private static final class Seen {
        boolean rootIsHosts;
        boolean onHost;
        String mountinfo;
    }
}
