package dev.fsview.testkit.containment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.ViewSpec;
import dev.fsview.testkit.host.TempDirHost;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The containment harness has teeth at every entry point: driven against {@link NaiveView}, a
 * view without any containment, each entry point catches the escape of most attack layouts. The
 * mount entry point sees a naive view only where it creates a target outside the root: the naive
 * view resolves everything on the host, its mounts included, so they look consistent from inside.
 */
class NaiveViewTest {

    static EntryPoint[] entryPoints() {
        return EntryPoint.common();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entryPoints")
    void everyEntryPointCatchesAViewWithoutContainment(EntryPoint entry) throws IOException {
        List<String> caught = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        for (Attack attack : AttackCatalogue.all()) {
            try (TempDirHost host = new TempDirHost()) {
                Arena arena = Arena.enter(host, attack, new Arena.Opener() {
                    @Override
                    public ViewSpec.Builder spec(String root) {
                        return ViewSpec.builder(root);
                    }

                    @Override
                    public FsView open(ViewSpec.Builder spec) throws IOException {
                        return new NaiveView(spec.build());
                    }
                });
                entry.drive(arena);
                try {
                    arena.assertContained(attack.name());
                    missed.add(attack.name());
                } catch (AssertionError escaped) {
                    caught.add(attack.name());
                }
            }
        }
        int expected = entry == EntryPoint.MOUNT_DESTINATION
                ? 8
                : AttackCatalogue.all().size() / 2;
        assertThat(caught).as("%s missed: %s", entry, missed).hasSizeGreaterThanOrEqualTo(expected);
    }
}
