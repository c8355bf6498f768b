package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A view's file stores are its mounts, as the JDK's are the host's mount entries: named by the
 * mount's source device (never a host path, not even a bind's source), {@code "<mount point as
 * the view sees it> (<device>)"}, equal for two paths of one mount and only then (issue 17 row
 * 17).
 */
class LinuxViewFileStoreTest extends ViewFixture {

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aStoreIsAMountOfTheViewNamedByItsDevice(Variant v) throws Exception {
        Path root = dir("root");
        Files.createDirectories(root.resolve("a/b"));
        Path volume = dir("volume");
        Files.writeString(volume.resolve("v"), "v");
        FileStore host = Files.getFileStore(volume); // the JDK's, from the host's /proc/mounts
        FsView view = open(v.apply(ViewSpec.builder(root)
                        .mount(MountSpec.bind(volume.toString(), "/a/m").build())
                        .mount(MountSpec.tmpfs("/t").build()))
                .build());

        FileStore top = Files.getFileStore(view.path("/a/b"));
        FileStore bind = Files.getFileStore(view.path("/a/m/v"));
        FileStore tmpfs = Files.getFileStore(view.path("/t"));

        assertThat(top)
                .isEqualTo(Files.getFileStore(view.path("/")))
                .hasSameHashCodeAs(Files.getFileStore(view.path("/")));
        assertThat(bind).isNotEqualTo(top).isEqualTo(Files.getFileStore(view.path("/a/m")));
        assertThat(tmpfs).isNotEqualTo(top).isNotEqualTo(bind);
        // the bind is of a directory on the host's disk: the device, as the JDK names it there
        assertThat(bind.name()).isEqualTo(host.name()).doesNotContain(volume.toString());
        assertThat(bind.type()).isEqualTo(host.type());
        assertThat(bind.toString()).isEqualTo("/a/m (" + host.name() + ")");
        assertThat(top.toString())
                .isEqualTo("/ (" + top.name() + ")")
                .doesNotContain(root.toString());
        assertThat(tmpfs.name()).isEqualTo("tmpfs");
        assertThat(tmpfs.type()).isEqualTo("tmpfs");
        assertThat(tmpfs.toString()).isEqualTo("/t (tmpfs)");
        // The same once the view thread has switched root (at its first task, where it waits):
        // the mount table is read from that thread, whose root the kernel renders paths from.
        view.run(ctx -> {});
        assertThat(Files.getFileStore(view.path("/a/m/v"))).hasToString(bind.toString());
        assertThat(Files.getFileStore(view.path("/t"))).hasToString("/t (tmpfs)");
        assertThat(Files.getFileStore(view.path("/"))).hasToString(top.toString());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void storesOfTwoViewsDiffer(Variant v) throws Exception {
        Path root = dir("root");
        FsView one = open(v.apply(ViewSpec.builder(root)).build());
        FsView two = open(v.apply(ViewSpec.builder(root)).build());
        assertThat(Files.getFileStore(one.path("/")))
                .isNotEqualTo(Files.getFileStore(two.path("/")))
                .hasToString(Files.getFileStore(two.path("/")).toString());
    }
}
