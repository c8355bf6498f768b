package dev.fsview.testkit.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fsview.testkit.property.ForAll;
import dev.fsview.testkit.property.PropertyFailure;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A backend that gets one thing wrong is caught, and the failure shows a minimal sequence with
 * both sides' outcomes step by step, and the seed that reproduces it.
 */
class ShrinkingTest {

    /** A side that lists directories in reverse order: wrong only for listings of two or more. */
    static Side reversingListings(Path top) {
        return new Flawed(top, n -> {
            if (!n.startsWith("[") || n.contains("/")) {
                return n;
            }
            List<String> names =
                    new ArrayList<>(List.of(n.substring(1, n.length() - 1).split(", ")));
            Collections.reverse(names);
            return names.toString();
        });
    }

    /** A side that reads every {@code y} as {@code x}: only files a sequence wrote hold one. */
    static Side readingYAsX(Path top) {
        return new Flawed(top, n -> n.startsWith("\"") ? n.replace('y', 'x') : n);
    }

    /** The JDK on a directory, with one report rewritten. */
    private static final class Flawed implements Side {
        private final Side reference;
        private final Function<String, String> flaw;

        Flawed(Path top, Function<String, String> flaw) {
            this.reference = Side.reference(top);
            this.flaw = flaw;
        }

        @Override
        public Path path(String rel) {
            return reference.path(rel);
        }

        @Override
        public Path relative(String rel) {
            return reference.relative(rel);
        }

        @Override
        public String linkTarget(String target) {
            return reference.linkTarget(target);
        }

        @Override
        public String normalize(String reported) {
            return flaw.apply(reference.normalize(reported));
        }
    }

    private static PropertyFailure runAgainst(Function<Path, Side> flawed, long seed) {
        return catchThrowableOfType(
                PropertyFailure.class,
                () -> ForAll.of(Sequences.sequences())
                        .tries(200)
                        .seed(seed)
                        .describedBy(Sequences::describe)
                        .check(ops -> {
                            Differential d = TwoDirectories.compare(ops, flawed);
                            if (!d.agrees()) {
                                throw new AssertionError("differ:\n" + d);
                            }
                        }));
    }

    @Test
    void aFlawIsCaughtAndShrunkToASingleListing() {
        PropertyFailure failure = runAgainst(ShrinkingTest::reversingListings, 42);
        assertThat(failure).as("the flaw was caught").isNotNull();
        assertThat(failure.shrunk()).isEqualTo(List.of(new NioOp.ListDir("a")));
        assertThat(failure.getMessage())
                .contains("-Dfsview.testkit.seed=" + failure.seed())
                .contains("minimal: no simpler value fails the same way")
                .contains(" 1 ListDir[path=a]\n")
                .contains("JDK:  ok [a, b, f, l]")
                .contains("view: ok [l, f, b, a]   <== differs");
        assertThat((List<?>) failure.original()).hasSizeGreaterThanOrEqualTo(1);
    }

    @Test
    void aFlawThatNeedsTwoOperationsShrinksToThemWithTheSimplestArguments() {
        PropertyFailure failure = runAgainst(ShrinkingTest::readingYAsX, 7);
        assertThat(failure).as("the flaw was caught").isNotNull();
        assertThat((List<?>) failure.shrunk()).hasSize(2);
        NioOp write = (NioOp) ((List<?>) failure.shrunk()).get(0);
        assertThat(write).isInstanceOfSatisfying(NioOp.Write.class, w -> {
            assertThat(w.content()).isEqualTo("y");
            assertThat(w.mode()).isEqualTo(NioOp.WriteMode.TRUNCATE);
        });
        assertThat(((List<?>) failure.shrunk()).get(1)).isInstanceOf(NioOp.Read.class);
        assertThat(failure.getMessage()).contains("view: ok \"x\"   <== differs");
    }

    @Test
    void thePrintedSeedReplaysTheFailingSequenceFirst() {
        PropertyFailure failure = runAgainst(ShrinkingTest::reversingListings, 42);
        PropertyFailure replay = runAgainst(ShrinkingTest::reversingListings, failure.seed());
        assertThat(replay.tryNumber()).isEqualTo(1);
        assertThat(replay.original()).isEqualTo(failure.original());
        assertThat(replay.shrunk()).isEqualTo(failure.shrunk());
    }

    @Test
    void aDifferenceIsReportedStepByStep() throws IOException {
        Differential d = TwoDirectories.compare(
                List.of(new NioOp.Read("a/f"), new NioOp.ListDir("a"), new NioOp.Read("b")),
                ShrinkingTest::reversingListings);
        assertThat(d.agrees()).isFalse();
        assertThat(d.steps()).hasSize(2);
        assertThat(d.toString())
                .contains(" 1 Read[path=a/f]\n     both: ok \"alpha\"")
                .contains("JDK:  ok [a, b, f, l]")
                .contains("view: ok [l, f, b, a]   <== differs");
    }
}
