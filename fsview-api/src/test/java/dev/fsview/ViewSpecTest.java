package dev.fsview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

class ViewSpecTest {

    private static MountSpec bind(String destination) throws InvalidSpecException {
        return MountSpec.bind("/src" + destination.replace('/', '_'), destination)
                .build();
    }

    private static List<String> destinations(List<MountSpec> mounts) {
        return mounts.stream().map(MountSpec::destination).collect(Collectors.toList());
    }

    @Test
    void keepsTheRootAsGivenAndTheMountsInTheirOrder() throws Exception {
        ViewSpec spec = ViewSpec.builder("/var/lib/c1/rootfs")
                .mount(bind("/a/b"))
                .mount(bind("/a"))
                .build();
        assertThat(spec.root()).isEqualTo("/var/lib/c1/rootfs");
        assertThat(destinations(spec.mounts())).containsExactly("/a/b", "/a");
    }

    @Test
    void appliesMountsParentFirstKeepingTheGivenOrderAmongEqualDepths() throws Exception {
        ViewSpec spec = ViewSpec.builder("/r")
                .mount(bind("/z/y/x"))
                .mount(bind("/b/c"))
                .mount(bind("/z"))
                .mount(bind("/a/c"))
                .mount(bind("/b"))
                .mount(bind("/a"))
                .build();
        assertThat(destinations(spec.mountsInApplyOrder()))
                .containsExactly("/z", "/b", "/a", "/b/c", "/a/c", "/z/y/x");
    }

    @Test
    void refusesTwoMountsAtOneDestination() throws Exception {
        ViewSpec.Builder b = ViewSpec.builder("/r")
                .mount(bind("/data"))
                .mount(MountSpec.tmpfs("/data/").build());
        assertThatThrownBy(b::build)
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("destination: duplicate mount destination: /data");
    }

    @Test
    void refusesARelativeRoot() {
        assertThatThrownBy(() -> ViewSpec.builder("rootfs").build())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("root: not an absolute path: rootfs")
                .extracting(e -> ((InvalidSpecException) e).field())
                .isEqualTo("root");
        assertThatThrownBy(() -> ViewSpec.builder(Path.of("rootfs")).build())
                .hasMessage("root: not an absolute path: rootfs");
    }

    @Test
    void refusesAnEmptyMissingOrNulRoot() {
        assertThatThrownBy(() -> ViewSpec.builder("").build()).hasMessage("root: empty path");
        assertThatThrownBy(() -> ViewSpec.builder((String) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("root");
        assertThatThrownBy(() -> ViewSpec.builder("/r\0oot").build())
                .hasMessage("root: path contains a NUL byte: /r\\0oot");
    }

    @Test
    void defaultsToSpinThenParkHandOver() throws Exception {
        assertThat(ViewSpec.builder("/r").build().handOver())
                .isEqualTo(HandOverStrategy.SPIN_THEN_PARK);
        assertThat(ViewSpec.builder("/r")
                        .handOver(HandOverStrategy.PARK)
                        .build()
                        .handOver())
                .isEqualTo(HandOverStrategy.PARK);
    }

    @Test
    void carriesBackendOptionsAndPreloadClasses() throws Exception {
        ViewSpec spec = ViewSpec.builder("/r")
                .option("linux.mount-api", "classic")
                .preloadClasses("com.example.Task")
                .build();
        assertThat(spec.option("linux.mount-api", "auto")).isEqualTo("classic");
        assertThat(spec.option("fake.other", "dflt")).isEqualTo("dflt");
        assertThat(spec.preloadClasses()).containsExactly("com.example.Task");
    }

    @Test
    void refusesABlankPreloadClassName() {
        assertThatThrownBy(() -> ViewSpec.builder("/r").preloadClasses(" ").build())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("preloadClasses: blank class name");
    }

    @Test
    void isImmutable() throws Exception {
        ViewSpec spec = ViewSpec.builder("/r").mount(bind("/a")).build();
        assertThatThrownBy(() -> spec.mounts().add(bind("/b")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.options().put("k", "v"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalSpecsAreEqual() throws Exception {
        assertThat(ViewSpec.builder("/r").mount(bind("/a")).build())
                .isEqualTo(ViewSpec.builder("/r").mount(bind("/a")).build())
                .isNotEqualTo(ViewSpec.builder("/r").build());
    }

    @Test
    void isWritableNodevAndCreatesMissingTargetsUnlessToldOtherwise() throws Exception {
        ViewSpec plain = ViewSpec.builder("/r").build();
        assertThat(plain.readOnlyRoot()).isFalse();
        assertThat(plain.allowDevices()).isFalse();
        assertThat(plain.createMissingTargets()).isTrue();
        assertThat(plain.process()).isEmpty();

        ViewSpec strict = ViewSpec.builder("/r")
                .readOnlyRoot()
                .allowDevices()
                .createMissingTargets(false)
                .build();
        assertThat(strict.readOnlyRoot()).isTrue();
        assertThat(strict.allowDevices()).isTrue();
        assertThat(strict.createMissingTargets()).isFalse();
        assertThat(strict)
                .isNotEqualTo(plain)
                .hasToString(
                        "ViewSpec{root=/r, mounts=[], readOnlyRoot, allowDevices, createMissingTargets=false}");
        assertThat(ViewSpec.builder("/r").readOnlyRoot().build())
                .isNotEqualTo(plain)
                .isEqualTo(ViewSpec.builder("/r").readOnlyRoot().build());
    }

    @Test
    void aProcessViewIsRootedAtTheProcesssRootAndTakesNoMounts() throws Exception {
        ViewSpec spec = ViewSpec.ofProcess(4242).build();
        assertThat(spec.process()).hasValue(4242);
        assertThat(spec.root()).isEqualTo("/proc/4242/root");
        assertThat(spec.mounts()).isEmpty();
        assertThat(spec.allowHostMountNamespace()).isFalse();
        assertThat(spec)
                .hasToString("ViewSpec{process=4242}")
                .isNotEqualTo(ViewSpec.builder("/proc/4242/root").build());
        assertThat(ViewSpec.ofProcess(4242)
                        .allowHostMountNamespace()
                        .build()
                        .allowHostMountNamespace())
                .isTrue();
    }

    @Test
    void refusesAProcessViewThatAsksForWhatOnlyAMountingViewCanDo() {
        assertThatThrownBy(() -> ViewSpec.ofProcess(0).build())
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("pid: not a process id: 0");
        assertThatThrownBy(() -> ViewSpec.ofProcess(-7).build())
                .hasMessage("pid: not a process id: -7");
        assertThatThrownBy(() -> ViewSpec.ofProcess(9).mount(bind("/data")).build())
                .hasMessageStartingWith("mounts: a view of process 9 shows the mounts");
        assertThatThrownBy(() -> ViewSpec.ofProcess(9).readOnlyRoot().build())
                .hasMessageStartingWith("readOnlyRoot: a view of process 9 mounts nothing");
        assertThatThrownBy(
                        () -> ViewSpec.ofProcess(9).createMissingTargets(false).build())
                .hasMessage("createMissingTargets: a view of process 9 has no mount targets");
        assertThatThrownBy(
                        () -> ViewSpec.builder("/r").allowHostMountNamespace().build())
                .hasMessageStartingWith("allowHostMountNamespace: only a view of a process");
    }
}
