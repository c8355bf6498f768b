package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.ViewSpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process inside the container swaps a directory on a mount destination's path for a symlink to
 * a host directory (absolute and relative) and back, thousands of times, while views are opened
 * over and over: every view either opens with its mount inside the root (where the link points,
 * resolved in the container's scope) or fails cleanly, and nothing is ever created or mounted
 * outside the root.
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
        // Only the host's directory holds this file. A destination through the swapped link is
        // resolved in the container's scope, as moby does, so the same path may well exist inside
        // the root: what must never be seen is the host's own directory.
        Files.writeString(hostSide.resolve("host-marker"), "host");
        dir("root/a/b");
        Files.createSymbolicLink(root.resolve("abs"), hostSide);
        Files.createSymbolicLink(root.resolve("rel"), Path.of("../../host-side"));
        int opened = 0;
        int swaps;
        try (DirectorySwapper attacker = DirectorySwapper.start(
                root.resolve("a"), root.resolve("abs"), root.resolve("rel"))) {
            for (int i = 0; i < VIEWS; i++) {
                ViewSpec spec = v.apply(ViewSpec.builder(root)
                                .mount(MountSpec.bind(vol, "/a/b/vol" + i)
                                        .writable()
                                        .build()))
                        .build();
                try (FsView view = open(spec)) {
                    opened++;
                    boolean escaped = view.call(
                            ctx -> Files.exists(Path.of(hostSide.toString(), "host-marker")));
                    assertThat(escaped)
                            .as("the host directory is visible in the view")
                            .isFalse();
                } catch (MountStepException refused) {
                    // A lost race: the destination was a dangling link or vanished. Fine.
                }
            }
            swaps = attacker.swaps();
        }
        assertThat(swaps).as("swaps made during the opens").isGreaterThan(1000);
        assertThat(opened).as("views that opened despite the race").isPositive();
        try (var entries = Files.list(hostSide)) {
            assertThat(entries.count())
                    .as("entries created in the host directory")
                    .isOne();
        }
        assertThat(tmp.resolve("a")).doesNotExist();
    }
}
