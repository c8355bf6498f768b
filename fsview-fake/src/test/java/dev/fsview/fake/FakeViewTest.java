package dev.fsview.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.FsViews;
import dev.fsview.MountSpec;
import dev.fsview.PathStat;
import dev.fsview.SetupStep;
import dev.fsview.ViewClosedException;
import dev.fsview.ViewSpec;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The view's life: open, tasks on its own thread, cwd, stat, close. */
class FakeViewTest {
    private final FakeHost host = new FakeHost();

    private FsView open() throws Exception {
        host.mkdirs("/srv/root/etc").file("/srv/root/etc/hostname", "box\n")
                .mkdirs("/srv/root/run").symlink("/srv/root/var", "run").mkdirs("/srv/data");
        return host.open(ViewSpec.builder("/srv/root")
                .mount(MountSpec.bind("/srv/data", "/data").writable().build()).build());
    }

    @Test
    void theRootIsTheContainerRootAndWritesToAWritableVolumeReachTheHost() throws Exception {
        try (FsView view = open()) {
            assertThat(Files.readString(view.path("/etc/hostname"))).isEqualTo("box\n");
            Files.writeString(view.path("/data/out"), "hi");
            assertThat(host.readString("/srv/data/out")).isEqualTo("hi");
            assertThat(view.backend()).isEqualTo("fake");
        }
    }

    @Test
    void tasksRunOnTheViewsOwnNamedThread() throws Exception {
        try (FsView view = open()) {
            String name = view.call(ctx -> Thread.currentThread().getName());
            assertThat(name).startsWith("fsview-view-fake-");
        }
    }

    @Test
    void chdirMovesTheWorkingDirectoryAndRelativePathsFollowIt() throws Exception {
        try (FsView view = open()) {
            view.chdir("/etc");
            assertThat(view.cwd()).isEqualTo("/etc");
            assertThat(Files.readString(view.path("hostname"))).isEqualTo("box\n");
            view.chdir("/var");
            assertThat(view.cwd()).as("getcwd reports the physical path").isEqualTo("/run");
            assertThatThrownBy(() -> view.chdir("/etc/hostname"))
                    .isInstanceOf(NotDirectoryException.class);
            assertThatThrownBy(() -> view.chdir("/nope")).isInstanceOf(NoSuchFileException.class);
        }
    }

    @Test
    void statOfASymlinkResolvesItsTargetInsideTheRoot() throws Exception {
        try (FsView view = open()) {
            PathStat st = view.stat("/var");
            assertThat(st.isSymbolicLink()).isTrue();
            assertThat(st.linkTarget()).isEqualTo("/run");
            assertThat(view.stat("/etc/hostname").size()).isEqualTo(4);
        }
    }

    @Test
    void useAfterCloseFailsWithViewClosedAndTheThreadIsGone() throws Exception {
        FsView view = open();
        AtomicReference<Thread> t = new AtomicReference<>();
        view.run(ctx -> t.set(Thread.currentThread()));
        Path p = view.path("/etc/hostname");
        view.close();
        t.get().join(5000);
        assertThat(t.get().isAlive()).isFalse();
        assertThatThrownBy(() -> Files.readString(p)).isInstanceOf(ViewClosedException.class);
        assertThatThrownBy(() -> view.stat("/")).isInstanceOf(ViewClosedException.class);
    }

    @Test
    void theServiceLoaderFindsTheFakeProvider() throws Exception {
        assertThat(FsViews.provider("fake").name()).isEqualTo("fake");
        assertThat(FsViews.provider("fake").priority()).isZero();
    }

    @Test
    void aPreloadClassThatCannotBeLoadedFailsTheOpenAsOnLinux() throws Exception {
        host.mkdirs("/srv/r");
        assertThatThrownBy(() -> host.open(ViewSpec.builder("/srv/r")
                .preloadClasses("com.example.NoSuchClass").build()))
                .isInstanceOfSatisfying(dev.fsview.MountStepException.class,
                        e -> assertThat(e.step()).isEqualTo(SetupStep.PRELOAD))
                .hasMessageContaining("com.example.NoSuchClass");
        try (FsView view = host.open(ViewSpec.builder("/srv/r")
                .preloadClasses(FakeViewTest.class.getName()).build())) {
            assertThat(view.isOpen()).isTrue();
        }
    }

    @Test
    void eachFileSystemInstanceHasItsOwnDeviceNumber() throws Exception {
        try (FsView view = open()) {
            host.mkdirs("/srv/root/tmp");
            try (FsView withTmp = host.open(ViewSpec.builder("/srv/root")
                    .mount(MountSpec.tmpfs("/tmp").build()).build())) {
                Object rootDev = Files.getAttribute(withTmp.path("/etc"), "unix:dev");
                assertThat(Files.getAttribute(withTmp.path("/run"), "unix:dev")).isEqualTo(rootDev);
                assertThat(Files.getAttribute(withTmp.path("/tmp"), "unix:dev")).isNotEqualTo(rootDev);
                assertThat(Files.getAttribute(view.path("/data"), "unix:dev")).isEqualTo(rootDev);
            }
        }
    }

    @Test
    void aMissingRootFailsNamingIt() {
        assertThatThrownBy(() -> host.open(ViewSpec.builder("/missing").build()))
                .isInstanceOf(dev.fsview.MountStepException.class)
                .hasMessageContaining("/missing")
                .hasRootCauseInstanceOf(FileSystemException.class);
    }
}
