package dev.fsview.testkit.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/** The generators: deterministic per seed, within their bounds, and shrinking toward simpler. */
class GenTest {
    private static <T> List<T> sample(Gen<T> gen, long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(gen.next(random).value());
        }
        return out;
    }

    private static <T> List<T> values(List<Shrinkable<T>> shrinkables) {
        List<T> out = new ArrayList<>();
        shrinkables.forEach(s -> out.add(s.value()));
        return out;
    }

    /** Checks every candidate, down the whole tree, is strictly simpler by a measure. */
    private static <T> int assertStrictlySimpler(Shrinkable<T> s, ToLongFunction<T> measure) {
        int nodes = 1;
        for (Shrinkable<T> c : s.simpler()) {
            assertThat(measure.applyAsLong(c.value()))
                    .as(c + " simpler than " + s)
                    .isLessThan(measure.applyAsLong(s.value()));
            nodes += assertStrictlySimpler(c, measure);
        }
        return nodes;
    }

    @Test
    void theSameSeedGeneratesTheSameValuesAndAnotherSeedOthers() {
        Gen<List<Integer>> gen = Gen.lists(Gen.integers(0, 1000), 0, 10);
        assertThat(sample(gen, 5, 50))
                .isEqualTo(sample(gen, 5, 50))
                .isNotEqualTo(sample(gen, 6, 50));
    }

    @Test
    void numbersStayInTheirRangeAndCoverIt() {
        assertThat(new HashSet<>(sample(Gen.integers(3, 7), 1, 500)))
                .containsExactlyInAnyOrder(3, 4, 5, 6, 7);
        assertThat(sample(Gen.longs(-2, 2), 1, 500))
                .allMatch(v -> v >= -2 && v <= 2)
                .contains(-2L, 2L);
        assertThat(new HashSet<>(sample(Gen.booleans(), 1, 100)))
                .containsExactlyInAnyOrder(false, true);
    }

    @Test
    void numbersShrinkTowardTheirLowerBoundFirstThenHalfwayThenByOne() {
        Shrinkable<Integer> v = Gen.integers(10, 200).next(new SplittableRandom(3));
        Shrinkable<Long> hundred = Candidates.integral(100, 10);
        assertThat(values(hundred.simpler())).containsExactly(10L, 55L, 78L, 89L, 95L, 98L, 99L);
        assertThat(values(Candidates.integral(-8, 0).simpler())).containsExactly(0L, -4L, -6L, -7L);
        assertThat(Candidates.integral(10, 10).simpler()).isEmpty();
        assertThat(values(v.simpler())).allMatch(c -> c >= 10 && c < v.value()).startsWith(10);
    }

    @Test
    void elementsShrinkTowardTheFirst() {
        Gen<String> gen = Gen.elements("a", "b", "c", "d");
        for (int seed = 0; seed < 20; seed++) {
            Shrinkable<String> s = gen.next(new SplittableRandom(seed));
            List<String> earlier =
                    List.of("a", "b", "c", "d").subList(0, "abcd".indexOf(s.value()));
            assertThat(values(s.simpler())).isSubsetOf(earlier).doesNotHaveDuplicates();
            if (!earlier.isEmpty()) {
                assertThat(values(s.simpler()))
                        .startsWith("a")
                        .endsWith(earlier.get(earlier.size() - 1));
            }
        }
    }

    @Test
    void listsShrinkByRemovingHalvesQuartersAndSinglesThenBySimplerElements() {
        List<Shrinkable<Integer>> elements = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            elements.add(Candidates.integral(i, 0).map(Long::intValue));
        }
        Shrinkable<List<Integer>> list = Candidates.list(elements, 1);
        assertThat(values(list.simpler()))
                .startsWith(
                        List.of(3, 4),
                        List.of(1, 2),
                        List.of(2, 3, 4),
                        List.of(1, 3, 4),
                        List.of(1, 2, 4),
                        List.of(1, 2, 3),
                        List.of(0, 2, 3, 4));
        Shrinkable<List<Integer>> one = Candidates.list(List.of(elements.get(0)), 1);
        assertThat(values(one.simpler()))
                .as("never below the minimum size")
                .containsExactly(List.of(0));
        assertThat(Candidates.removals(List.of(1, 2, 3), 0))
                .containsExactly(List.of(2, 3), List.of(1, 3), List.of(1, 2));
    }

    @Test
    void everyCandidateIsStrictlySimplerSoShrinkingEnds() {
        Gen<List<Integer>> gen = Gen.lists(Gen.integers(0, 3), 0, 4);
        for (int seed = 0; seed < 10; seed++) {
            int nodes = assertStrictlySimpler(
                    gen.next(new SplittableRandom(seed)),
                    list -> list.size() * 10L + list.stream().mapToLong(i -> i).sum());
            assertThat(nodes).isPositive();
        }
        Gen<String> strings = Gen.strings("xy", 4);
        assertStrictlySimpler(
                strings.next(new SplittableRandom(1)),
                s -> s.length() * 10L + s.chars().filter(c -> c == 'y').count());
    }

    @Test
    void stringsUseTheirAlphabetUpToTheirLength() {
        List<String> strings = sample(Gen.strings("xy\n", 12), 9, 500);
        assertThat(strings)
                .allMatch(s -> s.length() <= 12 && s.matches("[xy\n]*"))
                .contains("")
                .anyMatch(s -> s.length() == 12);
    }

    @Test
    void frequencyFollowsTheWeightsAndShrinksWithinTheChoice() {
        Gen<String> gen = Gen.frequency(
                Gen.weighted(3, Gen.elements("a1", "a2")),
                Gen.weighted(1, Gen.elements("b1", "b2")));
        Map<Character, Integer> counts = new HashMap<>();
        sample(gen, 11, 8000).forEach(s -> counts.merge(s.charAt(0), 1, Integer::sum));
        assertThat(counts.get('a') / (double) counts.get('b')).isBetween(2.7, 3.3);
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 50; i++) {
            Shrinkable<String> s = gen.next(random);
            Set<String> expected = s.value().equals("a2")
                    ? Set.of("a1")
                    : s.value().equals("b2") ? Set.of("b1") : Set.of();
            assertThat(new HashSet<>(values(s.simpler()))).isEqualTo(expected);
        }
    }

    @Test
    void combinedValuesShrinkOnePartAtATime() {
        Gen<String> gen =
                Gen.combine(Gen.integers(0, 9), Gen.elements("a", "b", "c"), (n, s) -> s + n);
        Shrinkable<String> v = gen.next(new SplittableRandom(4));
        while (v.value().charAt(1) < '2' || v.value().charAt(0) == 'a') {
            v = gen.next(new SplittableRandom(v.value().hashCode()));
        }
        for (String c : values(v.simpler())) {
            boolean sameLetter = c.charAt(0) == v.value().charAt(0);
            boolean sameDigit = c.charAt(1) == v.value().charAt(1);
            assertThat(sameLetter ^ sameDigit).as(c + " from " + v).isTrue();
        }
        Gen<String> three = Gen.combine(
                Gen.constant("k"), Gen.booleans(), Gen.integers(1, 1), (k, b, n) -> k + b + n);
        assertThat(sample(three, 1, 20)).allMatch(s -> s.equals("kfalse1") || s.equals("ktrue1"));
    }

    @Test
    void impossibleGeneratorsAreRefused() {
        assertThatThrownBy(() -> Gen.elements(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> Gen.integers(5, 4)).hasMessageContaining("[5, 4]");
        assertThatThrownBy(() -> Gen.longs(0, Long.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Gen.lists(Gen.booleans(), -1, 3)).hasMessageContaining("[-1, 3]");
        assertThatThrownBy(() -> Gen.lists(Gen.booleans(), 4, 3)).hasMessageContaining("[4, 3]");
        assertThatThrownBy(() -> Gen.weighted(0, Gen.booleans()))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Gen.frequency(List.of())).hasMessageContaining("at least one");
    }
}
