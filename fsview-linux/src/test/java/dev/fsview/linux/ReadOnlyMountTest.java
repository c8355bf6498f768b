package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Read-only, recursive read-only and non-recursive binds, with both attach strategies. */
class ReadOnlyMountTest extends ViewFixture {

    private Path root;
    private Path source;

    /** A source with a host-side tmpfs submount at sub/. */
    private void sourceWithSubmount() throws Exception {
        root = dir("root");
        source = dir("src");
        Files.writeString(source.resolve("top.txt"), "top");
        dir("src/sub");
        hostTmpfs(source.resolve("sub"));
        Files.writeString(source.resolve("sub/inner.txt"), "inner");
    }

    private FsView view(Variant v, MountSpec.BindBuilder bind) throws Exception {
        return open(v.apply(ViewSpec.builder(root).mount(bind.build())).build());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void readOnlyVolumeRefusesWritesWithEROFS(Variant v) throws Exception {
        sourceWithSubmount();
        FsView view = view(v, MountSpec.bind(source, "/data"));
        assertThat(Files.readString(view.path("/data/top.txt"))).isEqualTo("top");
        assertThatThrownBy(() -> Files.writeString(view.path("/data/new.txt"), "x"))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("Read-only file system");
        assertThat(source.resolve("new.txt")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void recursiveReadOnlyCoversSubmounts(Variant v) throws Exception {
        sourceWithSubmount();
        FsView view = view(v, MountSpec.bind(source, "/data"));
        assertThat(Files.readString(view.path("/data/sub/inner.txt"))).isEqualTo("inner");
        assertThatThrownBy(() -> Files.writeString(view.path("/data/sub/new.txt"), "x"))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("Read-only file system");
        assertThat(view.path("/data/sub")
                        .getFileSystem()
                        .provider()
                        .getFileStore(view.path("/data/sub"))
                        .isReadOnly())
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void forceRecursiveReadOnlyCoversSubmounts(Variant v) throws Exception {
        sourceWithSubmount();
        FsView view = view(v, MountSpec.bind(source, "/data").readOnlyForceRecursive());
        assertThatThrownBy(() -> Files.writeString(view.path("/data/sub/new.txt"), "x"))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("Read-only file system");
        assertThatThrownBy(() -> Files.writeString(view.path("/data/new.txt"), "x"))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("Read-only file system");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void readOnlyNonRecursiveLeavesSubmountsWritable(Variant v) throws Exception {
        sourceWithSubmount();
        FsView view = view(v, MountSpec.bind(source, "/data").readOnlyNonRecursive());
        assertThatThrownBy(() -> Files.writeString(view.path("/data/new.txt"), "x"))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("Read-only file system");
        Files.writeString(view.path("/data/sub/new.txt"), "through the writable submount");
        assertThat(source.resolve("sub/new.txt")).hasContent("through the writable submount");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void nonRecursiveBindHidesSubmounts(Variant v) throws Exception {
        sourceWithSubmount();
        FsView view = view(v, MountSpec.bind(source, "/data").nonRecursive().writable());
        assertThat(Files.exists(view.path("/data/sub"))).isTrue();
        assertThat(Files.exists(view.path("/data/sub/inner.txt"))).isFalse();
        assertThat(Files.readString(view.path("/data/top.txt"))).isEqualTo("top");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void writableVolumeIsVisibleBothWays(Variant v) throws Exception {
        sourceWithSubmount();
        FsView view = view(v, MountSpec.bind(source, "/data").writable());
        Files.writeString(view.path("/data/from-view.txt"), "v");
        assertThat(source.resolve("from-view.txt")).hasContent("v");
        Files.writeString(source.resolve("from-host.txt"), "h");
        assertThat(Files.readString(view.path("/data/from-host.txt"))).isEqualTo("h");
        Files.writeString(view.path("/data/sub/deep.txt"), "d");
        assertThat(source.resolve("sub/deep.txt")).hasContent("d");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void rootOutsideVolumesStaysWritable(Variant v) throws Exception {
        sourceWithSubmount();
        FsView view = view(v, MountSpec.bind(source, "/data"));
        Files.writeString(view.path("/written-in-root.txt"), "r");
        assertThat(root.resolve("written-in-root.txt")).hasContent("r");
    }
}
