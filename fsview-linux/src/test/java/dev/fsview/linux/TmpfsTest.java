package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.PathStat;
import dev.fsview.ViewSpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;

/** tmpfs mounts are fresh, private to each view, sized and moded as asked, gone after close. */
class TmpfsTest extends ViewFixture {

    private ViewSpec spec(Variant v, Path root, MountSpec tmpfs) {
        try {
            return v.apply(ViewSpec.builder(root).mount(tmpfs)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void twoViewsOfTheSameRootHaveTheirOwnTmpfs(Variant v) throws Exception {
        Path root = dir("root");
        ViewSpec spec = spec(v, root, MountSpec.tmpfs("/scratch").build());
        FsView one = open(spec);
        FsView two = open(spec);
        Files.writeString(one.path("/scratch/mine"), "one");
        assertThat(Files.exists(two.path("/scratch/mine"))).isFalse();
        assertThat(root.resolve("scratch")).isEmptyDirectory();
        one.close();
        FsView three = open(spec);
        assertThat(Files.exists(three.path("/scratch/mine"))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void theTmpfsHasTheModeAndSizeAsked(Variant v) throws Exception {
        Path root = dir("root");
        FsView view = open(spec(
                v,
                root,
                MountSpec.tmpfs("/small").mode(0700).sizeBytes(64 * 1024).build()));
        PathStat st = view.stat("/small");
        assertThat(st.isDirectory()).isTrue();
        assertThat(st.permissions()).isEqualTo(0700);
        assertThatThrownBy(() -> Files.write(view.path("/small/big"), new byte[1 << 20]))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("No space left on device");
        assertThat(view.fileSystem()
                        .provider()
                        .getFileStore(view.path("/small"))
                        .type())
                .isEqualTo("tmpfs");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void theDefaultModeIsStickyWorldWritable(Variant v) throws Exception {
        FsView view = open(spec(v, dir("root"), MountSpec.tmpfs("/tmp").build()));
        assertThat(view.stat("/tmp").permissions()).isEqualTo(01777);
    }
}
