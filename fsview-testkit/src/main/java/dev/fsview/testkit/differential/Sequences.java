package dev.fsview.testkit.differential;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generates differential sequences: lists of {@link NioOp}s over a small universe of tree paths
 * (three names, up to three levels deep), so that operations keep meeting each other's results —
 * a link created by one is followed by the next, a directory made by one is renamed by another.
 * Everything shrinks: a failing sequence is cut down to the operations that matter, each with
 * the simplest paths and values that still fail.
 */
public final class Sequences {
    /** The names every tree path is made of. */
    static final List<String> NAMES = List.of("a", "b", "f");
    /** Every tree path of one to three names, shortest first (jqwik shrinks towards them). */
    static final List<String> PATHS = paths();
    /** The longest sequence generated. */
    static final int MAX_LENGTH = 24;

    private Sequences() {
    }

    private static List<String> paths() {
        List<String> out = new ArrayList<>(NAMES);
        for (int depth = 1; depth < 3; depth++) {
            List<String> longer = new ArrayList<>();
            for (String p : out) {
                if (p.chars().filter(c -> c == '/').count() == depth - 1) {
                    for (String n : NAMES) {
                        longer.add(p + "/" + n);
                    }
                }
            }
            out.addAll(longer);
        }
        return List.copyOf(out);
    }

    /**
     * Sequences of one to {@value #MAX_LENGTH} operations.
     *
     * @return the arbitrary
     */
    public static Arbitrary<List<NioOp>> sequences() {
        return operations().list().ofMinSize(1).ofMaxSize(MAX_LENGTH);
    }

    /**
     * Single operations, creating ones more often than others.
     *
     * @return the arbitrary
     */
    @SuppressWarnings("unchecked")
    public static Arbitrary<NioOp> operations() {
        Arbitrary<String> p = path();
        return Arbitraries.frequencyOf(
                Tuple.of(3, p.map(NioOp.CreateFile::new)),
                Tuple.of(5, Combinators.combine(p, content(), Arbitraries.of(NioOp.WriteMode.class))
                        .as(NioOp.Write::new)),
                Tuple.of(4, p.map(NioOp.Read::new)),
                Tuple.of(2, Combinators.combine(p, Arbitraries.integers().between(0, 8))
                        .as(NioOp.Truncate::new)),
                Tuple.of(4, p.map(NioOp.Mkdir::new)),
                Tuple.of(2, p.map(NioOp.MkdirAll::new)),
                Tuple.of(5, Combinators.combine(p, target()).as(NioOp.Symlink::new)),
                Tuple.of(2, Combinators.combine(p, p).as(NioOp.HardLink::new)),
                Tuple.of(4, Combinators.combine(p, p, bool()).as(NioOp.Move::new)),
                Tuple.of(3, Combinators.combine(p, p, bool(), bool(), bool()).as(NioOp.Copy::new)),
                Tuple.of(3, Combinators.combine(p, bool()).as(NioOp.Delete::new)),
                Tuple.of(2, Combinators.combine(p, Arbitraries.of(0755, 0700, 0644, 0600, 0),
                        bool()).as(NioOp.Chmod::new)),
                Tuple.of(1, Combinators.combine(p, Arbitraries.longs().between(946_684_800L,
                        1_230_768_000L)).as(NioOp.SetTime::new)),
                Tuple.of(3, Combinators.combine(p, bool()).as(NioOp.Stat::new)),
                Tuple.of(3, Arbitraries.of(listable()).map(NioOp.ListDir::new)),
                Tuple.of(1, Arbitraries.of(listable()).map(NioOp.Walk::new)),
                Tuple.of(2, p.map(NioOp.ReadLink::new)),
                Tuple.of(2, p.map(NioOp.Check::new)),
                Tuple.of(2, Combinators.combine(p, bool()).as(NioOp.RealPath::new)),
                Tuple.of(1, Combinators.combine(p, p).as(NioOp.SameFile::new)));
    }

    private static Arbitrary<String> path() {
        return Arbitraries.of(PATHS);
    }

    private static List<String> listable() {
        List<String> out = new ArrayList<>();
        out.add("");
        out.addAll(PATHS);
        return out;
    }

    private static Arbitrary<Boolean> bool() {
        return Arbitraries.of(false, true);
    }

    /** File contents: short, from a few characters, often empty. */
    private static Arbitrary<String> content() {
        return Arbitraries.strings().withChars('x', 'y', '\n').ofMaxLength(12);
    }

    /**
     * Symlink targets: relative down the tree, relative up from the link's directory, absolute
     * (meaning the tree's top), and the special ones.
     */
    private static Arbitrary<String> target() {
        Arbitrary<String> p = path();
        return Arbitraries.oneOf(p, p.map(t -> "../" + t), p.map(t -> "../../" + t),
                p.map(t -> "/" + t), Arbitraries.of(".", "..", "/", "a/../b"));
    }
}
