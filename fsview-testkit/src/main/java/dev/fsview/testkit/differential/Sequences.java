package dev.fsview.testkit.differential;

import static dev.fsview.testkit.property.Gen.weighted;

import dev.fsview.testkit.property.Gen;

import java.util.ArrayList;
import java.util.List;

/**
 * Generates differential sequences: lists of {@link NioOp}s over a small universe of tree paths,
 * so that operations keep meeting each other's results — a link created by one is followed by the
 * next, a directory made by one is renamed by another. Directories are named {@code a} and
 * {@code b} (two levels), files {@code f}, links {@code l}; each operation mostly gets the
 * kind of path it works on, and now and then another kind, for the errors. Everything shrinks (see
 * {@link dev.fsview.testkit.property.Shrinker}): a failing sequence is cut down to the operations
 * that matter, each with the simplest paths and values that still fail — paths toward the first of
 * their kind, flags toward {@code false}, numbers toward their lower bound, contents shorter.
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

    /**
     * The longest sequence generated: {@value #MAX_LENGTH} unless {@code -Dfsview.testkit.maxOps}
     * says otherwise.
     *
     * @return the length
     */
    public static int maxLength() {
        return dev.fsview.testkit.property.Knobs.maxOps(MAX_LENGTH);
    }

    private Sequences() {}

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
     * Sequences of one to {@link #maxLength()} operations.
     *
     * @return the generator
     */
    public static Gen<List<NioOp>> sequences() {
        return Gen.lists(operations(), 1, maxLength());
    }

    /**
     * Single operations, creating and writing ones more often than others.
     *
     * @return the generator
     */
    public static Gen<NioOp> operations() {
        Gen<String> file = mostly(FILES);
        Gen<String> dir = mostly(DIRS);
        Gen<String> link = mostly(LINKS);
        Gen<String> any = Gen.oneOf(file, dir, link);
        Gen<String> listable = Gen.oneOf(Gen.constant(""), dir);
        return Gen.frequency(
                weighted(3, file.map(NioOp.CreateFile::new)),
                weighted(
                        5,
                        Gen.combine(
                                file,
                                content(),
                                Gen.elements(NioOp.WriteMode.values()),
                                NioOp.Write::new)),
                weighted(4, file.map(NioOp.Read::new)),
                weighted(2, Gen.combine(file, Gen.integers(0, 8), NioOp.Truncate::new)),
                weighted(4, dir.map(NioOp.Mkdir::new)),
                weighted(2, dir.map(NioOp.MkdirAll::new)),
                weighted(5, Gen.combine(link, target(), NioOp.Symlink::new)),
                weighted(2, Gen.combine(file, Gen.oneOf(file, link), NioOp.HardLink::new)),
                weighted(
                        4,
                        Gen.combine(
                                Gen.oneOf(pairOf(file), pairOf(dir), pairOf(any)),
                                Gen.booleans(),
                                (p, replace) -> new NioOp.Move(p.from, p.to, replace))),
                weighted(
                        3,
                        Gen.combine(
                                Gen.oneOf(pairOf(file), pairOf(any)),
                                Gen.lists(Gen.booleans(), 3, 3),
                                (p, flags) -> new NioOp.Copy(
                                        p.from, p.to, flags.get(0), flags.get(1), flags.get(2)))),
                weighted(3, Gen.combine(any, Gen.booleans(), NioOp.Delete::new)),
                weighted(
                        2,
                        Gen.combine(
                                any,
                                Gen.elements(0755, 0700, 0644, 0600, 0),
                                Gen.booleans(),
                                NioOp.Chmod::new)),
                weighted(
                        1,
                        Gen.combine(
                                any, Gen.longs(946_684_800L, 1_230_768_000L), NioOp.SetTime::new)),
                weighted(3, Gen.combine(any, Gen.booleans(), NioOp.Stat::new)),
                weighted(3, listable.map(NioOp.ListDir::new)),
                weighted(1, listable.map(NioOp.Walk::new)),
                weighted(2, link.map(NioOp.ReadLink::new)),
                weighted(2, any.map(NioOp.Check::new)),
                weighted(2, Gen.combine(any, Gen.booleans(), NioOp.RealPath::new)),
                weighted(1, Gen.combine(any, any, NioOp.SameFile::new)));
    }

    /** A path of more than 4096 bytes that resolves to {@code a/b/f}. */
    public static final String LONG_PATH = "a/" + "./".repeat(2100) + "b/f";

    /**
     * Sequences that also reach what issue 17 found: mount setups first (binds, file binds of
     * hard-linked files, binds through links, tmpfs, a root subdirectory bound elsewhere after a
     * mount on it), user xattrs, odd attribute strings, link counts, creation times and owners
     * (also of copied symlinks), directory stream types, the empty and over-long paths — as far
     * as {@code reach} allows.
     *
     * @param reach what the backend may be asked
     * @return the generator
     */
    public static Gen<List<NioOp>> sequences(Reach reach) {
        List<Gen.Weighted<NioOp>> extra = new ArrayList<>();
        extra.add(weighted(60, operations()));
        Gen<String> file = mostly(FILES);
        List<String> anyPaths = new ArrayList<>(FILES);
        anyPaths.addAll(DIRS);
        anyPaths.addAll(LINKS);
        anyPaths.add("");
        if (reach.mounts()) {
            anyPaths.addAll(List.of("a/m/v", "a/m/h2", "b/v/v", "a/n/h", "b/t", "b/a/x/m/v"));
        }
        if (reach.longPaths()) {
            anyPaths.add(LONG_PATH);
        }
        Gen<String> any = Gen.elements(anyPaths);
        extra.add(weighted(
                4,
                Gen.combine(
                        any,
                        Gen.booleans(),
                        Gen.booleans(),
                        (p, nf, x) ->
                                new NioOp.StatMore(p, nf, reach.creationTime(), reach.owners()))));
        if (reach.xattrs()) {
            extra.add(weighted(
                    2,
                    Gen.combine(
                            Gen.oneOf(file, any),
                            Gen.elements("ok", "", "n".repeat(256), "other"),
                            NioOp.Xattr::new)));
        }
        if (reach.oddAttributes()) {
            extra.add(weighted(
                    2,
                    Gen.combine(
                            any,
                            Gen.elements(
                                    "size",
                                    ":size",
                                    "basic:",
                                    "size,",
                                    "unix:nosuch",
                                    "posix:*",
                                    "unix:nlink,size",
                                    "*"),
                            NioOp.ReadAttributes::new)));
        }
        if (reach.streamType()) {
            extra.add(weighted(
                    1, Gen.oneOf(Gen.constant(""), Gen.elements(DIRS)).map(NioOp.StreamType::new)));
        }
        if (reach.longPaths()) {
            extra.add(weighted(
                    1, Gen.combine(Gen.constant(LONG_PATH), Gen.booleans(), NioOp.RealPath::new)));
        }
        if (reach.sticky()) {
            // a sticky world-writable directory, another user's link in it, a NOFOLLOW create
            Gen<String> dir = mostly(DIRS);
            Gen<String> link = mostly(LINKS);
            extra.add(weighted(
                    2, Gen.combine(dir, Gen.elements(01777, 0777, 0755), NioOp.SetMode::new)));
            extra.add(weighted(
                    2,
                    Gen.combine(
                            Gen.oneOf(link, any),
                            Gen.elements(1000, 0),
                            Gen.booleans(),
                            NioOp.Chown::new)));
            extra.add(weighted(2, Gen.oneOf(link, file).map(NioOp.CreateNoFollow::new)));
            extra.add(weighted(1, dir.map(NioOp.StickyTrap::new)));
        }
        if (reach.cwd()) {
            List<String> places = new ArrayList<>(List.of("", ".", "..", "./..", "./a", "./l"));
            places.addAll(DIRS);
            places.addAll(LINKS);
            places.add("f");
            extra.add(weighted(3, Gen.elements(places).map(NioOp.Chdir::new)));
            extra.add(weighted(2, Gen.constant(new NioOp.Cwd())));
            // relative paths resolve against the working directory on both sides
            List<String> rel = new ArrayList<>();
            for (List<String> kind : List.of(FILES, DIRS, LINKS)) {
                for (String p : kind) {
                    rel.add("./" + p);
                }
            }
            rel.addAll(List.of("./../f", "./../a", "./.."));
            Gen<String> relative = Gen.elements(rel);
            extra.add(weighted(
                    6,
                    Gen.frequency(
                            weighted(2, relative.map(NioOp.Read::new)),
                            weighted(
                                    2,
                                    Gen.combine(
                                            relative,
                                            content(),
                                            Gen.elements(NioOp.WriteMode.values()),
                                            NioOp.Write::new)),
                            weighted(2, relative.map(NioOp.Mkdir::new)),
                            weighted(2, Gen.combine(relative, Gen.booleans(), NioOp.Stat::new)),
                            weighted(1, Gen.combine(relative, Gen.booleans(), NioOp.Delete::new)),
                            weighted(
                                    1,
                                    Gen.combine(
                                            relative,
                                            Gen.oneOf(relative, Gen.elements(DIRS)),
                                            Gen.booleans(),
                                            NioOp.Move::new)),
                            weighted(1, relative.map(NioOp.ListDir::new)),
                            weighted(1, Gen.combine(relative, target(), NioOp.Symlink::new)))));
        }
        if (reach.fileStores()) {
            extra.add(weighted(2, Gen.combine(any, any, NioOp.SameStore::new)));
        }
        Gen<List<NioOp>> ops = Gen.lists(Gen.frequency(extra), 1, maxLength());
        if (!reach.mounts()) {
            return ops;
        }
        List<Shape> shapes = new ArrayList<>();
        List<Shape> refused = new ArrayList<>();
        for (Shape shape : Shape.values()) {
            (shape.fails() ? refused : shapes).add(shape);
        }
        if (!reach.rbindCarries()) {
            shapes.remove(Shape.SUBDIR_REBIND);
        }
        Gen<NioOp> mount = Gen.elements(shapes).map(NioOp.Mount::new);
        // One sequence in four starts with mounts: they cost real mount calls on the reference.
        List<Gen.Weighted<List<NioOp>>> setups = new ArrayList<>();
        setups.add(weighted(18, Gen.constant(List.<NioOp>of())));
        setups.add(weighted(5, Gen.lists(mount, 1, 2)));
        if (reach.mountFailures()) {
            // at most one mount the kernel refuses, last: which of two refused mounts fails
            // first is the backend's order of steps, not the kernel's answer
            setups.add(weighted(
                    1,
                    Gen.combine(
                            Gen.lists(mount, 0, 1),
                            Gen.elements(refused).map(NioOp.Mount::new),
                            (ok, bad) -> {
                                List<NioOp> l = new ArrayList<>(ok);
                                l.add(bad);
                                return l;
                            })));
        }
        Gen<List<NioOp>> mounts = Gen.frequency(setups);
        return Gen.combine(mounts, ops, (m, o) -> {
            List<NioOp> all = new ArrayList<>(m);
            all.addAll(o);
            return all;
        });
    }

    /**
     * Prints a sequence one numbered operation a line.
     *
     * @param ops the sequence
     * @return the text
     */
    public static String describe(List<NioOp> ops) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ops.size(); i++) {
            b.append(String.format("%2d %s%n", i + 1, abbreviate(String.valueOf(ops.get(i)))));
        }
        return b.toString();
    }

    /**
     * Writes {@link #LONG_PATH} as its name wherever it appears, so a report stays readable.
     *
     * @param text an operation or an outcome
     * @return the text, abbreviated
     */
    static String abbreviate(String text) {
        return text.replace(LONG_PATH, "<Sequences.LONG_PATH>");
    }

    /**
     * Writes a sequence as Java, ready to paste into a backend's differential test as
     * {@code assertAgrees(List.of(...))} (see {@link DifferentialNioContract#assertAgrees}).
     *
     * @param ops the sequence
     * @return the code
     */
    public static String paste(List<NioOp> ops) {
        StringBuilder b = new StringBuilder("assertAgrees(List.of(");
        for (int i = 0; i < ops.size(); i++) {
            NioOp op = ops.get(i);
            b.append(i == 0 ? "\n        " : ",\n        ")
                    .append("new NioOp.")
                    .append(op.getClass().getSimpleName())
                    .append('(');
            java.lang.reflect.RecordComponent[] cs = op.getClass().getRecordComponents();
            for (int c = 0; c < cs.length; c++) {
                Object v;
                try {
                    v = cs[c].getAccessor().invoke(op);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                b.append(c == 0 ? "" : ", ").append(literal(v));
            }
            b.append(')');
        }
        return b.append("));").toString();
    }

    private static String literal(Object v) {
        if (v instanceof String) {
            String s = (String) v;
            if (s.equals(LONG_PATH)) {
                return "Sequences.LONG_PATH";
            }
            if (s.length() > 20 && s.chars().distinct().count() == 1) {
                return "\"" + s.charAt(0) + "\".repeat(" + s.length() + ")";
            }
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
        }
        if (v instanceof Enum) {
            String type = v.getClass().getName();
            return type.substring(type.lastIndexOf('.') + 1).replace('$', '.') + "." + v;
        }
        if (v instanceof Integer && ((Integer) v) > 7) {
            return "0" + Integer.toOctalString((Integer) v);
        }
        if (v instanceof Long) {
            return v + "L";
        }
        return String.valueOf(v);
    }

    /** Paths of one kind six times in eight, of the other kinds the rest of the time. */
    private static Gen<String> mostly(List<String> kind) {
        List<String> others = new ArrayList<>();
        for (List<String> k : List.of(FILES, DIRS, LINKS)) {
            if (k != kind) {
                others.addAll(k);
            }
        }
        return Gen.frequency(weighted(6, Gen.elements(kind)), weighted(2, Gen.elements(others)));
    }

    /** Two paths an operation goes from and to. */
    private record Pair(String from, String to) {}

    private static Gen<Pair> pairOf(Gen<String> paths) {
        return Gen.combine(paths, paths, Pair::new);
    }

    /** File contents: short, from a few characters, often empty. */
    private static Gen<String> content() {
        return Gen.strings("xy\n", 12);
    }

    /**
     * Symlink targets: relative down the tree, relative up from the link's directory, absolute
     * (meaning the tree's top), and the special ones.
     */
    private static Gen<String> target() {
        Gen<String> p = Gen.oneOf(Gen.elements(DIRS), Gen.elements(FILES), Gen.elements(LINKS));
        return Gen.oneOf(
                p,
                p.map(t -> "../" + t),
                p.map(t -> "../../" + t),
                p.map(t -> "/" + t),
                Gen.elements(".", "..", "/", "a/../b"));
    }
}
