package dev.fsview.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs of a property: every try, a reproducible seed, a shrunk and readable failure. */
class ForAllTest {
    private static final Gen<List<Integer>> LISTS = Gen.lists(Gen.integers(0, 100), 0, 10);
    private static final Property<List<Integer>> NONE_ABOVE_NINETY =
            l -> assertThat(l).allMatch(i -> i <= 90);

    private static List<List<Integer>> generated(long seed, int tries) {
        List<List<Integer>> seen = new ArrayList<>();
        ForAll.of(LISTS).tries(tries).seed(seed).check(seen::add);
        return seen;
    }

    @Test
    void aPassingPropertyIsCheckedOncePerTry() {
        AtomicInteger checks = new AtomicInteger();
        ForAll.of(LISTS).tries(321).check(l -> checks.incrementAndGet());
        assertThat(checks).hasValue(321);
    }

    @Test
    void aSeedDeterminesTheValues() {
        assertThat(generated(17, 50)).isEqualTo(generated(17, 50)).isNotEqualTo(generated(18, 50));
        assertThat(ForAll.of(LISTS).seed(17).seed()).isEqualTo(17);
    }

    @Test
    void aFailureIsShrunkAndNamesTheSeedThatGeneratesItFirst() {
        PropertyFailure failure = catchThrowableOfType(
                PropertyFailure.class,
                () -> ForAll.of(LISTS)
                        .tries(1000)
                        .seed(99)
                        .describedBy(l -> "LIST " + l)
                        .check(NONE_ABOVE_NINETY));
        assertThat(failure.shrunk()).isEqualTo(List.of(91));
        assertThat(failure.tryNumber()).isGreaterThan(1);
        assertThat(failure.getMessage())
                .contains("property failed on try " + failure.tryNumber() + " of 1000")
                .contains("-Dfsview.testkit.seed=" + failure.seed() + " generates this value first")
                .contains("the run started from 99")
                .contains("shrunk value:\nLIST [91]\n")
                .contains("original value:\nLIST " + failure.original());
        assertThat(failure.getCause()).isInstanceOf(AssertionError.class);
        assertThat(generated(failure.seed(), 1)).isEqualTo(List.of(failure.original()));
    }

    @Test
    void withoutShrinkAttemptsTheValueIsReportedAsGenerated() {
        PropertyFailure failure = catchThrowableOfType(
                PropertyFailure.class,
                () -> ForAll.of(LISTS)
                        .tries(1000)
                        .seed(99)
                        .shrinkAttempts(0)
                        .check(NONE_ABOVE_NINETY));
        assertThat(failure.shrunk()).isEqualTo(failure.original());
        assertThat(failure.getMessage()).contains("perhaps not minimal");
        assertThat(failure.getSuppressed()).isEmpty();
    }

    @Test
    void aPropertyThatThrowsAnExceptionFailsToo() {
        PropertyFailure failure = catchThrowableOfType(
                PropertyFailure.class,
                () -> ForAll.of(Gen.integers(0, 10)).tries(100).seed(1).check(i -> {
                    if (i > 4) {
                        throw new java.io.IOException("too big: " + i);
                    }
                }));
        assertThat(failure.shrunk()).isEqualTo(5);
        assertThat(failure.getCause())
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("too big: 5");
    }

    @Test
    void impossibleRunsAreRefused() {
        assertThatThrownBy(() -> ForAll.of(LISTS).tries(0)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> ForAll.of(LISTS).shrinkAttempts(-1))
                .hasMessageContaining("negative");
    }
}
