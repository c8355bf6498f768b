package dev.fsview.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.InvalidSpecException;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.testkit.support.HostTree;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.util.stream.Stream;

/**
 * Every way a spec or a path can be wrong gives a clear error — the right exception, naming what
 * is wrong — and changes nothing on the host: no file, directory or mount target created, no view
 * thread or mount left. (The option conflicts and their messages are in {@link MountContract}.)
 */
public abstract class BadInputContract extends ViewContract {

    /**
     * Specs refused when they are built, before any backend sees them.
     *
     * @return description, the failing build, the refused field, a fragment of the message
     */
    public static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                spec(
                        "relative root",
                        () -> ViewSpec.builder("rootfs").build(),
                        "root",
                        "not an absolute path"),
                spec("empty root", () -> ViewSpec.builder("").build(), "root", "empty"),
                spec(
                        "NUL in the root",
                        () -> ViewSpec.builder("/srv/\0/root").build(),
                        "root",
                        "NUL"),
                spec(
                        "relative destination",
                        () -> MountSpec.bind("/src", "data").build(),
                        "destination",
                        "not an absolute path"),
                spec(
                        "empty destination",
                        () -> MountSpec.bind("/src", "").build(),
                        "destination",
                        "empty"),
                spec(
                        "NUL in the destination",
                        () -> MountSpec.bind("/src", "/da\0ta").build(),
                        "destination",
                        "NUL"),
                spec(
                        "destination /",
                        () -> MountSpec.bind("/src", "/").build(),
                        "destination",
                        "cannot be '/'"),
                spec(
                        "destination cleaning to /",
                        () -> MountSpec.bind("/src", "/a/../..").build(),
                        "destination",
                        "cannot be '/'"),
                spec(
                        "tmpfs at /",
                        () -> MountSpec.tmpfs("//").build(),
                        "destination",
                        "cannot be '/'"),
                spec(
                        "relative source",
                        () -> MountSpec.bind("src", "/data").build(),
                        "source",
                        "not an absolute path"),
                spec("empty source", () -> MountSpec.bind("", "/data").build(), "source", "empty"),
                spec(
                        "NUL in the source",
                        () -> MountSpec.bind("/s\0rc", "/data").build(),
                        "source",
                        "NUL"),
                spec(
                        "duplicate destinations",
                        () -> ViewSpec.builder("/root")
                                .mount(MountSpec.bind("/a", "/data").build())
                                .mount(MountSpec.tmpfs("/data/").build())
                                .build(),
                        "destination",
                        "duplicate mount destination: /data"),
                spec(
                        "duplicate destinations after cleaning",
                        () -> ViewSpec.builder("/root")
                                .mount(MountSpec.bind("/a", "/x/../data").build())
                                .mount(MountSpec.bind("/b", "//data").build())
                                .build(),
                        "destination",
                        "duplicate"),
                spec(
                        "negative tmpfs size",
                        () -> MountSpec.tmpfs("/t").sizeBytes(-1).build(),
                        "tmpfs-size",
                        "negative"),
                spec(
                        "negative tmpfs mode",
                        () -> MountSpec.tmpfs("/t").mode(-1).build(),
                        "tmpfs-mode",
                        "0 to 07777"),
                spec(
                        "tmpfs mode above 07777",
                        () -> MountSpec.tmpfs("/t").mode(010000).build(),
                        "tmpfs-mode",
                        "0 to 07777"),
                spec(
                        "blank preload class",
                        () -> ViewSpec.builder("/root").preloadClasses(" ").build(),
                        "preloadClasses",
                        "blank"));
    }

    private static Arguments spec(
            String what, ThrowingCallable build, String field, String fragment) {
        return Arguments.of(what, build, field, fragment);
    }

    @Test
    void aNullIsRefusedAtOnceNamingTheArgument() {
        assertThatThrownBy(() -> ViewSpec.builder((String) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("root");
        assertThatThrownBy(() -> MountSpec.bind((String) null, "/data"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("source");
        assertThatThrownBy(() -> MountSpec.tmpfs(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("destination");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fsview.testkit.contract.BadInputContract#invalidSpecs")
    void anInvalidSpecIsRefusedNamingTheField(
            String what, ThrowingCallable build, String field, String fragment) {
        assertThatThrownBy(build)
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(fragment)
                .satisfies(e -> assertThat(((InvalidSpecException) e).field()).isEqualTo(field));
    }

    /**
     * A spec that builds but cannot be opened, with the path its error must name: the root or
     * source given, or the destination as far as it resolved (where it stopped: {@code /etc/passwd}
     * for {@code /etc/passwd/data} below a file).
     */
    private static final class Unopenable {
        final String mention;
        final ViewSpec.Builder spec;

        Unopenable(String mention, ViewSpec.Builder spec) {
            this.mention = mention;
            this.spec = spec;
        }
    }

    /**
     * The layouts of {@link #anUnopenableSpecFailsClearlyAndChangesNothing}, by name.
     *
     * @return names of the cases
     */
    public static Stream<String> unopenable() {
        return Stream.of(
                "missing root",
                "root is a file",
                "root is a dangling symlink",
                "missing source",
                "missing source after a mount that needs a new target",
                "destination below a file",
                "destination through a symlink loop",
                "file source onto a directory",
                "directory source onto a file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.fsview.testkit.contract.BadInputContract#unopenable")
    void anUnopenableSpecFailsClearlyAndChangesNothing(String layout) throws IOException {
        String root = dir("root");
        String vol = dir("vol");
        file(vol + "/file", "volume");
        String hostFile = file(dir("files") + "/a-file", "a file");
        file(root + "/etc/passwd", "root:x:0:0::/root:/bin/sh");
        host.symlink(root + "/dangling", "/nowhere/at/all");
        host.symlink(root + "/loop", "loop");
        Unopenable bad = unopenable(layout, root, vol, hostFile);
        HostTree before = HostTree.of(host, root, vol, parent(hostFile));
        assertThatThrownBy(() -> open(bad.spec).close())
                .as("opening with %s", layout)
                .isInstanceOf(IOException.class)
                .hasMessageContaining(bad.mention);
        before.assertUnchanged(host, "a failed open (" + layout + ")");
    }

    private Unopenable unopenable(String layout, String root, String vol, String hostFile)
            throws InvalidSpecException {
        String missing = parent(root) + "/no-such-dir";
        switch (layout) {
            case "missing root":
                return new Unopenable(missing, spec(missing));
            case "root is a file":
                return new Unopenable(hostFile, spec(hostFile));
            case "root is a dangling symlink":
                return new Unopenable(root + "/dangling", spec(root + "/dangling"));
            case "missing source":
                return mount(root, missing, MountSpec.bind(missing, "/data"));
            case "missing source after a mount that needs a new target":
                return new Unopenable(
                        missing,
                        spec(root)
                                .mount(MountSpec.bind(vol, "/new/target").build())
                                .mount(MountSpec.bind(missing, "/new/target/deeper/data")
                                        .build()));
            case "destination below a file":
                return mount(root, "/etc/passwd", MountSpec.bind(vol, "/etc/passwd/data"));
            case "destination through a symlink loop":
                return mount(root, "/loop", MountSpec.bind(vol, "/loop/data"));
            case "file source onto a directory":
                return mount(root, "/etc", MountSpec.bind(hostFile, "/etc"));
            case "directory source onto a file":
                return mount(root, "/etc/passwd", MountSpec.bind(vol, "/etc/passwd"));
            default:
                throw new IllegalArgumentException(layout);
        }
    }

    private Unopenable mount(String root, String mention, MountSpec.BindBuilder mount)
            throws InvalidSpecException {
        return new Unopenable(mention, spec(root).mount(mount.build()));
    }

    @Test
    void aNulInAPathHandedToTheViewIsRefusedAndTheViewGoesOn() throws IOException {
        String root = dir("root");
        file(root + "/a/f", "x");
        HostTree before = HostTree.of(host, root);
        try (FsView view = open(root)) {
            view.chdir("/a");
            assertThatThrownBy(() -> view.stat("/a/f\0/../../x"))
                    .isInstanceOf(InvalidPathException.class);
            assertThatThrownBy(() -> view.chdir("/\0")).isInstanceOf(InvalidPathException.class);
            assertThatThrownBy(() -> view.path("/a\0b")).isInstanceOf(InvalidPathException.class);
            assertThatThrownBy(() -> view.path("a", "b\0"))
                    .isInstanceOf(InvalidPathException.class);
            assertThatThrownBy(() -> view.run(ctx -> ctx.path("/f\0")))
                    .isInstanceOf(InvalidPathException.class);
            assertThatThrownBy(() -> view.run(ctx -> ctx.stat("f\0")))
                    .isInstanceOf(InvalidPathException.class);
            assertThatThrownBy(() -> view.run(ctx -> ctx.chdir("\0")))
                    .isInstanceOf(InvalidPathException.class);
            assertThat(view.cwd()).isEqualTo("/a");
            assertThat(Files.readString(view.path("f"))).isEqualTo("x");
        }
        before.assertUnchanged(host, "paths with NUL bytes");
    }
}
