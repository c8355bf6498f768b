package dev.fsview.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

/** Shrinking walks down to the simplest value that fails the same way, and no further. */
class ShrinkerTest {
    private static <T> Shrinker.Shrunk<T> shrink(
            Shrinkable<T> value, Property<T> property, int attempts) {
        Throwable failure = Shrinker.failureOf(property, value.value());
        assertThat(failure).as("the value fails to begin with").isNotNull();
        return Shrinker.shrink(value, failure, property, attempts);
    }

    private static Shrinkable<List<Integer>> failingList(
            Gen<List<Integer>> gen, Property<List<Integer>> property) {
        SplittableRandom random = new SplittableRandom(1);
        while (true) {
            Shrinkable<List<Integer>> s = gen.next(random);
            if (Shrinker.failureOf(property, s.value()) != null) {
                return s;
            }
        }
    }

    @Test
    void aNumberShrinksToTheExactBoundaryOfTheFailure() {
        Property<Long> belowThirtySeven = v -> assertThat(v).isLessThan(37);
        Shrinker.Shrunk<Long> shrunk = shrink(Candidates.integral(1000, 0), belowThirtySeven, 1000);
        assertThat(shrunk.value()).isEqualTo(37L);
        assertThat(shrunk.minimal()).isTrue();
        assertThat(shrunk.failure()).isInstanceOf(AssertionError.class).hasMessageContaining("37");
    }

    @Test
    void aListShrinksToTheOneElementThatMatters() {
        Gen<List<Integer>> gen = Gen.lists(Gen.integers(0, 100), 0, 20);
        Property<List<Integer>> noneAboveFifty = l -> assertThat(l).allMatch(i -> i < 50);
        Shrinker.Shrunk<List<Integer>> shrunk =
                shrink(failingList(gen, noneAboveFifty), noneAboveFifty, 10_000);
        assertThat(shrunk.value()).containsExactly(50);
        assertThat(shrunk.minimal()).isTrue();
    }

    @Test
    void aListShrinksToEveryElementThatMattersAndOnlyThose() {
        Gen<List<Integer>> gen = Gen.lists(Gen.integers(0, 100), 0, 24);
        Property<List<Integer>> notTwoLarge =
                l -> assertThat(l.stream().filter(i -> i >= 40).count()).isLessThan(2);
        Shrinker.Shrunk<List<Integer>> shrunk =
                shrink(failingList(gen, notTwoLarge), notTwoLarge, 10_000);
        assertThat(shrunk.value()).containsExactly(40, 40);
        assertThat(shrunk.steps()).isPositive();
    }

    @Test
    void onlyTheSameKindOfFailureCountsWhileShrinking() {
        Property<Long> twoBugs = v -> {
            if (v >= 50) {
                throw new IllegalStateException("big " + v);
            }
            if (v >= 10) {
                throw new AssertionError("medium " + v);
            }
        };
        Shrinker.Shrunk<Long> shrunk = shrink(Candidates.integral(80, 0), twoBugs, 1000);
        assertThat(shrunk.value()).isEqualTo(50L);
        assertThat(shrunk.failure()).isInstanceOf(IllegalStateException.class).hasMessage("big 50");
    }

    @Test
    void shrinkingStopsWhenTheAttemptsRunOutAndSaysSo() {
        Property<Long> belowThree = v -> assertThat(v).isLessThan(3);
        Shrinker.Shrunk<Long> shrunk = shrink(Candidates.integral(1_000_000, 0), belowThree, 4);
        assertThat(shrunk.attempts()).isEqualTo(4);
        assertThat(shrunk.minimal()).isFalse();
        assertThat(shrunk.value()).isGreaterThan(3L);
    }

    @Test
    void anInterruptedThreadStopsShrinking() {
        Property<Long> belowThree = v -> assertThat(v).isLessThan(3);
        Thread.currentThread().interrupt();
        try {
            Shrinker.Shrunk<Long> shrunk = shrink(Candidates.integral(1000, 0), belowThree, 100);
            assertThat(shrunk.attempts()).isZero();
            assertThat(shrunk.minimal()).isFalse();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aValueWithoutCandidatesIsAlreadyMinimal() {
        Property<String> fails = s -> {
            throw new IllegalArgumentException(s);
        };
        Shrinker.Shrunk<String> shrunk = shrink(Shrinkable.unshrinkable("x"), fails, 10);
        assertThat(shrunk.value()).isEqualTo("x");
        assertThat(shrunk.steps()).isZero();
        assertThat(shrunk.attempts()).isZero();
        assertThat(shrunk.minimal()).isTrue();
    }
}
