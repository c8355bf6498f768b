package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.ViewSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A process inside the container swaps a directory on a mount destination's path for a symlink to
 * a host directory (absolute and relative) and back, thousands of times, while views are opened
 * over and over: every view either opens with its mount inside the root or fails cleanly, and
 * nothing is ever created or mounted outside the root.
 */
class SymlinkRaceTest extends ViewFixture {
    private static final int VIEWS = 250;

    @ParameterizedTest
    @EnumSource(Variant.class)
    void swappingADirectoryForASymlinkNeverReachesTheHost(Variant v) throws Exception {
        Path root = dir("root");
        Path hostSide = dir("host-side");
        Path vol = dir("vol");
        Files.writeString(vol.resolve("v.txt"), "volume");
        dir("root/a/b");
        Files.createSymbolicLink(root.resolve("abs"), hostSide);
        Files.createSymbolicLink(root.resolve("rel"), Path.of("../../host-side"));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger swaps = new AtomicInteger();
        Thread attacker = new Thread(() -> swapLoop(root, stop, swaps), "attacker");
        attacker.start();
        int opened = 0;
        try {
            for (int i = 0; i < VIEWS; i++) {
                ViewSpec spec = v.apply(ViewSpec.builder(root)
                        .mount(MountSpec.bind(vol, "/a/b/vol" + i).writable().build())).build();
                try (FsView view = open(spec)) {
                    opened++;
                    boolean escaped = view.call(ctx -> Files.exists(Path.of(hostSide.toString())));
                    assertThat(escaped).as("the host directory is visible in the view").isFalse();
                } catch (MountStepException refused) {
                    // A lost race: the destination was a dangling link or vanished. Fine.
                }
            }
        } finally {
            stop.set(true);
            attacker.join();
        }
        assertThat(swaps.get()).as("swaps made during the opens").isGreaterThan(1000);
        assertThat(opened).as("views that opened despite the race").isPositive();
        try (var entries = Files.list(hostSide)) {
            assertThat(entries.count()).as("entries created in the host directory").isZero();
        }
        assertThat(tmp.resolve("a")).doesNotExist();
    }

    /** Swaps root/a between the real directory and a symlink, alternating absolute and relative. */
    private static void swapLoop(Path root, AtomicBoolean stop, AtomicInteger swaps) {
        Path a = root.resolve("a");
        Path away = root.resolve("a.away");
        while (!stop.get()) {
            Path link = root.resolve(swaps.get() % 2 == 0 ? "abs" : "rel");
            try {
                Files.move(a, away, StandardCopyOption.ATOMIC_MOVE);
                Files.move(link, a, StandardCopyOption.ATOMIC_MOVE);
                Files.move(a, link, StandardCopyOption.ATOMIC_MOVE);
                Files.move(away, a, StandardCopyOption.ATOMIC_MOVE);
                swaps.incrementAndGet();
            } catch (IOException raced) {
                repair(root, a, away);
            }
        }
        repair(root, a, away);
    }

    /** Puts root/a back as the directory after a move failed half way (e.g. a view created a). */
    private static void repair(Path root, Path a, Path away) {
        try {
            if (Files.isSymbolicLink(a)) {
                String target = Files.readSymbolicLink(a).toString();
                Files.move(a, root.resolve(target.startsWith("/") ? "abs" : "rel"));
            }
            if (Files.isDirectory(away)) {
                if (Files.isDirectory(a)) {
                    try (var s = Files.walk(a)) {
                        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
                Files.move(away, a, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException stillRacing) {
            // the next round repairs it
        }
    }
}
