package dev.fsview.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.testkit.containment.Arena;
import dev.fsview.testkit.containment.Attack;
import dev.fsview.testkit.containment.AttackCatalogue;
import dev.fsview.testkit.containment.EntryPoint;
import dev.fsview.testkit.containment.Evidence;
import dev.fsview.testkit.containment.Probe;
import dev.fsview.testkit.containment.Racer;
import dev.fsview.testkit.containment.Scene;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Symlink containment (the threat model: the container's content is hostile and races the view).
 * Every layout of the {@link AttackCatalogue} is driven through every {@link EntryPoint} — mount
 * setup, volume sources, {@code stat}, tasks, the file system from another thread, {@code chdir},
 * real paths, copy and move — and a directory is swapped for a symlink thousands of times while
 * views open and while a view works. The result is always inside the view or an error: no
 * content, name or attribute from outside the root and the volumes ever comes back, and the
 * canaries planted beside the root are never read, listed, written, created in or deleted.
 */
public abstract class ContainmentContract extends ViewContract {
    /** How many swaps each race must see at least. */
    static final int SWAPS = 5_000;

    private static final Duration RACE_LIMIT = Duration.ofSeconds(90);

    /**
     * Every attack through every entry point every backend has.
     *
     * @return pairs of {@link Attack} and {@link EntryPoint}
     */
    public static Stream<Arguments> attacksThroughEntryPoints() {
        return AttackCatalogue.all().stream()
                .flatMap(attack ->
                        Stream.of(EntryPoint.common()).map(entry -> Arguments.of(attack, entry)));
    }

    @ParameterizedTest(name = "{0}, through {1}")
    @MethodSource("dev.fsview.testkit.contract.ContainmentContract#attacksThroughEntryPoints")
    void anAttackGetsNothingFromOutsideTheView(Attack attack, EntryPoint entry) throws IOException {
        Arena arena = Arena.enter(host, attack, opener());
        entry.drive(arena);
        arena.assertContained("'" + attack + "' through " + entry);
    }

    @Test
    void aDirectorySwappedForASymlinkWhileViewsOpenNeverMountsOutside() throws IOException {
        Scene scene = raceScene();
        Evidence evidence = new Evidence(scene.uniqueName(), scene.root());
        long opens = 0;
        long swaps;
        long deadline = System.nanoTime() + RACE_LIMIT.toNanos();
        try (Racer racer = Racer.start(host, scene.root() + "/d", racingTargets(scene))) {
            while ((opens < 200 || racer.swaps() < SWAPS)
                    && racer.running()
                    && System.nanoTime() - deadline < 0) {
                ViewSpec.Builder spec = spec(scene.root())
                        .mount(MountSpec.bind(scene.mountableDirectory(), "/d/mnt")
                                .build())
                        .mount(MountSpec.bind(scene.mountableFile(), "/d/deeper/file")
                                .build());
                try (FsView view = open(spec)) {
                    Probe.list(view.path("/d/mnt"), evidence, "mounted during swaps");
                    Probe.readFile(view.path("/d/mnt/volfile"), evidence, "mounted during swaps");
                    Probe.readFile(view.path("/d/deeper/file"), evidence, "mounted during swaps");
                } catch (IOException refusedMidSwap) {
                    // opening may fail while the directory is away: a contained outcome
                }
                opens++;
            }
            swaps = racer.swaps();
        }
        assertThat(swaps).as("swaps raced against %d opens", opens).isGreaterThanOrEqualTo(SWAPS);
        evidence.assertContained("opening views during swaps");
        scene.assertCanariesUntouched("opening views during swaps");
    }

    @Test
    void aDirectorySwappedForASymlinkWhileAViewWorksInItStaysInside() throws Exception {
        Scene scene = raceScene();
        Evidence evidence = new Evidence(scene.uniqueName(), scene.root());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long rounds = 0;
        long swaps;
        try (FsView view = open(spec(scene.root()));
                Racer racer = Racer.start(host, scene.root() + "/d", racingTargets(scene))) {
            long deadline = System.nanoTime() + RACE_LIMIT.toNanos();
            Thread tasks = new Thread(
                    () -> {
                        try {
                            while (racer.swaps() < SWAPS && System.nanoTime() - deadline < 0) {
                                view.run(ctx -> Probe.read(
                                        ctx.fileSystem(),
                                        "/d",
                                        true,
                                        evidence,
                                        "task during swaps"));
                            }
                        } catch (Throwable t) {
                            failure.set(t);
                        }
                    },
                    "fsview-testkit-race-tasks");
            tasks.start();
            while ((rounds < 500 || racer.swaps() < SWAPS)
                    && racer.running()
                    && System.nanoTime() - deadline < 0) {
                workThroughTheSwappedDirectory(view, evidence);
                rounds++;
            }
            tasks.join(RACE_LIMIT.toMillis());
            swaps = racer.swaps();
        }
        assertThat(swaps).as("swaps raced against %d rounds", rounds).isGreaterThanOrEqualTo(SWAPS);
        assertThat(failure.get()).isNull();
        evidence.assertContained("working in a directory during swaps");
        scene.assertCanariesUntouched("working in a directory during swaps");
    }

    /** Views opened, each with one first task raced by the file system. */
    static final int FIRST_TASK_ROUNDS = 200;

    /**
     * The file system used from other threads while a view runs its first task stays inside. A
     * backend that makes part of its setup at the first task (the root switch: on Linux,
     * {@code pivot_root} stacks the host's root on the new root until it is detached) must not
     * let a lookup that climbs to the root ({@code ..} from inside it) reach what is stacked there.
     */
    @Test
    void theFileSystemRacingAViewsFirstTaskStaysInside() throws Exception {
        Evidence.load();
        Scene scene = Scene.build(host);
        scene.decoy("/d/secret");
        scene.decoy("/d/dir/secret");
        scene.link("/up", scene.climb() + scene.outsideRelative());
        scene.armCanaries();
        Evidence evidence = new Evidence(scene.uniqueName(), scene.root());
        for (int round = 0; round < FIRST_TASK_ROUNDS; round++) {
            try (FsView view = open(spec(scene.root()))) {
                AtomicBoolean tasked = new AtomicBoolean();
                Thread reader = new Thread(
                        () -> {
                            // Until the first task is over, and a few times at least.
                            for (int i = 0; i < 3 || !tasked.get(); i++) {
                                Probe.list(view.path("/up"), evidence, "racing the first task /up");
                                Probe.read(
                                        view.fileSystem(),
                                        "/d/../up",
                                        true,
                                        evidence,
                                        "racing the first task");
                            }
                        },
                        "fsview-testkit-first-task-race");
                reader.start();
                view.run(ctx -> {});
                tasked.set(true);
                reader.join(RACE_LIMIT.toMillis());
                assertThat(reader.isAlive()).as("the reader ended").isFalse();
            }
        }
        evidence.assertContained("the file system racing a view's first task");
        scene.assertCanariesUntouched("the file system racing a view's first task");
    }

    private static void workThroughTheSwappedDirectory(FsView view, Evidence evidence) {
        Probe.read(view.fileSystem(), "/d", true, evidence, "another thread during swaps");
        try {
            evidence.attributes(
                    "stat during swaps",
                    view.stat("/d/secret").size(),
                    view.stat("/d/secret").mtime());
        } catch (IOException | RuntimeException refused) {
            // contained
        }
        try {
            Files.writeString(view.path("/d/new-by-race"), "inside:raced");
            Files.deleteIfExists(view.path("/d/new-by-race"));
        } catch (IOException | RuntimeException refused) {
            // contained
        }
        try {
            view.chdir("/d");
            evidence.path("cwd during swaps", view.cwd());
            Probe.readFile(view.path("secret"), evidence, "relative read during swaps");
            evidence.path(
                    "real path during swaps", view.path("dir").toRealPath().toString());
        } catch (IOException | RuntimeException refused) {
            // contained
        } finally {
            chdirToRoot(view);
        }
    }

    private static void chdirToRoot(FsView view) {
        try {
            view.chdir("/");
        } catch (IOException | RuntimeException e) {
            throw new AssertionError("chdir(\"/\") failed", e);
        }
    }

    /** A root with /d (decoys inside), ready to be swapped for links that lead outside. */
    private Scene raceScene() throws IOException {
        Evidence.load();
        Scene scene = Scene.build(host);
        scene.decoy("/d/secret");
        scene.decoy("/d/dir/secret");
        scene.dir("/d/mnt");
        scene.armCanaries();
        return scene;
    }

    /** An absolute link to the canary directory, and a relative one climbing to it. */
    private static List<String> racingTargets(Scene scene) {
        return List.of(scene.outside(), scene.climb() + scene.outsideRelative());
    }
}
