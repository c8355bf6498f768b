package dev.fsview.testkit.differential;

import dev.fsview.Availability;
import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.ViewSpec;
import dev.fsview.testkit.Backend;
import dev.fsview.testkit.HostFixture;
import dev.fsview.testkit.HostFixture.Leaks;
import dev.fsview.testkit.contract.FidelityContract;
import dev.fsview.testkit.host.PrivateMountNamespace;
import dev.fsview.testkit.property.ForAll;
import dev.fsview.testkit.property.Knobs;
import dev.fsview.testkit.support.LeakCheck;
import dev.fsview.testkit.support.ScratchTrees;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The differential check: generated sequences of {@code java.nio.file} operations (create, write,
 * read, append, truncate, mkdir, symlink, hard link, rename, copy, delete, set attributes, list,
 * walk, real paths) run on a plain directory through the JDK's own file system and on a view of
 * an identical tree, and every result and every exception (type, file, other file, reason) must be
 * the same. A failure prints the seed that reproduces it and the sequence, shrunk to the
 * operations that matter (see {@link ForAll}), with both sides' outcomes step by step. The test's
 * output shows how often each operation succeeded, failed or was skipped
 * ({@link OperationStatistics}).
 *
 * <p>One JUnit Jupiter test that runs every sequence: extend this class in the backend's test
 * sources, with the backend.
 *
 * <pre>{@code
 * class FakeDifferentialTest extends DifferentialNioContract {
 *     @Override
 *     protected Backend backend() {
 *         return new FakeBackend();
 *     }
 * }
 * }</pre>
 *
 * {@value #TRIES} sequences per run ({@value #SOAK_TRIES} under {@code -Psoak}) from a fresh
 * random seed; {@code -Dfsview.testkit.tries=N}
 * and {@code -Dfsview.testkit.seed=S} change that ({@link Knobs}). Like every contract, it checks
 * that nothing (mount, file descriptor, view thread) is left behind, and it has a time limit
 * (generous, growing with the tries), so a backend that hangs fails the test, not the build.
 */
public abstract class DifferentialNioContract {
    /** Sequences per run unless {@code -Dfsview.testkit.tries} says otherwise. */
    public static final int TRIES = 2000;
    /** Sequences per run under the {@code -Psoak} profile ({@code -Dfsview.soak=true}). */
    public static final int SOAK_TRIES = 25_000;
    /** The time limit of a run is at least this long. */
    static final Duration MIN_TIME_LIMIT = Duration.ofMinutes(10);
    /**
     * The time limit of a run grows by this much per sequence (of the default length) beyond what
     * the minimum allows.
     */
    static final Duration TIME_PER_TRY = Duration.ofMillis(250);

    private HostFixture host;
    private Leaks before;

    /**
     * Returns the backend under test.
     *
     * @return the backend
     */
    protected abstract Backend backend();

    @BeforeEach
    final void openHost() throws IOException {
        host = backend().newHost();
        Availability availability = host.provider().availability();
        if (!availability.isAvailable()) {
            host.close();
            host = null;
            Assumptions.abort("backend '" + backend().name() + "' cannot open views here: "
                    + availability.reason());
        }
        runOnce(List.of(new NioOp.Read("a/f"))); // loads what the JVM loads once
        before = host.leaks();
    }

    @AfterEach
    final void checkNothingLeftAndCloseHost() throws IOException {
        if (host == null) {
            return;
        }
        try {
            LeakCheck.assertNothingLeft(host, before, "the differential sequences");
        } finally {
            host.close();
        }
    }

    @Test
    void nioOperationsOnAViewBehaveAsTheJdkOnAPlainDirectory() {
        int tries = Knobs.tries(Boolean.getBoolean("fsview.soak") ? SOAK_TRIES : TRIES);
        Reach reach = Reach.forPending(
                FidelityContract.pendingRows(backend().name()), namespace() != null);
        System.out.println("differential check of " + backend().name() + ": left out (pending "
                + "rows of issue 17, see -D" + FidelityContract.PENDING_PROPERTY + "): "
                + reach.leftOut() + "; sequences of 1 to " + Sequences.maxLength()
                + " operations (-D" + Knobs.MAX_OPS + ")");
        ForAll<List<NioOp>> run = ForAll.of(Sequences.sequences(reach))
                .tries(tries)
                .seed(Knobs.seed())
                .describedBy(ops -> (Sequences.maxLength() == Sequences.MAX_LENGTH
                                ? ""
                                : "generated with -D" + Knobs.MAX_OPS + "=" + Sequences.maxLength()
                                        + "\n")
                        + Sequences.describe(ops)
                        + "ready to paste into a subclass of DifferentialNioContract:\n"
                        + Sequences.paste(ops) + "\n");
        OperationStatistics statistics = new OperationStatistics();
        Duration limit = timeLimit(tries);
        Assertions.assertTimeoutPreemptively(
                limit,
                () -> run.check(ops -> {
                    Differential d = runOnce(ops);
                    statistics.count(d);
                    if (!d.agrees()) {
                        throw new AssertionError("the view and the JDK differ:\n" + d);
                    }
                }),
                () -> "the differential run from seed " + run.seed() + " (-D" + Knobs.SEED
                        + ") did not end within " + limit);
        System.out.println("differential check of " + backend().name() + " from seed " + run.seed()
                + ": " + statistics);
    }

    /**
     * Runs one sequence (e.g. a reproducer a failed run printed) and requires both sides to agree.
     *
     * @param ops the sequence
     * @throws IOException if the trees cannot be made
     */
    protected final void assertAgrees(List<NioOp> ops) throws IOException {
        Differential d = runOnce(ops);
        if (!d.agrees()) {
            throw new AssertionError("the view and the JDK differ:\n" + d);
        }
    }

    // Reproducers reduced from failed runs, kept for every backend.

    @Test
    void aRelativePathStartsInTheWorkingDirectoryEvenAfterACopyReplacedIt() throws IOException {
        // seed 5550123: the copy deletes the working directory b/a and makes a new b/a; "./f" is
        // in the removed directory (ENOENT), not in the new one
        assertAgrees(List.of(
                new NioOp.Chdir("b/a"),
                new NioOp.Copy("l", "b/a", true, false, false),
                new NioOp.Symlink("./f", "."),
                new NioOp.Symlink("./a", "a/../b"),
                new NioOp.Stat("./..", false),
                new NioOp.Read("./../f"),
                new NioOp.Cwd()));
    }

    @Test
    void aRelativePathFollowsTheWorkingDirectoryMovedAway() throws IOException {
        assertAgrees(List.of(
                new NioOp.Chdir("a/b"),
                new NioOp.Move("a", "c", false),
                new NioOp.Read("./f"),
                new NioOp.Write("./g", "x", NioOp.WriteMode.CREATE_NEW),
                new NioOp.Read("./../f"),
                new NioOp.Read("./../../f"),
                new NioOp.Cwd(),
                new NioOp.Mkdir("a"),
                new NioOp.Stat("./f", false),
                new NioOp.ListDir("./..")));
    }

    @Test
    void aCopyWithReplaceExistingReplacesWhatTheTargetNamesNow() throws IOException {
        // the target replaced between copies: a file by a directory, a link by a file
        assertAgrees(List.of(
                new NioOp.Copy("a/f", "b/g", true, false, false),
                new NioOp.Delete("b/g", false),
                new NioOp.Mkdir("b/g"),
                new NioOp.Copy("f", "b/g", true, true, false),
                new NioOp.Read("b/g"),
                new NioOp.Copy("b/f", "b/l", true, false, true),
                new NioOp.Read("b/l"),
                new NioOp.Copy("b/l", "l/x", true, false, false),
                new NioOp.Read("a/x")));
    }

    @Test
    void aCopyWithReplaceExistingOntoATargetEndingInDotDot() throws IOException {
        assertAgrees(List.of(
                new NioOp.Copy("f", "a/b/..", true, false, false),
                new NioOp.Copy("a/f", "b/a/..", true, false, false),
                new NioOp.Copy("b/a", "a/a/..", true, false, false),
                new NioOp.Copy("a", "a/b/..", false, false, false),
                new NioOp.Stat("a", false)));
    }

    @Test
    void aReplacingCopyLooksTheSourceUpAgainAfterDeletingTheTarget() throws IOException {
        // seed 5550123 try 3508: a link copied onto itself is deleted, then the source is gone
        // (NoSuchFile); a source reached through the target link is gone the same way
        assertAgrees(List.of(
                new NioOp.Copy("a/l", "a/l", true, false, false),
                new NioOp.Stat("a/l", true),
                new NioOp.Read("b/f"),
                new NioOp.Copy("l/f", "l", true, false, false),
                new NioOp.Stat("l", true),
                new NioOp.Copy("b/l/f", "b/l", true, true, false),
                new NioOp.Stat("b/l", true),
                new NioOp.Copy("f", "f", true, false, false),
                new NioOp.Read("f")));
    }

    @Test
    void aReplacingCopyOfADirectoryOntoTheLinkToItMakesAnEmptyDirectory() throws IOException {
        // seed 20261205 try 1682: b/l -> ../a; the JDK deletes the link, then mkdirs from the
        // attributes it read first: the source is not looked up again
        assertAgrees(List.of(
                new NioOp.Copy("b/l", "b/l", true, false, false),
                new NioOp.Stat("b/l", true),
                new NioOp.ListDir("b/l"),
                new NioOp.Copy("l", "l", true, true, false),
                new NioOp.ListDir("l")));
    }

    @Test
    void aChdirInsideARemovedWorkingDirectorySucceedsAsTheKernels() throws IOException {
        // fresh seed 5263090149484861591: chdir(".") in a removed directory succeeds; only
        // getcwd has no name to give
        assertAgrees(List.of(
                new NioOp.Chdir("a/a"),
                new NioOp.Delete("a/a", false),
                new NioOp.Chdir("."),
                new NioOp.Stat(".", false),
                new NioOp.Chdir(".."),
                new NioOp.Cwd()));
    }

    @Test
    void aMoveOfAMountPointIntoANonDirectoryIsNotADirectoryFirst() throws IOException {
        // fresh seed -8348490732943307731: rename(2) finds the target's parent is a file before
        // it checks for a mount point
        assertAgrees(List.of(
                new NioOp.Mount(Shape.FILE_BIND),
                new NioOp.CreateFile("b/b"),
                new NioOp.Move("f", "b/b/l", false),
                new NioOp.Move("f", "b/b/l", true)));
    }

    @Test
    void aReplacingMoveLooksTheSourceUpAgainAfterDeletingTheTarget() throws IOException {
        // fresh seed 1530918302074901252: the source is reached through the target link, which
        // the JDK's move deletes before its rename: NoSuchFile, as on the host
        assertAgrees(List.of(
                new NioOp.Mount(Shape.RW_BIND),
                new NioOp.Move("b/l", "b/b", false),
                new NioOp.Move("./b/b/l", "./b/b", true),
                new NioOp.Stat("b/b", true),
                new NioOp.Move("l/f", "l", true),
                new NioOp.Stat("l", true)));
    }

    @Test
    void aReplacingCopyOfALinkReadsTheLinkAgainAfterDeletingTheTarget() throws IOException {
        // fresh seed 8754491288500156993: the link b/b/f is reached through the target b/b (a
        // link to its directory), which the JDK's copy deletes before it reads the source link
        // by name: NoSuchFile, as on the host; then plain replacing copies of a link
        assertAgrees(List.of(
                new NioOp.Move("l", "b/b", false),
                new NioOp.Copy("a/l", "b/a/f", false, false, true),
                new NioOp.Copy("b/b/f", "b/b", true, false, true),
                new NioOp.Stat("b/b", true),
                new NioOp.Copy("a/l", "b/a/g", true, true, true),
                new NioOp.ReadLink("b/a/g"),
                new NioOp.Copy("b/a/g", "b/a/g", true, false, true)));
    }

    @Test
    void aTargetOrSourceEndingInDotOrDotDotFailsAsTheKernelsRmdirAndRenameDo() throws IOException {
        // fresh seed -2717343873958850480: a replacing move onto "./.." deletes the target with
        // rmdir, which the kernel refuses for a last component ".." (ENOTEMPTY, which the JDK
        // names DirectoryNotEmpty) and "." (EINVAL); not the tree's top, which is a mount point
        // (EBUSY) in a view and a plain directory on the reference side
        assertAgrees(List.of(
                new NioOp.Chdir("./a"),
                new NioOp.Move("./f", "./..", true),
                new NioOp.Move("./f", "..", true),
                new NioOp.Move("./f", ".", true),
                new NioOp.Move("./f", "b/..", true),
                new NioOp.Move("./f", "a/.", true),
                new NioOp.Move("./f", "./..", false),
                new NioOp.Copy("./f", "./..", true, false, true),
                new NioOp.Copy("./f", ".", true, true, false),
                new NioOp.Move("..", "./g", true),
                new NioOp.Move(".", "./g", true),
                new NioOp.Delete("./..", false),
                new NioOp.Delete(".", true),
                new NioOp.Mkdir("./.."),
                new NioOp.CreateFile("."),
                new NioOp.Symlink("./..", "f"),
                new NioOp.HardLink("..", "./f"),
                new NioOp.Cwd()));
    }

    @Test
    void pathsRelativeToAWorkingDirectoryReplacedByAFileStartFromTheRemovedDirectory()
            throws IOException {
        // fresh seed 2528984901979590608: the working directory a/a is replaced by the file f;
        // relative lookups start from the removed directory (ENOENT), never from its old name
        assertAgrees(List.of(
                new NioOp.Chdir("a/a"),
                new NioOp.Move("f", "a/a", true),
                new NioOp.ListDir("./f"),
                new NioOp.ListDir("."),
                new NioOp.ListDir(""),
                new NioOp.Stat("./f", false),
                new NioOp.CreateFile("g"),
                new NioOp.Cwd()));
    }

    private static PrivateMountNamespace namespace;
    private static String namespaceProblem;

    /** The JVM's private mount namespace, or null (said once) where it cannot be made. */
    private static PrivateMountNamespace namespace() {
        synchronized (DifferentialNioContract.class) {
            if (namespace == null && namespaceProblem == null) {
                try {
                    namespace = PrivateMountNamespace.get();
                } catch (IOException | RuntimeException | LinkageError e) {
                    namespaceProblem = e.toString();
                    System.out.println("differential check: no private mount namespace here ("
                            + namespaceProblem + "): no mount setups, the reference runs on "
                            + "the test's thread");
                }
            }
            return namespace;
        }
    }

    /** The time limit of a run of some tries: the minimum, or more for a long run. */
    static Duration timeLimit(int tries) {
        // longer sequences (-Dfsview.testkit.maxOps) take longer per try
        long perTry = Math.max(1, Sequences.maxLength() / Sequences.MAX_LENGTH);
        Duration scaled = TIME_PER_TRY.multipliedBy(tries).multipliedBy(perTry);
        return scaled.compareTo(MIN_TIME_LIMIT) > 0 ? scaled : MIN_TIME_LIMIT;
    }

    private Differential runOnce(List<NioOp> ops) throws IOException {
        Set<Shape> shapes = new LinkedHashSet<>();
        for (NioOp op : ops) {
            if (op instanceof NioOp.Mount) {
                shapes.add(((NioOp.Mount) op).shape());
            }
        }
        PrivateMountNamespace ns = namespace();
        if (!shapes.isEmpty() && ns == null) {
            throw new IllegalStateException("a sequence with mounts needs the private mount"
                    + " namespace: " + namespaceProblem);
        }
        Path reference = Files.createTempDirectory("fsview-testkit-reference-").toRealPath();
        String root = host.newDirectory("tree");
        List<String> volumes = new ArrayList<>();
        try {
            Path top = Files.createDirectory(reference.resolve("top"));
            InitialTree.plant(top);
            InitialTree.plant(host, root);
            Map<String, String> toReference = new LinkedHashMap<>();
            toReference.put(root, top.toString());
            List<MountSpec> mounts = new ArrayList<>();
            Map<MountSpec, Shape> shapeOf = new java.util.IdentityHashMap<>();
            for (Shape shape : shapes) {
                String volume = host.newDirectory("volume-" + shape);
                volumes.add(volume);
                host.write(volume + "/v", "volume");
                host.write(volume + "/h", "hard");
                host.hardLink(volume + "/h2", volume + "/h");
                Path refVolume = Files.createDirectory(reference.resolve("volume-" + shape));
                Files.writeString(refVolume.resolve("v"), "volume");
                Files.writeString(refVolume.resolve("h"), "hard");
                Files.createLink(refVolume.resolve("h2"), refVolume.resolve("h"));
                toReference.put(volume, refVolume.toString());
                for (MountSpec m : shape.specs(root, volume)) {
                    mounts.add(m);
                    shapeOf.put(m, shape);
                }
            }
            ViewSpec spec =
                    backend().configure(ViewSpec.builder(root).mounts(mounts)).build();
            try {
                String refused = null;
                for (MountSpec m : spec.mountsInApplyOrder()) {
                    Shape shape = shapeOf.get(m);
                    if (shape.fails()) {
                        refused = refusal(ns, spec, m, top, toReference);
                        break;
                    }
                    mountOnReference(ns, m, top, toReference);
                }
                if (refused != null) {
                    return Differential.ofOpen(ops, refused, openFailure(spec));
                }
                try (FsView view = host.provider().open(spec)) {
                    if (ns == null) {
                        return Differential.run(
                                ops, Side.reference(top), Side.view(view), new EscapeGuard(top));
                    }
                    // the reference thread's working directory starts at the top, as a view's at /
                    if (ns.chdir(top.toString()) != 0) {
                        throw new IOException("cannot chdir the reference thread to " + top);
                    }
                    try {
                        return Differential.run(
                                ops,
                                Side.reference(top, ns),
                                Side.view(view),
                                new EscapeGuard(top, ns::getcwd),
                                ns::call);
                    } finally {
                        ns.chdir("/");
                    }
                }
            } finally {
                if (ns != null) {
                    ns.unmountUnder(reference.toString());
                }
            }
        } finally {
            deleteTree(reference);
            host.deleteRecursively(root);
            for (String v : volumes) {
                host.deleteRecursively(v);
            }
        }
    }

    /**
     * How a view's open must fail on a mount the kernel refuses: the kernel is asked the same
     * thing on the reference (in the private namespace; nothing stays mounted), and its answer
     * named as a view names its setup steps — a target below a file fails where it is resolved
     * ({@code openat2}, or {@code openat} for a backend told {@code linux.resolve=walk}); an
     * attach of a directory onto a file in {@code move_mount} with the new mount API, or in
     * {@code mount(2)} with {@code linux.mount-api=classic}.
     */
    private static String refusal(
            PrivateMountNamespace ns,
            ViewSpec spec,
            MountSpec m,
            Path top,
            Map<String, String> toReference)
            throws IOException {
        Path target = top.resolve(m.destination().substring(1));
        int under = ns.openPathErrno(target.toString());
        if (under != 0 && under != 2) { // resolving the destination itself fails
            boolean walk = spec.option("linux.resolve", "auto").equals("walk");
            return failure(SetupStep.RESOLVE_TARGET, walk ? "openat" : "openat2", under);
        }
        String source = m.type() == MountSpec.Type.TMPFS ? null : onReference(m, toReference);
        if (spec.option("linux.mount-api", "auto").equals("classic")) {
            int errno = source == null
                    ? ns.tmpfsErrno(target.toString())
                    : ns.bindErrno(source, target.toString());
            return failure(source == null ? SetupStep.TMPFS : SetupStep.BIND, "mount", errno);
        }
        return failure(
                SetupStep.MOVE_MOUNT, "move_mount", ns.moveMountErrno(source, target.toString()));
    }

    private static String failure(SetupStep step, String syscall, int errno) {
        return errno == 0
                ? "the kernel accepts it"
                : "open fails: step " + step.name() + ", syscall " + syscall + ", errno " + errno;
    }

    /** Opens a view that must fail, and says how it failed. */
    private String openFailure(ViewSpec spec) {
        try (FsView view = host.provider().open(spec)) {
            return "opened " + view.backend() + " view";
        } catch (MountStepException e) {
            return failure(e.step(), e.syscall(), e.errno());
        } catch (IOException | RuntimeException e) {
            return "open fails: " + e;
        }
    }

    private static String onReference(MountSpec m, Map<String, String> toReference) {
        String source = m.source().orElseThrow();
        for (Map.Entry<String, String> e : toReference.entrySet()) {
            if (source.equals(e.getKey()) || source.startsWith(e.getKey() + "/")) {
                return e.getValue() + source.substring(e.getKey().length());
            }
        }
        return source;
    }

    /** Makes a view's mount on the reference, with the kernel, in the private namespace. */
    private static void mountOnReference(
            PrivateMountNamespace ns, MountSpec m, Path top, Map<String, String> toReference)
            throws IOException {
        Path target = top.resolve(m.destination().substring(1));
        try {
            ns.call(() -> {
                if (!Files.exists(target)) { // a missing target is created, as a view does
                    Files.createDirectories(target);
                }
                return null;
            });
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        if (m.type() == MountSpec.Type.TMPFS) {
            ns.tmpfs(target.toString(), m.tmpfsMode());
            return;
        }
        ns.bind(onReference(m, toReference), target.toString(), !m.writable(), !m.nonRecursive());
    }

    /**
     * Deletes a directory of the JVM's default file system, never following links.
     *
     * @param top the directory
     * @throws IOException if it cannot be deleted
     */
    public static void deleteTree(Path top) throws IOException {
        ScratchTrees.deleteTree(top);
    }
}
