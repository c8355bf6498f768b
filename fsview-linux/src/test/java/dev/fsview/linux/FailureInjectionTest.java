package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fsview.FsView;
import dev.fsview.InvalidSpecException;
import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.ViewSpec;
import dev.fsview.linux.step.Faults;
import dev.fsview.spi.errno.Errno;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every setup step, made to fail through the test-only option {@code linux.fail-step}: the caller
 * gets a {@link MountStepException} naming the step, and the host keeps no mount (checked by the
 * fixture), no fd and no thread. Steps with a fallback (pivot_root; binding the root onto itself
 * when the view allows devices and the root is writable) open the view anyway; recursive
 * read-only and nodev are best effort only on a kernel without mount_setattr, so an injected EIO
 * there is fatal.
 */
class FailureInjectionTest extends ViewFixture {

    /** The root switch's steps: at the first request, where the view switches then. */
    private static final List<String> SWITCH_STEPS = List.of("chdir-root", "pivot-root,chroot");

    static Stream<Arguments> fatalSteps() {
        List<Arguments> all = new ArrayList<>();
        String[] common = {
            "unshare",
            "open-root",
            "stat-source",
            "resolve-target",
            "create-target",
            "chdir-root",
            "tmpfs",
            "pivot-root,chroot",
            "create-target#2",
            "resolve-target#3",
            "recursive-ro",
            "nodev",
            "nodev#4"
        };
        String[] classic = {
            "bind",
            "bind#2",
            "readlink-target",
            "remount-ro",
            "make-private",
            "make-private#3",
            "verify-read-only",
            "verify-read-only#2",
            "bind-root",
            "open-mount",
            "open-mount#4",
            "remount-nodev",
            "verify-nodev",
            "verify-nodev#4"
        };
        String[] modern = {
            "open-tree",
            "open-tree#2",
            "tree-ro",
            "tree-private",
            "move-mount",
            "move-mount#3",
            "open-tree#4",
            "move-mount#4"
        };
        // A copy of the host's namespace, pivoted out of.
        String[] pivot = {
            "make-rslave", "enter-old-root", "old-root-private", "detach-old-root", "open-view-root"
        };
        // The empty namespace: entered, then the root's tree attached at its mount point (its fd
        // is the view's root: no open-view-root).
        String[] empty = {"unshare-fs", "setns", "open-root#3", "move-mount#5"};
        for (Variant v : Variant.values()) {
            for (String s : common) {
                if (!(v.switchesAtFirstRequest() && SWITCH_STEPS.contains(s))) {
                    all.add(Arguments.of(v, s));
                }
            }
            for (String s : v.mountApi.equals("new") ? modern : classic) {
                all.add(Arguments.of(v, s));
            }
            for (String s : v.inEmptyNamespace() ? empty : pivot) {
                all.add(Arguments.of(v, s));
            }
        }
        return all.stream();
    }

    /** Two read-only dirs (one non-recursive), a file volume below missing dirs, and a tmpfs. */
    private ViewSpec spec(Variant v, String failSteps) throws Exception {
        return spec(v, failSteps, false);
    }

