package dev.fsview.testkit.differential;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generates differential sequences: lists of {@link NioOp}s over a small universe of tree paths,
 * so that operations keep meeting each other's results — a link created by one is followed by the
 * next, a directory made by one is renamed by another. Directories are named {@code a} and
 * {@code b} (two levels), files {@code f}, links {@code l}; each operation mostly gets the
 * kind of path it works on, and now and then another kind, for the errors. Everything shrinks: a
 * failing sequence is cut down to the operations that matter, each with the simplest paths and
 * values that still fail.
 */
public final class Sequences {
    /** Directory paths: {@code a}, {@code b}, {@code a/a}, ... two levels deep. */
    static final List<String> DIRS = directories();
    /** File paths: {@code f} at the top and in every directory. */
    static final List<String> FILES = within("f");
    /** Link paths: {@code l} at the top and in every directory. */
    static final List<String> LINKS = within("l");
    /** The longest sequence generated. */
    static final int MAX_LENGTH = 24;

    private Sequences() {
    }

    private static List<String> directories() {
        List<String> out = new ArrayList<>(List.of("a", "b"));
        for (int i = 0; out.size() < 6; i++) {
            out.add(out.get(i) + "/a");
            out.add(out.get(i) + "/b");
        }
        return List.copyOf(out);
    }

    private static List<String> within(String name) {
        List<String> out = new ArrayList<>();
        out.add(name);
        for (String d : DIRS) {
            out.add(d + "/" + name);
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
     * Single operations, creating and writing ones more often than others.
     *
     * @return the arbitrary
     */
    @SuppressWarnings("unchecked")
    public static Arbitrary<NioOp> operations() {
        Arbitrary<String> file = mostly(FILES);
        Arbitrary<String> dir = mostly(DIRS);
        Arbitrary<String> link = mostly(LINKS);
        Arbitrary<String> any = Arbitraries.oneOf(file, dir, link);
        Arbitrary<String> listable = Arbitraries.oneOf(Arbitraries.just(""), dir);
        return Arbitraries.frequencyOf(
                Tuple.of(3, file.map(NioOp.CreateFile::new)),
                Tuple.of(5, Combinators.combine(file, content(),
                        Arbitraries.of(NioOp.WriteMode.class)).as(NioOp.Write::new)),
                Tuple.of(4, file.map(NioOp.Read::new)),
                Tuple.of(2, Combinators.combine(file, Arbitraries.integers().between(0, 8))
                        .as(NioOp.Truncate::new)),
                Tuple.of(4, dir.map(NioOp.Mkdir::new)),
                Tuple.of(2, dir.map(NioOp.MkdirAll::new)),
                Tuple.of(5, Combinators.combine(link, target()).as(NioOp.Symlink::new)),
                Tuple.of(2, Combinators.combine(file, Arbitraries.oneOf(file, link))
                        .as(NioOp.HardLink::new)),
                Tuple.of(4, Arbitraries.oneOf(pairOf(file), pairOf(dir), pairOf(any))
                        .flatMap(p -> bool().map(r -> new NioOp.Move(p.get1(), p.get2(), r)))),
                Tuple.of(3, Combinators.combine(Arbitraries.oneOf(pairOf(file), pairOf(any)),
                        bool(), bool(), bool()).as((p, r, a, n) -> new NioOp.Copy(p.get1(),
                                p.get2(), r, a, n))),
                Tuple.of(3, Combinators.combine(any, bool()).as(NioOp.Delete::new)),
                Tuple.of(2, Combinators.combine(any, Arbitraries.of(0755, 0700, 0644, 0600, 0),
                        bool()).as(NioOp.Chmod::new)),
                Tuple.of(1, Combinators.combine(any, Arbitraries.longs().between(946_684_800L,
                        1_230_768_000L)).as(NioOp.SetTime::new)),
                Tuple.of(3, Combinators.combine(any, bool()).as(NioOp.Stat::new)),
                Tuple.of(3, listable.map(NioOp.ListDir::new)),
                Tuple.of(1, listable.map(NioOp.Walk::new)),
                Tuple.of(2, link.map(NioOp.ReadLink::new)),
                Tuple.of(2, any.map(NioOp.Check::new)),
                Tuple.of(2, Combinators.combine(any, bool()).as(NioOp.RealPath::new)),
                Tuple.of(1, Combinators.combine(any, any).as(NioOp.SameFile::new)));
    }

    /** Paths of one kind six times in eight, of the other kinds the rest of the time. */
    @SuppressWarnings("unchecked")
    private static Arbitrary<String> mostly(List<String> kind) {
        List<String> others = new ArrayList<>();
        for (List<String> k : List.of(FILES, DIRS, LINKS)) {
            if (k != kind) {
                others.addAll(k);
            }
        }
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(kind)),
                Tuple.of(2, Arbitraries.of(others)));
    }

    private static Arbitrary<Tuple.Tuple2<String, String>> pairOf(Arbitrary<String> paths) {
        return Combinators.combine(paths, paths).as(Tuple::of);
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
        Arbitrary<String> p = Arbitraries.oneOf(Arbitraries.of(DIRS), Arbitraries.of(FILES),
                Arbitraries.of(LINKS));
        return Arbitraries.oneOf(p, p.map(t -> "../" + t), p.map(t -> "../../" + t),
                p.map(t -> "/" + t), Arbitraries.of(".", "..", "/", "a/../b"));
    }
}
