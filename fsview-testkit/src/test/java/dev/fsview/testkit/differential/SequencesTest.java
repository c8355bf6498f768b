package dev.fsview.testkit.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.testkit.property.Shrinkable;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** The sequences: of every length allowed, over the tree's paths, shrinking to shorter ones. */
class SequencesTest {
    private static final Set<String> PATHS = paths();

    private static Set<String> paths() {
        Set<String> out = new HashSet<>(Sequences.DIRS);
        out.addAll(Sequences.FILES);
        out.addAll(Sequences.LINKS);
        out.add("");
        return out;
    }

    @Test
    void sequencesHaveEveryLengthFromOneToTheMaximumAndUseOnlyTheTreesPaths() {
        SplittableRandom random = new SplittableRandom(3);
        Set<Integer> lengths = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            List<NioOp> ops = Sequences.sequences().next(random).value();
            lengths.add(ops.size());
            for (NioOp op : ops) {
                assertThat(PATHS).as(op.toString()).containsAll(op.paths());
            }
        }
        assertThat(lengths).hasSize(Sequences.MAX_LENGTH).contains(1, Sequences.MAX_LENGTH);
    }

    @Test
    void aSequenceShrinksToShorterOrSimplerSequencesButNeverToNone() {
        Shrinkable<List<NioOp>> s = Sequences.sequences().next(new SplittableRandom(8));
        while (s.value().size() < 4) {
            s = Sequences.sequences().next(new SplittableRandom(s.value().hashCode()));
        }
        List<Integer> sizes = new ArrayList<>();
        for (Shrinkable<List<NioOp>> c : s.simpler()) {
            assertThat(c.value()).isNotEmpty().isNotEqualTo(s.value());
            sizes.add(c.value().size());
        }
        assertThat(sizes.get(0)).isEqualTo(s.value().size() - s.value().size() / 2);
        assertThat(sizes).contains(s.value().size() - 1, s.value().size());
    }

    @Test
    void aSequenceIsPrintedOneNumberedOperationALine() {
        assertThat(Sequences.describe(List.of(new NioOp.Read("a/f"), new NioOp.Mkdir("b/b"))))
                .isEqualTo(String.format(" 1 Read[path=a/f]%n 2 Mkdir[path=b/b]%n"));
        assertThat(new NioOp.Write("f", "x\ny", NioOp.WriteMode.APPEND))
                .hasToString("Write[path=f, content=\"x\\ny\", mode=APPEND]");
        assertThat(new NioOp.Chmod("a", 0640, true))
                .hasToString("Chmod[path=a, mode=0640, noFollow=true]");
    }
}