    private ViewSpec spec(Variant v, String failSteps, boolean allowDevices) throws Exception {
        Path root = dir("root");
        Path data = dir("data");
        Path top = dir("top");
        Path conf = file("conf.txt", "conf");
        ViewSpec.Builder b = ViewSpec.builder(root);
        if (allowDevices) {
            b.allowDevices();
        }
        return v.apply(b.mount(MountSpec.bind(data, "/data").build())
                        .mount(MountSpec.bind(top, "/top")
                                .readOnlyNonRecursive()
                                .build())
                        .mount(MountSpec.bind(conf, "/etc/app/conf.txt")
                                .writable()
                                .build())
                        .mount(MountSpec.tmpfs("/run/tmp").build())
                        .option(Faults.OPTION, failSteps))
                .build();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("fatalSteps")
    void aFailedStepIsReportedAndLeavesNothingBehind(Variant v, String failSteps) throws Exception {
        ViewSpec spec = spec(v, failSteps);
        java.util.Set<String> fds = HostState.openFds();
        String last = failSteps.substring(failSteps.lastIndexOf(',') + 1).replaceAll("#.*", "");
        SetupStep step = SetupStep.byId(last);

        assertThatThrownBy(() -> open(spec)).isInstanceOfSatisfying(MountStepException.class, e -> {
            assertThat(e.step()).isEqualTo(step);
            assertThat(e.errno()).isEqualTo(Errno.EIO.number());
            // A step of fsview's own (no syscall) reports its id as the failing call.
            assertThat(e.syscall())
                    .isEqualTo(step.syscall().isEmpty() ? step.id() : step.syscall());
            assertThat(e.getMessage()).contains("'" + last + "'", "EIO", "linux.fail-step");
        });
        assertThat(HostState.fdsOpenedSince(fds))
                .as("fds opened and not closed")
                .isEmpty();
        assertThat(HostState.liveViewThreads()).isEmpty();
    }

    static Stream<Arguments> switchStepsAtTheFirstRequest() {
        List<Arguments> all = new ArrayList<>();
        for (Variant v : Variant.values()) {
            if (v.switchesAtFirstRequest()) {
                SWITCH_STEPS.forEach(s -> all.add(Arguments.of(v, s)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("switchStepsAtTheFirstRequest")
    void aFailedSwitchAtTheFirstRequestFailsEveryRequestAndLeavesNothingBehind(
            Variant v, String failSteps) throws Exception {
        java.util.Set<String> fds = HostState.openFds();
        String last = failSteps.substring(failSteps.lastIndexOf(',') + 1);
        SetupStep step = SetupStep.byId(last);
        FsView view = new LinuxProvider().open(spec(v, failSteps));
        try {
            assertThat(view.toString()).contains("root switch at the first task");
            // The file system needs no switch: it resolves from the view root's fd.
            assertThat(Files.readString(view.path("/etc/app/conf.txt"))).isEqualTo("conf");
            MountStepException first =
                    catchThrowableOfType(() -> view.call(ctx -> "ran"), MountStepException.class);
            assertThat(first.step()).isEqualTo(step);
            assertThat(first.errno()).isEqualTo(Errno.EIO.number());
            assertThat(first.getMessage()).contains("'" + last + "'", "EIO", "linux.fail-step");
            // Never retried (a switch may fail half-way): every later task and file operation
            // handed to the thread fails the same way, and none runs.
            assertThatThrownBy(() -> view.run(ctx -> {})).isSameAs(first);
            assertThatThrownBy(() -> view.chdir("/data")).isSameAs(first);
            assertThat(view.toString()).contains("root switch at the first task");
        } finally {
            view.close();
        }
        assertThat(HostState.fdsOpenedSince(fds))
                .as("fds opened and not closed")
                .isEmpty();
        assertThat(HostState.liveViewThreads()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void aMountStepNamesTheContainerPath(Variant v) throws Exception {
        // In the empty namespace the root's tree is attached first.
        String step = v.inEmptyNamespace() ? "move-mount#3" : "move-mount#2";
        ViewSpec spec = spec(v, v.mountApi.equals("new") ? step : "bind#2");
        assertThatThrownBy(() -> open(spec))
                .isInstanceOfSatisfying(
                        MountStepException.class,
                        e -> assertThat(e.containerPath()).isEqualTo("/top"));
    }

    static Stream<Variant> variants() {
        return Stream.of(Variant.values());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("recoverableSteps")
    void aStepWithAFallbackOpensTheViewAnyway(Variant v, String failSteps) throws Exception {
        FsView view = open(spec(v, failSteps, failSteps.equals("bind-root")));
        assertThat(view.toString())
                .contains(
                        failSteps.equals("pivot-root") || failSteps.equals("bind-root")
                                ? "CHROOT"
                                : "PIVOT_ROOT");
        assertThat(Files.readString(view.path("/etc/app/conf.txt"))).isEqualTo("conf");
        boolean data = view.call(ctx -> Files.exists(Path.of("/data")));
        assertThat(data).isTrue();
        // Contained all the same: ".." from the root is the root, the host's dirs are not there.
        String up = view.call(ctx -> Path.of("/../../").toRealPath().toString());
        assertThat(up).isEqualTo("/");
        boolean hostDir = view.call(ctx -> Files.exists(Path.of("/root")));
        assertThat(hostDir).isFalse();
    }

    static Stream<Arguments> recoverableSteps() {
        List<Arguments> all = new ArrayList<>();
        for (Variant v : Variant.values()) {
            if (v.inEmptyNamespace()) {
                continue; // no pivot_root there: the chroot is the switch, and fatal
            }
            // bind-root falls back to chroot only where the root needs no mount of its own
            // (allowDevices without readOnlyRoot); recursive-ro is best effort only for ENOSYS.
            for (String s : new String[] {"pivot-root", "bind-root", "chroot"}) {
                all.add(Arguments.of(v, s));
            }
        }
        return all.stream();
    }

    @Test
    void aRecursiveReadOnlyFailureIsFatalWithForce() throws Exception {
        Path root = dir("root");
        Path data = dir("data");
        ViewSpec spec = ViewSpec.builder(root)
                .mount(MountSpec.bind(data, "/data").readOnlyForceRecursive().build())
                .option(Faults.OPTION, "recursive-ro")
                .build();
        assertThatThrownBy(() -> open(spec)).isInstanceOfSatisfying(MountStepException.class, e -> {
            assertThat(e.step()).isEqualTo(SetupStep.RECURSIVE_RO);
            assertThat(e.syscall()).isEqualTo("mount_setattr");
            assertThat(e.containerPath()).isEqualTo("/data");
        });
    }

    @Test
    void anUnknownStepIsRefusedBeforeAnythingHappens() throws Exception {
        ViewSpec spec = ViewSpec.builder(dir("root").toString())
                .option(Faults.OPTION, "no-such-step")
                .build();
        assertThatThrownBy(() -> open(spec))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("unknown step 'no-such-step'");
    }
}
