package dev.fsview.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The system properties {@code fsview.testkit.tries}, {@code .seed} and {@code .maxOps}. */
class KnobsTest {
    private String tries;
    private String seed;
    private String maxOps;

    /** The build sets a seed for every test (the parent pom); each test here starts without. */
    @BeforeEach
    void clear() {
        tries = System.clearProperty(Knobs.TRIES);
        seed = System.clearProperty(Knobs.SEED);
        maxOps = System.clearProperty(Knobs.MAX_OPS);
    }

    @AfterEach
    void restore() {
        restore(Knobs.TRIES, tries);
        restore(Knobs.SEED, seed);
        restore(Knobs.MAX_OPS, maxOps);
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

    @Test
    void theLongestSequenceIsTheDefaultUnlessThePropertySaysOtherwise() {
        assertThat(Knobs.maxOps(24)).isEqualTo(24);
        System.setProperty(Knobs.MAX_OPS, "48");
        assertThat(Knobs.maxOps(24)).isEqualTo(48);
        for (String bad : new String[] {"0", "-1", "long"}) {
            System.setProperty(Knobs.MAX_OPS, bad);
            assertThatThrownBy(() -> Knobs.maxOps(24))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("-Dfsview.testkit.maxOps must be"
                            + " a whole number of at least 1, was '" + bad + "'");
        }
    }
}
