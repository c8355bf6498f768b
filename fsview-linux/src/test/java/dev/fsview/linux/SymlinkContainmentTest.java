package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.ViewSpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Symlinks planted in the container root at mount destinations: absolute links to host paths,
 * {@code ..} chains, dangling links, links through links. A mount, a created target or a task
 * never reaches a host path outside the root and the volumes.
 */
class SymlinkContainmentTest extends ViewFixture {
    private Path root;
    private Path hostSide;
    private Path vol;

    private void layout() throws Exception {
        root = dir("root");
        hostSide = dir("host-side"); // a host directory outside the root, what attacks aim at
        Files.writeString(hostSide.resolve("secret"), "host secret");
        vol = dir("vol");
        Files.writeString(vol.resolve("v.txt"), "volume");
    }

    private FsView openWith(Variant v, String destination) throws Exception {
        return open(v.apply(ViewSpec.builder(root)
                        .mount(MountSpec.bind(vol, destination).writable().build()))
                .build());
    }

    private void hostSideUntouched() throws Exception {
        assertThat(hostSide)
                .isDirectoryContaining(p -> p.getFileName().toString().equals("secret"));
        try (var s = Files.list(hostSide)) {
            assertThat(s.count()).as("entries of the host-side directory").isEqualTo(1);
        }
        assertThat(Files.readString(hostSide.resolve("secret"))).isEqualTo("host secret");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void anAbsoluteLinkResolvesInsideTheRootLikeVarRunToRun(Variant v) throws Exception {
        layout();
        dir("root/run");
        Files.createSymbolicLink(root.resolve("var"), Path.of("/"));
        FsView view = openWith(v, "/var/run/docker");
        assertThat(Files.readString(view.path("/run/docker/v.txt"))).isEqualTo("volume");
        assertThat(root.resolve("run/docker")).isDirectory();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void anAbsoluteLinkToAHostPathIsFollowedInsideTheRootOnly(Variant v) throws Exception {
        layout();
        Files.createSymbolicLink(root.resolve("data"), hostSide); // absolute host path
        FsView view = openWith(v, "/data");
        // Dangling inside the root: the host path is created inside the root, never on the host.
        assertThat(root.resolve(hostSide.toString().substring(1))).isDirectory();
        assertThat(Files.readString(view.path(hostSide + "/v.txt"))).isEqualTo("volume");
        hostSideUntouched();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void anAbsoluteLinkToAHostPathLandsOnTheSamePathInsideTheRoot(Variant v) throws Exception {
        layout();
        Files.createSymbolicLink(root.resolve("data"), hostSide); // absolute host path
        Path inside = Files.createDirectories(root.resolve(hostSide.toString().substring(1)));
        FsView view = openWith(v, "/data");
        String seen = view.call(ctx -> Files.readString(Path.of(hostSide.toString(), "v.txt")));
        assertThat(seen).isEqualTo("volume");
        assertThat(inside).isEmptyDirectory(); // the host sees the mount point, not the mount
        hostSideUntouched();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aDotDotChainStopsAtTheRoot(Variant v) throws Exception {
        layout();
        dir("root/a/b");
        Files.createSymbolicLink(root.resolve("a/b/up"), Path.of("../../../../../../../.."));
        FsView view = openWith(v, "/a/b/up/escaped");
        assertThat(root.resolve("escaped")).isDirectory();
        assertThat(tmp.resolve("escaped")).doesNotExist();
        assertThat(Files.readString(view.path("/escaped/v.txt"))).isEqualTo("volume");
        hostSideUntouched();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aDanglingLinkDestinationIsResolvedAndCreatedInsideTheRoot(Variant v) throws Exception {
        layout();
        Files.createSymbolicLink(root.resolve("data"), Path.of("/nowhere/deep"));
        FsView view = openWith(v, "/data");
        // As moby does (FollowSymlinkInScope, then MkdirAll in the root): where the link points.
        assertThat(root.resolve("nowhere/deep")).isDirectory();
        assertThat(Path.of("/nowhere")).doesNotExist();
        assertThat(Files.readString(view.path("/nowhere/deep/v.txt"))).isEqualTo("volume");
        assertThat(Files.readString(view.path("/data/v.txt"))).isEqualTo("volume");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aVolumeBelowVarRunLinkedToAMissingRunLandsInRun(Variant v) throws Exception {
        layout();
        dir("root/var");
        Files.createSymbolicLink(root.resolve("var/run"), Path.of("/run"));
        FsView view = open(v.apply(ViewSpec.builder(root)
                        .mount(MountSpec.bind(vol.resolve("v.txt"), "/var/run/app.sock")
                                .build()))
                .build());
        assertThat(root.resolve("run/app.sock")).isRegularFile().isEmptyFile();
        assertThat(Files.readString(view.path("/run/app.sock"))).isEqualTo("volume");
        assertThat(Files.readString(view.path("/var/run/app.sock"))).isEqualTo("volume");
        assertThat(Files.isSymbolicLink(root.resolve("var/run"))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aDanglingRelativeLinkToAHostPathStaysInsideTheRoot(Variant v) throws Exception {
        layout();
        Files.createSymbolicLink(root.resolve("data"), Path.of("../host-side/new"));
        FsView view = openWith(v, "/data/x");
        // ".." stops at the root: the target is the root's /host-side/new/x.
        assertThat(root.resolve("host-side/new/x")).isDirectory();
        assertThat(Files.readString(view.path("/data/x/v.txt"))).isEqualTo("volume");
        hostSideUntouched();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aDestinationThatResolvesToTheRootIsRefused(Variant v) throws Exception {
        layout();
        Files.createSymbolicLink(root.resolve("tmp"), Path.of("/"));
        Files.createSymbolicLink(root.resolve("gone"), Path.of("/nowhere/.."));
        for (String dest : new String[] {"/tmp", "/gone"}) {
            assertThatThrownBy(() -> openWith(v, dest))
                    .isInstanceOfSatisfying(MountStepException.class, e -> {
                        assertThat(e.step()).isEqualTo(SetupStep.RESOLVE_TARGET);
                        assertThat(e.getMessage()).contains("resolves to the container root");
                    });
        }
        assertThat(root.resolve("nowhere")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aLinkLoopFailsWithELOOP(Variant v) throws Exception {
        layout();
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("/a"));
        assertThatThrownBy(() -> openWith(v, "/a/x"))
                .isInstanceOfSatisfying(
                        MountStepException.class,
                        e -> assertThat(e.errnoName()).startsWith("ELOOP"));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aFileSourceGetsAnEmptyFileTargetCreatedInsideTheRoot(Variant v) throws Exception {
        layout();
        dir("root/etc");
        Files.createSymbolicLink(root.resolve("etc/alias"), Path.of("/etc"));
        FsView view = open(v.apply(ViewSpec.builder(root)
                        .mount(MountSpec.bind(vol.resolve("v.txt"), "/etc/alias/hosts")
                                .build()))
                .build());
        assertThat(root.resolve("etc/hosts")).isRegularFile().isEmptyFile();
        assertThat(Files.readString(view.path("/etc/hosts"))).isEqualTo("volume");
        assertThat(Path.of("/etc/alias")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aFileIsMountedOverAnExistingFifoWithoutOpeningIt(Variant v) throws Exception {
        layout();
        dir("root/run");
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("run/pipe").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        FsView view = open(v.apply(ViewSpec.builder(root)
                        .mount(MountSpec.bind(vol.resolve("v.txt"), "/run/pipe").build()))
                .build());
        assertThat(Files.readString(view.path("/run/pipe"))).isEqualTo("volume");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void tasksSeeAbsoluteLinksAndDotDotInsideTheRoot(Variant v) throws Exception {
        layout();
        Files.createSymbolicLink(root.resolve("abs"), hostSide.resolve("secret"));
        Files.createSymbolicLink(root.resolve("rel"), Path.of("../../../../host-side/secret"));
        FsView view = openWith(v, "/data");
        boolean abs = view.call(ctx -> Files.exists(Path.of("/abs")));
        boolean rel = view.call(ctx -> Files.exists(Path.of("/rel")));
        assertThat(abs).isFalse();
        assertThat(rel).isFalse();
        assertThat(Files.exists(view.path("/abs"))).isFalse();
        assertThat(Files.exists(view.path("/../../../host-side/secret"))).isFalse();
        assertThat(view.stat("/abs").linkTarget())
                .isEqualTo(hostSide.resolve("secret").toString());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aSourceSpelledThroughTheRootResolvesInsideIt(Variant v) throws Exception {
        layout();
        dir("root/inside");
        Files.writeString(root.resolve("inside/in.txt"), "inside");
        Files.createSymbolicLink(root.resolve("link"), hostSide); // absolute: host-side
        Files.createSymbolicLink(root.resolve("climb"), Path.of("../../../.."));
        // Each source is spelled through the root; what the container planted there decides
        // where it points, and that is always inside the root.
        assertThatThrownBy(() -> open(v.apply(ViewSpec.builder(root)
                                .mount(MountSpec.bind(root + "/link", "/m").build()))
                        .build()))
                .isInstanceOf(MountStepException.class);
        assertThatThrownBy(() -> open(v.apply(ViewSpec.builder(root)
                                .mount(MountSpec.bind(root + "/inside/../../host-side", "/m")
                                        .build()))
                        .build()))
                .isInstanceOf(MountStepException.class);
        FsView view = open(v.apply(ViewSpec.builder(root)
                        .mount(MountSpec.bind(root + "/climb/inside", "/m").build()))
                .build());
        assertThat(Files.readString(view.path("/m/in.txt"))).isEqualTo("inside");
        hostSideUntouched();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aBadDestinationFailsBeforeAnEarlierMountCreatesItsTarget(Variant v) throws Exception {
        layout();
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("/nowhere/.."));
        ViewSpec spec = v.apply(ViewSpec.builder(root)
                        .mount(MountSpec.bind(vol, "/new/target").build())
                        .mount(MountSpec.bind(vol, "/dangling").build()))
                .build();
        assertThatThrownBy(() -> open(spec))
                .isInstanceOfSatisfying(
                        MountStepException.class,
                        e -> assertThat(e.getMessage()).contains("/dangling", "container root"));
        assertThat(root.resolve("new")).doesNotExist();
    }
}
