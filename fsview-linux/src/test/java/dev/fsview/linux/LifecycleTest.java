package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.ViewClosedException;
import dev.fsview.ViewSpec;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** close is idempotent and waits for the running task; a dropped view is closed by the Cleaner. */
class LifecycleTest extends ViewFixture {

    @Test
    void closeIsIdempotentAndRefusesLaterTasks() throws Exception {
        FsView view = open(ViewSpec.builder(dir("root")).build());
        view.close();
        view.close();
        assertThat(view.isOpen()).isFalse();
        assertThatThrownBy(() -> view.run(ctx -> {})).isInstanceOf(ViewClosedException.class);
        assertThat(HostState.liveViewThreads()).isEmpty();
    }

    @Test
    void closeWaitsForTheRunningTask() throws Exception {
        FsView view = open(ViewSpec.builder(dir("root")).build());
        CountDownLatch started = new CountDownLatch(1);
        boolean[] finished = new boolean[1];
        view.start(ctx -> {
            started.countDown();
            Thread.sleep(200);
            finished[0] = true;
        });
        started.await();
        view.close();
        assertThat(finished[0]).isTrue();
    }

    @Test
    void aDroppedViewIsClosedByTheCleaner() throws Exception {
        Path root = dir("root");
        openAndDrop(root);
        for (int i = 0; i < 200 && !HostState.liveViewThreads().isEmpty(); i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(HostState.liveViewThreads()).as("view threads after GC").isEmpty();
    }

    private static void openAndDrop(Path root) throws Exception {
        FsView view = new LinuxProvider().open(ViewSpec.builder(root).build());
        view.run(ctx -> {});
    }
}
