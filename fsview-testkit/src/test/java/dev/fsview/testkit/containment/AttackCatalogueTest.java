package dev.fsview.testkit.containment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.testkit.host.TempDirHost;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The catalogue is what it claims: at least forty distinct layouts, and each one really is hostile
 * — resolved naively on the host (the JDK following the container's links from the root's host
 * path, as a backend without containment would), it reaches the canaries, and the canaries notice.
 * The few layouts that only ever end in an error (loops, over-long paths) are named.
 */
class AttackCatalogueTest {
    /** Layouts whose naive resolution fails too (their point is that the view must fail). */
    private static final Set<String> ERRORS_EVEN_ON_THE_HOST = Set.of(
            "link to itself",
            "two links pointing at each other",
            "loop through a directory",
            "loop, then a .. chain",
            "chain of 41 links ending outside",
            "path too long to resolve",
            "destination with a lexical .. chain");
    /**
     * Layouts aimed at half-done containment rather than at none: an absolute link re-rooted
     * correctly but then {@code ..} let climb, a target created by following a dangling link.
     * Resolved naively they fail like on the host.
     */
    private static final Set<String> AIMED_AT_PARTIAL_CONTAINMENT = Set.of(
            "absolute link to a link that climbs",
            "dangling link to a directory in the outside directory");

    @Test
    void holdsAtLeastFortyLayoutsWithDistinctNames() {
        List<Attack> all = AttackCatalogue.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(40);
        Set<String> names = all.stream().map(Attack::name).collect(Collectors.toSet());
        assertThat(names).hasSameSizeAs(all);
        assertThat(names)
                .containsAll(ERRORS_EVEN_ON_THE_HOST)
                .containsAll(AIMED_AT_PARTIAL_CONTAINMENT);
    }

    static List<Attack> attacks() {
        return AttackCatalogue.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aNaiveHostSideResolutionOfTheProbeIsCaughtByTheCanaries(Attack attack) throws IOException {
        try (TempDirHost host = new TempDirHost()) {
            Scene scene = Scene.build(host);
            attack.layout().plant(scene);
            scene.armCanaries();
            String probe = attack.probe().in(scene);
            String absolute = probe.startsWith("/") ? probe : "/" + probe;
            // The volume mounted at /data in every view is, on the host, its source directory.
            String naive = absolute.startsWith("/data/")
                    ? scene.volume() + absolute.substring("/data".length())
                    : scene.root() + absolute;
            resolveNaively(Path.of(naive), attack.directory(), scene);
            if (ERRORS_EVEN_ON_THE_HOST.contains(attack.name())
                    || AIMED_AT_PARTIAL_CONTAINMENT.contains(attack.name())) {
                scene.assertCanariesUntouched("naive resolution");
            } else {
                assertThatThrownBy(() -> scene.assertCanariesUntouched("naive resolution"))
                        .as("'%s' resolved on the host reaches no canary: not an attack", attack)
                        .isInstanceOf(AssertionError.class);
            }
        }
    }

    /** What a backend without containment would do: read, list, create the target, write. */
    private static void resolveNaively(Path p, boolean directory, Scene scene) {
        Evidence ignored = new Evidence(scene.uniqueName(), scene.root());
        if (directory) {
            Probe.readFile(p.resolve("secret"), ignored, "naive");
            attempt(() -> list(p));
            attempt(() -> Files.createDirectories(p));
            attempt(() -> Files.writeString(p.resolve("new-by-attack"), "x"));
        } else {
            Probe.readFile(p, ignored, "naive");
            attempt(() -> Files.writeString(p, "x"));
        }
    }

    private static void list(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(e -> {});
        }
    }

    private interface Io {
        void run() throws IOException;
    }

    private static void attempt(Io io) {
        try {
            io.run();
        } catch (IOException | RuntimeException e) {
            // as on the host
        }
    }

    @Test
    void theCanariesNoticeAReadAListingAWriteAndACreation() throws IOException {
        Set<String> caught = new HashSet<>();
        String[] what = {"read", "list", "write", "create"};
        for (String w : what) {
            try (TempDirHost host = new TempDirHost()) {
                Scene scene = Scene.build(host);
                scene.armCanaries();
                Path outside = Path.of(scene.outside());
                switch (w) {
                    case "read":
                        Files.readAllBytes(outside.resolve("secret"));
                        break;
                    case "list":
                        list(outside);
                        break;
                    case "write":
                        Files.writeString(outside.resolve("dir/secret"), "x");
                        break;
                    default:
                        Files.writeString(outside.resolve("new"), "x");
                        break;
                }
                try {
                    scene.assertCanariesUntouched(w);
                } catch (AssertionError noticed) {
                    caught.add(w);
                }
            }
        }
        assertThat(caught).containsExactlyInAnyOrder(what);
    }
}
