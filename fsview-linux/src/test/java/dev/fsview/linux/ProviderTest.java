package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsViews;
import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.ViewSpec;
import dev.fsview.spi.errno.Errno;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** The provider: discovery, availability with its reasons and features, and bad input at open. */
class ProviderTest {
    @TempDir
    Path tmp;

    @Test
    void isDiscoveredAsLinuxWithPriority100() {
        assertThat(FsViews.providers()).anySatisfy(p -> {
            assertThat(p.name()).isEqualTo("linux");
            assertThat(p).isInstanceOf(LinuxProvider.class);
            assertThat(((LinuxProvider) p).priority()).isEqualTo(100);
        });
    }

    @Test
    void isAvailableWheneverTheProcessHasCapSysAdminOnLinux() {
        // Guards the skips: with the privilege present, no privileged test may skip silently.
        org.junit.jupiter.api.Assumptions.assumeTrue(
                System.getProperty("os.name").startsWith("Linux")
                        && dev.fsview.linux.sys.Arch.isSupported()
                        && HostCheck.capabilityProblem(Path.of("/proc/self/status")) == null,
                "skipped: no CAP_SYS_ADMIN on Linux x86_64/aarch64 here");
        assertThat(new LinuxProvider().availability().isAvailable())
                .as("linux availability: %s", new LinuxProvider().availability())
                .isTrue();
    }

    @Test
    void reportsTheKernelFeaturesItUses() {
        Privileged.assumeLinuxBackend();
        LinuxProvider p = new LinuxProvider();
        // This kernel (6.x) has all three; each is named so users can see what is in use.
        assertThat(p.availability().features())
                .containsExactlyInAnyOrder("openat2", "mount_setattr", "new-mount-api");
        assertThat(p.features().newMountApi()).isTrue();
    }

    @Test
    void withoutCapSysAdminTheReasonSaysSo() throws Exception {
        Path status = Files.writeString(
                tmp.resolve("status"),
                "Name:\tjava\nCapInh:\t0000000000000000\nCapEff:\t0000000000000000\n");
        assertThat(HostCheck.capabilityProblem(status))
                .contains("lacks CAP_SYS_ADMIN", "CapEff=0000000000000000");
    }

    @Test
    void withCapSysAdminThereIsNoCapabilityProblem() throws Exception {
        Path status = Files.writeString(tmp.resolve("status"), "CapEff:\t0000000000200000\n");
        assertThat(HostCheck.capabilityProblem(status)).isNull();
    }

    @Test
    void anUnreadableOrMalformedStatusIsAReasonToo() throws Exception {
        assertThat(HostCheck.capabilityProblem(tmp.resolve("missing"))).contains("cannot read");
        Path noLine = Files.writeString(tmp.resolve("s1"), "Name:\tjava\n");
        assertThat(HostCheck.capabilityProblem(noLine)).contains("no CapEff line");
        Path bad = Files.writeString(tmp.resolve("s2"), "CapEff:\tzz\n");
        assertThat(HostCheck.capabilityProblem(bad)).contains("cannot parse");
    }

    @Test
    void aMissingRootFailsAtOpenRootAndNamesIt() throws Exception {
        Privileged.assumeLinuxBackend();
        ViewSpec spec = ViewSpec.builder(tmp.resolve("no-root")).build();
        assertThatThrownBy(() -> new LinuxProvider().open(spec))
                .isInstanceOfSatisfying(MountStepException.class, e -> {
                    assertThat(e.step()).isEqualTo(SetupStep.OPEN_ROOT);
                    assertThat(e.errno()).isEqualTo(Errno.ENOENT.number());
                });
        assertThat(HostState.liveViewThreads()).isEmpty();
    }

    @Test
    void aMissingSourceFailsAtStatSourceAndNamesTheDestination() throws Exception {
        Privileged.assumeLinuxBackend();
        ViewSpec spec = ViewSpec.builder(Files.createDirectories(tmp.resolve("root")))
                .mount(MountSpec.bind(tmp.resolve("no-source"), "/data").build())
                .build();
        assertThatThrownBy(() -> new LinuxProvider().open(spec))
                .isInstanceOfSatisfying(MountStepException.class, e -> {
                    assertThat(e.step()).isEqualTo(SetupStep.STAT_SOURCE);
                    assertThat(e.containerPath()).isEqualTo("/data");
                    assertThat(e.errnoName()).startsWith("ENOENT");
                });
        assertThat(tmp.resolve("root/data")).doesNotExist();
    }

    @Test
    void aRootThatIsAFileFailsAtOpenRoot() throws Exception {
        Privileged.assumeLinuxBackend();
        Path f = Files.writeString(tmp.resolve("f"), "x");
        assertThatThrownBy(() -> new LinuxProvider().open(ViewSpec.builder(f).build()))
                .isInstanceOfSatisfying(
                        MountStepException.class,
                        e -> assertThat(e.errnoName()).startsWith("ENOTDIR"));
    }

    @Test
    void viewThreadsAreNamedForTheBackend() throws Exception {
        Privileged.assumeLinuxBackend();
        Path root = Files.createDirectories(tmp.resolve("root"));
        try (var view = new LinuxProvider().open(ViewSpec.builder(root).build())) {
            String name = view.call(ctx -> Thread.currentThread().getName());
            assertThat(name).startsWith("fsview-view-linux-");
            assertThat(view.backend()).isEqualTo("linux");
            // Set up in the empty namespace where this host can make it, else pivoted into.
            String switched = dev.fsview.linux.ns.EmptyNamespace.shared() != null
                    ? "CHROOT_IN_EMPTY_NAMESPACE"
                    : "PIVOT_ROOT";
            assertThat(view.toString()).contains("new mount API", "openat2 resolution", switched);
        }
    }
}
