package dev.fsview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.spi.FsViewProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

class FsViewsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(FsViews.BACKEND_PROPERTY);
    }

    @Test
    void discoversProvidersThroughTheServiceLoaderHighestPriorityFirst() {
        assertThat(FsViews.providers())
                .extracting(FsViewBackend::name)
                .containsExactly("privileged", "simulated");
    }

    @Test
    void neverFallsBackSilentlyToALowerBackendWhenTheBestIsUnavailable() {
        // privileged (priority above simulated) is on the class path but unavailable
        assertThatThrownBy(FsViews::provider)
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage(
                        "fsview backend 'privileged' is unavailable: the process lacks CAP_SYS_ADMIN; "
                                + "'simulated' is on the class path but is not used in its place unless asked for: "
                                + "set -Dfsview.backend=simulated or call FsViews.provider(\"simulated\"); backends: "
                                + "privileged (unavailable: the process lacks CAP_SYS_ADMIN); simulated (available)");
        assertThatThrownBy(() -> FsViews.open(ViewSpec.builder("/r").build()))
                .isInstanceOf(BackendUnavailableException.class);
    }

    @Test
    void theFakeIsPickedByItselfOnlyWhenItIsTheOnlyBackend() throws Exception {
        FsViewProvider fake = new TestProviders.Stub("fake", 0, Availability.available(Set.of()));
        FsViewProvider linux = new TestProviders.Stub(
                "linux", 100, Availability.unavailable("the process lacks CAP_SYS_ADMIN"));
        assertThat(FsViews.select(List.of(fake), "")).isSameAs(fake);
        assertThatThrownBy(() -> FsViews.select(FsViews.ranked(List.of(fake, linux)), ""))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageStartingWith(
                        "fsview backend 'linux' is unavailable: the process lacks CAP_SYS_ADMIN; "
                                + "'fake' is on the class path but is not used in its place unless asked for: "
                                + "set -Dfsview.backend=fake or call FsViews.provider(\"fake\")");
        assertThat(FsViews.select(FsViews.ranked(List.of(fake, linux)), "fake")).isSameAs(fake);
    }

    @Test
    void theSystemPropertyNamesTheBackend() throws Exception {
        System.setProperty(FsViews.BACKEND_PROPERTY, "simulated");
        assertThat(FsViews.provider().name()).isEqualTo("simulated");
    }

    @Test
    void aNamedBackendThatIsUnavailableSaysWhy() {
        System.setProperty(FsViews.BACKEND_PROPERTY, "privileged");
        assertThatThrownBy(FsViews::provider)
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage(
                        "fsview backend 'privileged' is unavailable: the process lacks CAP_SYS_ADMIN");
        assertThatThrownBy(() -> FsViews.provider("privileged"))
                .hasMessage(
                        "fsview backend 'privileged' is unavailable: the process lacks CAP_SYS_ADMIN");
    }

    @Test
    void anUnknownBackendListsTheOnesThereAre() {
        assertThatThrownBy(() -> FsViews.provider("linux"))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage(
                        "no fsview backend named 'linux' is on the class path; backends: "
                                + "privileged (unavailable: the process lacks CAP_SYS_ADMIN); simulated (available)");
    }

    @Test
    void openUsesTheSelectedBackend() {
        System.setProperty(FsViews.BACKEND_PROPERTY, "simulated");
        assertThatThrownBy(() -> FsViews.open(ViewSpec.builder("/r").build()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("stub simulated opens nothing");
    }

    @Test
    void whenNoneIsAvailableTheErrorListsEveryBackendAndWhy() {
        List<FsViewProvider> none = FsViews.ranked(List.of(
                new TestProviders.Stub(
                        "fake", 0, Availability.unavailable("disabled for this test")),
                new TestProviders.Stub(
                        "linux", 100, Availability.unavailable("not Linux (Mac OS X)"))));
        assertThatThrownBy(() -> FsViews.select(none, ""))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage(
                        "fsview backend 'linux' is unavailable: not Linux (Mac OS X); backends: "
                                + "linux (unavailable: not Linux (Mac OS X)); fake (unavailable: disabled for this test)");
        assertThatThrownBy(() -> FsViews.select(List.of(), ""))
                .hasMessage(
                        "no fsview backend can open views here; no backend is on the class path "
                                + "(add fsview-linux or fsview-fake)");
    }

    @Test
    void rankingIsByPriorityThenNameNotClassPathOrder() throws Exception {
        FsViewProvider a = new TestProviders.Stub("a", 5, Availability.available(Set.of()));
        FsViewProvider b = new TestProviders.Stub("b", 5, Availability.available(Set.of()));
        FsViewProvider top = new TestProviders.Stub("top", 9, Availability.available(Set.of("x")));
        assertThat(FsViews.ranked(List.of(b, top, a))).containsExactly(top, a, b);
        assertThat(FsViews.select(FsViews.ranked(List.of(b, a)), "  ")).isSameAs(a);
        assertThat(FsViews.select(FsViews.ranked(List.of(b, a)), " b ")).isSameAs(b);
    }

    @Test
    void describeListsEveryBackend() {
        assertThat(FsViews.describe())
                .isEqualTo(
                        "privileged: unavailable: the process lacks CAP_SYS_ADMIN\nsimulated: available\n");
    }

    @Test
    void prepareOfABackendWithNothingToPrepareOnlyChecksThatItIsAvailable() throws Exception {
        new TestProviders.Simulated().prepare();
        assertThatThrownBy(() -> new TestProviders.Privileged().prepare())
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage(
                        "fsview backend 'privileged' is unavailable: the process lacks CAP_SYS_ADMIN");
    }
}
