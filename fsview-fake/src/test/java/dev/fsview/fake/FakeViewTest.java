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
import dev.fsview.spi.FsViewProvider;

import org.junit.jupiter.api.Test;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** The view's life: open, tasks on its own thread, cwd, stat, close. */
class FakeViewTest {
    private final FakeHost host = new FakeHost();

    private FsView open() throws Exception {
        host.mkdirs("/srv/root/etc")
                .file("/srv/root/etc/hostname", "box\n")
                .mkdirs("/srv/root/run")
                .symlink("/srv/root/var", "run")
                .mkdirs("/srv/data");
        return host.open(ViewSpec.builder("/srv/root")
                .mount(MountSpec.bind("/srv/data", "/data").writable().build())
                .build());
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
    void useAfterCloseFailsWithViewClosedAndTheThreadNoLongerServesIt() throws Exception {
        FsView view = open();
        AtomicReference<Thread> t = new AtomicReference<>();
        view.run(ctx -> t.set(Thread.currentThread()));
        Path p = view.path("/etc/hostname");
        view.close();
        assertThat(endedOrSpare(t.get())).isTrue();
        assertThatThrownBy(() -> Files.readString(p)).isInstanceOf(ViewClosedException.class);
        assertThatThrownBy(() -> view.stat("/")).isInstanceOf(ViewClosedException.class);
    }

    @Test
    void theServiceLoaderFindsTheFakeProvider() throws Exception {
        assertThat(FsViews.provider("fake").name()).isEqualTo("fake");
        assertThat(((FsViewProvider) FsViews.provider("fake")).priority()).isZero();
    }

    @Test
    void aPreloadClassThatCannotBeLoadedFailsTheOpenAsOnLinux() throws Exception {
        host.mkdirs("/srv/r");
        assertThatThrownBy(() -> host.open(ViewSpec.builder("/srv/r")
                        .preloadClasses("com.example.NoSuchClass")
                        .build()))
                .isInstanceOfSatisfying(
                        dev.fsview.MountStepException.class,
                        e -> assertThat(e.step()).isEqualTo(SetupStep.PRELOAD))
                .hasMessageContaining("com.example.NoSuchClass");
        try (FsView view = host.open(ViewSpec.builder("/srv/r")
                .preloadClasses(FakeViewTest.class.getName())
                .build())) {
            assertThat(view.isOpen()).isTrue();
        }
    }

    @Test
    void eachFileSystemInstanceHasItsOwnDeviceNumber() throws Exception {
        try (FsView view = open()) {
            host.mkdirs("/srv/root/tmp");
            try (FsView withTmp = host.open(ViewSpec.builder("/srv/root")
                    .mount(MountSpec.tmpfs("/tmp").build())
                    .build())) {
                Object rootDev = Files.getAttribute(withTmp.path("/etc"), "unix:dev");
                assertThat(Files.getAttribute(withTmp.path("/run"), "unix:dev")).isEqualTo(rootDev);
                assertThat(Files.getAttribute(withTmp.path("/tmp"), "unix:dev"))
                        .isNotEqualTo(rootDev);
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

    @Test
    void aClosedViewsThreadServesTheNextViewAsASpare() throws Exception {
        Thread first;
        try (FsView view = open()) {
            first = view.call(ctx -> Thread.currentThread());
        }
        assertThat(first.getName()).startsWith("fsview-spare-fake-");
        try (FsView view = host.open(ViewSpec.builder("/srv/root").build())) {
            Thread second = view.call(ctx -> Thread.currentThread());
            assertThat(second).isSameAs(first);
            assertThat(second.getName()).startsWith("fsview-view-fake-");
        }
    }

    @Test
    void statRunsOnTheCallersThreadAndDoesNotWaitForARunningTask() throws Exception {
        try (FsView view = open()) {
            CountDownLatch inTask = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            view.start(ctx -> {
                inTask.countDown();
                release.await();
            });
            inTask.await();
            try {
                assertThat(view.stat("/etc/hostname").size()).isEqualTo(4);
            } finally {
                release.countDown();
            }
        }
    }

    /** A closed view's thread has ended, or waits as a spare for another view. */
    static boolean endedOrSpare(Thread t) throws InterruptedException {
        t.join(5000);
        return !t.isAlive() || t.getName().startsWith("fsview-spare-fake-");
    }
}
