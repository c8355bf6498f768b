package dev.fsview.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.MountStepException;
import dev.fsview.SetupStep;

import org.junit.jupiter.api.Test;

import java.util.List;

/** The one preload routine both backends use for a spec's {@code preloadClasses}. */
class PreloadClassesTest {
    /** Set by its own initialiser: proves a class was initialised, not just loaded. */
    static final class Initialised {
        static boolean done;

        static {
            done = true;
        }
    }

    /** Its initialiser fails. */
    static final class Broken {
        static {
            if (true) {
                throw new IllegalStateException("broken on purpose");
            }
        }
    }

    @Test
    void eachNamedClassIsLoadedAndInitialised() throws Exception {
        PreloadClasses.load(List.of(Initialised.class.getName()), PreloadClassesTest.class);

        assertThat(Initialised.done).isTrue();
    }

    @Test
    void aMissingClassFailsTheStepPreloadNamingIt() {
        assertThatThrownBy(() -> PreloadClasses.load(
                        List.of("java.lang.String", "no.such.Type"), PreloadClassesTest.class))
                .isInstanceOfSatisfying(
                        MountStepException.class,
                        e -> assertThat(e.step()).isEqualTo(SetupStep.PRELOAD))
                .hasMessageContaining("no.such.Type");
    }

    @Test
    void aClassWhoseInitialiserFailsFailsTheStepPreloadNamingIt() {
        assertThatThrownBy(() -> PreloadClasses.load(
                        List.of(Broken.class.getName()), PreloadClassesTest.class))
                .isInstanceOfSatisfying(
                        MountStepException.class,
                        e -> assertThat(e.step()).isEqualTo(SetupStep.PRELOAD))
                .hasMessageContaining(Broken.class.getName());
    }

    @Test
    void withoutAContextLoaderTheBackendsLoaderServes() throws Exception {
        Thread t = Thread.currentThread();
        ClassLoader saved = t.getContextClassLoader();
        t.setContextClassLoader(null);
        try {
            PreloadClasses.load(List.of(Initialised.class.getName()), PreloadClassesTest.class);
        } finally {
            t.setContextClassLoader(saved);
        }
        assertThat(Initialised.done).isTrue();
    }
}
