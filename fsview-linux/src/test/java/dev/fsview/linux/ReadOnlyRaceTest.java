package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The attack on the classic sequence's by-path steps: while a view binds a read-only volume at
 * {@code /vols/sys}, a process in the container swaps {@code /vols} for a symlink to {@code /}, so
 * the real path read back names the host's {@code /sys} mount, and a remount by that path would make
 * the host's {@code /sys} (in the view's namespace) read-only instead of the volume. Whatever the
 * timing, a view that opens has its volume read-only.
 */
class ReadOnlyRaceTest extends ViewFixture {
    private static final int VIEWS = 1000;

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aReadOnlyVolumeIsNeverLeftWritableByARenameRace(Variant v) throws Exception {
        Path root = dir("root");
        Path vol = dir("vol");
        dir("root/vols/sys");
        Files.createSymbolicLink(root.resolve("vols.link"), Path.of("/"));
        int opened = 0;
        int swaps;
        try (DirectorySwapper attacker =
                DirectorySwapper.start(root.resolve("vols"), root.resolve("vols.link"))) {
            for (int i = 0; i < VIEWS; i++) {
                ViewSpec spec = v.apply(ViewSpec.builder(root)
                                .mount(MountSpec.bind(vol, "/vols/sys").build()))
                        .build();
                FsView view;
                try {
                    view = open(spec);
                } catch (IOException refusedMidSwap) {
                    continue;
                }
                try (view) {
                    opened++;
                    // Wherever the volume landed inside the root, writing through it must fail;
                    // a write may land in a plain container directory, never in the volume.
                    for (String p : new String[] {"/vols/sys/", "/vols.away/sys/", "/sys/"}) {
                        tryWrite(view, p + "w" + i);
                    }
                }
                try (var s = Files.list(vol)) {
                    assertThat(s.count())
                            .as("files written through the read-only volume")
                            .isZero();
                }
            }
            swaps = attacker.swaps();
        }
        assertThat(opened).isPositive();
        assertThat(swaps).isGreaterThan(VIEWS / 2);
    }

    private static void tryWrite(FsView view, String path) {
        try {
            Files.writeString(view.path(path), "x");
        } catch (IOException refused) {
            // EROFS, or the path was away at that moment
        }
    }
}
