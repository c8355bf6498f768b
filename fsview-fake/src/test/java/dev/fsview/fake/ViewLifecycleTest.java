package dev.fsview.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.HandOverStrategy;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** Views' lifecycle on the fake: several at once, close waiting for a task, the Cleaner. */
@Timeout(60)
class ViewLifecycleTest {
    private final FakeHost host = new FakeHost();
    private final ViewSpec spec;

    ViewLifecycleTest() throws IOException {
        host.mkdirs("/c/root/a").mkdirs("/c/root/b");
        spec = ViewSpec.builder("/c/root")
                .handOver(HandOverStrategy.PARK)
                .mount(MountSpec.tmpfs("/tmp").build())
                .build();
    }

    @Test
    void manyViewsOfOneRootHaveTheirOwnWorkingDirectoryAndThread() throws Exception {
        try (FsView one = host.open(spec);
                FsView two = host.open(spec)) {
            one.chdir("/a");
            two.chdir("b");
            assertThat(one.cwd()).isEqualTo("/a");
            assertThat(two.cwd()).isEqualTo("/b");
            Files.writeString(one.path("rel"), "1");
            assertThat(host.readString("/c/root/a/rel")).isEqualTo("1");
            String t1 = one.call(ctx -> Thread.currentThread().getName());
            String t2 = two.call(ctx -> Thread.currentThread().getName());
            assertThat(t1).isNotEqualTo(t2);
        }
    }

    @Test
    void closeWaitsForTheRunningTask() throws Exception {
        FsView view = host.open(spec);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        view.start(ctx -> {
            started.countDown();
            Thread.sleep(200);
            Files.writeString(ctx.path("/tmp/x"), "done");
            finished.set(true);
        });
        started.await();
        view.close();
        assertThat(finished).isTrue();
    }

    @Test
    void theFileSystemWorksFromInsideATaskAndFromOtherThreadsAtTheSameTime() throws Exception {
        try (FsView view = host.open(spec)) {
            CountDownLatch inTask = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            view.start(ctx -> {
                Files.writeString(ctx.path("/tmp/from-task"), "t");
                inTask.countDown();
                release.await();
            });
            inTask.await();
            assertThat(Files.readString(view.path("/tmp/from-task")))
                    .as("NIO does not queue behind the running task on the fake")
                    .isEqualTo("t");
            release.countDown();
        }
    }

    @Test
    void aDroppedViewIsClosedByTheCleaner() throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        WeakReference<FsView> ref = openAndDrop(thread);
        for (int i = 0;
                i < 200 && (ref.get() != null || thread.get().getName().startsWith("fsview-view-"));
                i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(ref.get()).isNull();
        assertThat(FakeViewTest.endedOrSpare(thread.get())).isTrue();
    }

    private WeakReference<FsView> openAndDrop(AtomicReference<Thread> thread) throws Exception {
        FsView view = host.open(spec);
        Files.writeString(view.path("/tmp/x"), "x");
        view.run(ctx -> thread.set(Thread.currentThread()));
        return new WeakReference<>(view);
    }

    @Test
    void channelsStayUsableAfterTheViewClosesLikeFileDescriptors() throws Exception {
        FsView view = host.open(spec);
        var ch = Files.newByteChannel(
                view.path("/a/f"),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
        view.close();
        ch.write(java.nio.ByteBuffer.wrap(new byte[] {42}));
        ch.close();
        assertThat(host.read("/c/root/a/f")).containsExactly(42);
        assertThat(host.openFiles()).isZero();
        assertThatThrownBy(() -> Files.readAllBytes(view.path("/a/f")))
                .isInstanceOf(dev.fsview.ViewClosedException.class);
    }
}
