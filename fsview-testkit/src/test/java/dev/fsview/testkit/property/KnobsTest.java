package dev.fsview.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The system properties {@code fsview.testkit.tries} and {@code fsview.testkit.seed}. */
class KnobsTest {
    private String tries;
    private String seed;

    /** The build sets a seed for every test (the parent pom); each test here starts without. */
    @BeforeEach
    void clear() {
        tries = System.clearProperty(Knobs.TRIES);
        seed = System.clearProperty(Knobs.SEED);
    }

    @AfterEach
    void restore() {
        restore(Knobs.TRIES, tries);
        restore(Knobs.SEED, seed);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void withoutPropertiesTheDefaultTriesAndAFreshSeedApply() {
        assertThat(Knobs.tries(2000)).isEqualTo(2000);
        assertThat(Knobs.seed()).isNotEqualTo(Knobs.seed());
    }

    @Test
    void thePropertiesOverrideTheDefaults() {
        System.setProperty(Knobs.TRIES, " 100000 ");
        System.setProperty(Knobs.SEED, "-4242424242");
        assertThat(Knobs.tries(2000)).isEqualTo(100_000);
        assertThat(Knobs.seed()).isEqualTo(-4_242_424_242L);
    }

    @Test
    void badTriesAreRefusedNamingTheProperty() {
        for (String bad : new String[] {"0", "-3", "many", "1e3"}) {
            System.setProperty(Knobs.TRIES, bad);
            assertThatThrownBy(() -> Knobs.tries(2000))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("-Dfsview.testkit.tries must be"
                            + " a whole number of at least 1, was '" + bad + "'");
        }
    }

    @Test
    void aBadSeedIsRefusedNamingTheProperty() {
        System.setProperty(Knobs.SEED, "0x1f");
        assertThatThrownBy(Knobs::seed)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dfsview.testkit.seed must be a whole number")
                .hasMessageContaining("'0x1f'");
    }
}
