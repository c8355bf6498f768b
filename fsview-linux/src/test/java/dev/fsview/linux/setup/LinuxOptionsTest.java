package dev.fsview.linux.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.InvalidSpecException;
import dev.fsview.SetupStep;
import dev.fsview.ViewSpec;
import dev.fsview.linux.step.Faults;

import org.junit.jupiter.api.Test;

/** The linux.* options: defaults, accepted values, and a clear refusal of anything else. */
class LinuxOptionsTest {

    private static ViewSpec spec(String key, String value) throws InvalidSpecException {
        return ViewSpec.builder("/srv/root").option(key, value).build();
    }

    @Test
    void defaultsToAutoForBoth() throws Exception {
        LinuxOptions o = LinuxOptions.of(ViewSpec.builder("/srv/root").build());
        assertThat(o.mountApi()).isEqualTo(LinuxOptions.Choice.AUTO);
        assertThat(o.resolve()).isEqualTo(LinuxOptions.Choice.AUTO);
        assertThat(o.failSteps()).isEmpty();
    }

    @Test
    void readsEachChoice() throws Exception {
        assertThat(LinuxOptions.of(spec("linux.mount-api", "classic")).mountApi())
                .isEqualTo(LinuxOptions.Choice.FALLBACK);
        assertThat(LinuxOptions.of(spec("linux.mount-api", "NEW")).mountApi())
                .isEqualTo(LinuxOptions.Choice.MODERN);
        assertThat(LinuxOptions.of(spec("linux.resolve", "walk")).resolve())
                .isEqualTo(LinuxOptions.Choice.FALLBACK);
        assertThat(LinuxOptions.of(spec("linux.resolve", "openat2")).resolve())
                .isEqualTo(LinuxOptions.Choice.MODERN);
    }

    @Test
    void ignoresOtherBackendsOptions() throws Exception {
        assertThat(LinuxOptions.of(spec("fake.anything", "x")).mountApi())
                .isEqualTo(LinuxOptions.Choice.AUTO);
    }

    @Test
    void refusesABadValueNamingTheOption() {
        assertThatThrownBy(() -> LinuxOptions.of(spec("linux.mount-api", "fast")))
                .isInstanceOfSatisfying(
                        InvalidSpecException.class,
                        e -> assertThat(e.field()).isEqualTo("linux.mount-api"))
                .hasMessageContaining("must be auto, new or classic, not 'fast'");
        assertThatThrownBy(() -> LinuxOptions.of(spec("linux.resolve", "")))
                .isInstanceOf(InvalidSpecException.class);
    }

    @Test
    void refusesAnUnknownLinuxOption() {
        assertThatThrownBy(() -> LinuxOptions.of(spec("linux.mountapi", "new")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("unknown option of the linux backend");
    }

    @Test
    void refusesABadFailStep() {
        assertThatThrownBy(() -> LinuxOptions.of(spec("linux.fail-step", "bind#0")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> LinuxOptions.of(spec("linux.fail-step", "bnid")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("unknown step 'bnid'");
    }

    @Test
    void everyStepHasAStableIdThatFaultsAccept() throws Exception {
        for (SetupStep s : SetupStep.values()) {
            assertThat(SetupStep.byId(s.id())).isEqualTo(s);
            Faults.parse(s.id() + "#1");
        }
        assertThat(SetupStep.MOVE_MOUNT.id()).isEqualTo("move-mount");
    }
}
