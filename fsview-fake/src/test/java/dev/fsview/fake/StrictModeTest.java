package dev.fsview.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.ViewSpec;
import org.junit.jupiter.api.Test;

/**
 * Strict mode (issue 13): a task that loads a class neither preloaded nor loaded before the view
 * opened fails, as on Linux; off by default. Each test uses its own probe class, loaded nowhere
 * else.
 */
class StrictModeTest {
    private static FakeHost host() throws Exception {
        return new FakeHost().mkdirs("/c/root");
    }

    @Test
    void aTaskLoadingAClassNotPreloadedFailsAsOnLinux() throws Exception {
        FakeHost host = host().strict(true);
        try (FsView view = host.open(ViewSpec.builder("/c/root").build())) {
            assertThat(view.<Integer, RuntimeException>call(ctx -> 1 + 1)).isEqualTo(2); // loads nothing: passes
            assertThatThrownBy(() -> view.call(ctx -> StrictProbeA.value()))
                    .isInstanceOf(NoClassDefFoundError.class)
                    .hasMessageContaining(StrictProbeA.class.getName())
                    .hasMessageContaining("preloadClasses");
            // now loaded (by the failed task): a later task is not blamed again
            assertThat(view.<Integer, RuntimeException>call(ctx -> StrictProbeA.value())).isEqualTo(1);
        }
    }

    @Test
    void aPreloadedClassOrOneLoadedBeforeTheViewOpenedPasses() throws Exception {
        FakeHost host = host().strict(true);
        try (FsView view = host.open(ViewSpec.builder("/c/root")
                .preloadClasses("dev.fsview.fake.StrictProbeB").build())) {
            assertThat(view.<Integer, RuntimeException>call(ctx -> StrictProbeB.value())).isEqualTo(2);
        }
        assertThat(StrictProbeC.value()).isEqualTo(3);
        try (FsView view = host.open(ViewSpec.builder("/c/root").build())) {
            assertThat(view.<Integer, RuntimeException>call(ctx -> StrictProbeC.value())).isEqualTo(3);
        }
    }

    @Test
    void offByDefaultAndOnForEveryViewWithTheSystemProperty() throws Exception {
        try (FsView view = host().open(ViewSpec.builder("/c/root").build())) {
            assertThat(view.<Integer, RuntimeException>call(ctx -> StrictProbeD.value())).isEqualTo(4);
        }
        System.setProperty(StrictClasses.PROPERTY, "true");
        try (FsView view = host().open(ViewSpec.builder("/c/root").build())) {
            assertThatThrownBy(() -> view.call(ctx -> StrictProbeE.value()))
                    .isInstanceOf(NoClassDefFoundError.class)
                    .hasMessageContaining(StrictProbeE.class.getName());
        } finally {
            System.clearProperty(StrictClasses.PROPERTY);
        }
    }
}

/** Loaded first inside a strict task. */
final class StrictProbeA {
    private StrictProbeA() {
    }

    static int value() {
        return 1;
    }
}

/** Named in preloadClasses. */
final class StrictProbeB {
    private StrictProbeB() {
    }

    static int value() {
        return 2;
    }
}

/** Loaded by the test before the view opens. */
final class StrictProbeC {
    private StrictProbeC() {
    }

    static int value() {
        return 3;
    }
}

/** Loaded first inside a task of a view not in strict mode. */
final class StrictProbeD {
    private StrictProbeD() {
    }

    static int value() {
        return 4;
    }
}

/** Loaded first inside a task made strict by the system property. */
final class StrictProbeE {
    private StrictProbeE() {
    }

    static int value() {
        return 5;
    }
}
