package dev.fsview.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.ViewSpec;
import dev.fsview.fake.conformance.FakeHostFixture;
import dev.fsview.fake.host.Faults;
import dev.fsview.spi.errno.Errno;
import dev.fsview.testkit.HostFixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.util.function.Consumer;

/**
 * Injected faults: a named step fails with the chosen errno, surfaces as the Linux backend's
 * failure would, and a failed setup leaves nothing behind (no thread, no mount, no open file).
 */
class FaultInjectionTest {
    private final FakeHostFixture fixture = new FakeHostFixture();
    private final FakeHost host = fixture.host();
    private final HostFixture.Leaks before;

    FaultInjectionTest() throws IOException {
        host.mkdirs("/c/root/etc")
                .file("/c/root/etc/hostname", "box")
                .mkdirs("/c/vol")
                .mountTmpfs("/c/vol");
        before = fixture.leaks();
    }

    @AfterEach
    void nothingLeaked() {
        assertThat(fixture.leaks()).isEqualTo(before);
    }

    private ViewSpec spec() throws IOException {
        return ViewSpec.builder("/c/root")
                .mount(MountSpec.bind("/c/vol", "/data").writable().build())
                .mount(MountSpec.tmpfs("/tmp").build())
                .build();
    }

    private void setupFails(
            String step, String syscall, Errno errno, String path, Consumer<Faults> inject) {
        inject.accept(host.faults());
        assertThatThrownBy(() -> host.open(spec()))
                .isInstanceOfSatisfying(MountStepException.class, e -> {
                    assertThat(e.step().id()).isEqualTo(step);
                    assertThat(e.syscall()).isEqualTo(syscall);
                    assertThat(e.errno()).isEqualTo(errno.number());
                    assertThat(e.errnoName()).isEqualTo(errno.describe());
                    assertThat(e.containerPath()).isEqualTo(path);
                });
        host.faults().clear();
    }

    @Test
    void aFailedBindFailsTheOpenNamingStepErrnoAndPathAndLeavesNothing() {
        setupFails("bind", "mount", Errno.ENOMEM, "/data", f -> f.failMount("/data", Errno.ENOMEM));
    }

    @Test
    void aFailedTmpfsFailsTheOpen() {
        setupFails(
                "tmpfs", "fsmount", Errno.ENODEV, "/tmp", f -> f.failMount("/tmp", Errno.ENODEV));
    }

    @Test
    void aFailedTargetCreationFailsTheOpen() {
        setupFails(
                "create-target",
                "mkdirat",
                Errno.EACCES,
                "/data",
                f -> f.fail(Faults.Step.CREATE_TARGET, "/data", Errno.EACCES));
    }

    @Test
    void aFailedRootSwitchFailsTheOpen() {
        setupFails(
                "pivot-root",
                "pivot_root",
                Errno.EINVAL,
                "/",
                f -> f.fail(Faults.Step.SWITCH_ROOT, "/", Errno.EINVAL));
    }

    @Test
    void aFaultThatFiresOnceLetsTheNextOpenSucceed() throws Exception {
        host.faults().fail(Faults.Step.MOUNT, "/data", Errno.EBUSY, 1);
        assertThatThrownBy(() -> host.open(spec())).isInstanceOf(MountStepException.class);
        try (FsView view = host.open(spec())) {
            assertThat(view.isOpen()).isTrue();
        }
        host.faults().clear();
    }

    @Test
    void openReadAndWriteFaultsSurfaceAsTheJdkReportsThoseErrnos() throws Exception {
        try (FsView view = host.open(spec())) {
            host.faults()
                    .failOpen("/etc/hostname", Errno.EACCES)
                    .failWrite("/data/log", Errno.ENOSPC)
                    .failRead("/data/log", Errno.EIO);
            assertThatThrownBy(() -> Files.readString(view.path("/etc/hostname")))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessage("/etc/hostname");
            view.chdir("/etc");
            assertThatThrownBy(() -> Files.readString(view.path("hostname")))
                    .as("rules match the absolute path")
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> Files.writeString(view.path("/data/log"), "x"))
                    .isExactlyInstanceOf(IOException.class)
                    .hasMessage("No space left on device");
            assertThatThrownBy(() -> Files.readString(view.path("/data/log")))
                    .isExactlyInstanceOf(IOException.class)
                    .hasMessage("Input/output error");
            host.faults().clear();
            Files.writeString(view.path("/data/log"), "fine");
            assertThat(Files.readString(view.path("/data/log"))).isEqualTo("fine");
        }
    }
}
