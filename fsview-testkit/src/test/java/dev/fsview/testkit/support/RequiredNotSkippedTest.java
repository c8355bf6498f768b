package dev.fsview.testkit.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class RequiredNotSkippedTest {

    @Test
    void aSkipStaysASkipUnlessRequired() {
        Events events = run(false);
        assertThat(events.aborted().count()).isEqualTo(2);
        assertThat(events.failed().count()).isZero();
    }

    @Test
    void aSkipInATestOrItsSetUpFailsWhenRequiredNamingWhatWasMissing() {
        Events events = run(true);
        assertThat(events.aborted().count()).isZero();
        assertThat(events.failed().count()).isEqualTo(2);
        events.failed().stream()
                .forEach(e -> assertThat(
                                e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                                        .orElseThrow()
                                        .getThrowable()
                                        .orElseThrow())
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining(
                                "fsview.requireLinux=true requires every test to run here")
                        .hasMessageContaining("needs CAP_SYS_ADMIN"));
    }

    private static Events run(boolean required) {
        String before = System.getProperty(RequiredNotSkipped.PROPERTY);
        System.setProperty(RequiredNotSkipped.PROPERTY, Boolean.toString(required));
        try {
            return EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(Skipping.class), selectClass(SkippingInSetUp.class))
                    .execute()
                    .testEvents();
        } finally {
            if (before == null) {
                System.clearProperty(RequiredNotSkipped.PROPERTY);
            } else {
                System.setProperty(RequiredNotSkipped.PROPERTY, before);
            }
        }
    }

    @ExtendWith(RequiredNotSkipped.class)
    static class Skipping {
        @Test
        void skips() {
            Assumptions.abort("needs CAP_SYS_ADMIN");
        }
    }

    @ExtendWith(RequiredNotSkipped.class)
    static class SkippingInSetUp {
        @BeforeEach
        void setUp() {
            Assumptions.assumeTrue(false, "needs CAP_SYS_ADMIN");
        }

        @Test
        void skipsInSetUp() {}
    }
}
