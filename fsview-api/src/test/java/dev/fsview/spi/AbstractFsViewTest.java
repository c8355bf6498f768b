package dev.fsview.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.HandOverStrategy;
import dev.fsview.ViewClosedException;
import dev.fsview.ViewSpec;
import dev.fsview.spi.dispatch.TaskDispatcher;
import dev.fsview.spi.dispatch.ViewThread;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.FileSystem;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The lifecycle every backend inherits, with a backend that has no file system. */
@Timeout(60)
class AbstractFsViewTest {
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** A view whose setup does nothing; counts its backend resources' closes. */
    static class BareView extends AbstractFsView {
        BareView(ViewSpec spec, TaskDispatcher d, ViewThread t, AutoCloseable resources) {
            super(spec, "bare", "bare view of " + spec.root(), d, t, resources);
        }

        static BareView open(AutoCloseable resources) throws IOException {
            ViewSpec spec =
                    ViewSpec.builder("/r").handOver(HandOverStrategy.PARK).build();
            TaskDispatcher d = new TaskDispatcher("bare view", HandOverStrategy.PARK, t -> {});
            ViewThread t = ViewThread.start(
                    "fsview-view-bare-" + SEQ.incrementAndGet(), d, () -> {}, () -> {});
            return new BareView(spec, d, t, resources);
        }

        @Override
        protected String changeDirectory(String path) {
            return path;
        }

        @Override
        public FileSystem fileSystem() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void callReturnsTheValueAndRethrowsTheTasksOwnException() throws Exception {
        try (FsView view = BareView.open(() -> {})) {
            int answer = view.call(ctx -> 42);
            assertThat(answer).isEqualTo(42);
            IOException thrown = new IOException("mine");
            assertThatThrownBy(() -> view.call(ctx -> {
                        throw thrown;
                    }))
                    .isSameAs(thrown);
            Error error = new StackOverflowError("an error from the task");
            assertThatThrownBy(() -> view.run(ctx -> {
                        throw error;
                    }))
                    .isSameAs(error);
            RuntimeException unchecked = new IllegalStateException("unchecked");
            assertThatThrownBy(() -> view.call(ctx -> {
                        throw unchecked;
                    }))
                    .isSameAs(unchecked);
            String cwd = view.call(ctx -> ctx.cwd(), Duration.ofSeconds(5));
            assertThat(cwd).isEqualTo("/");
        }
    }

    /** A backend that explains failures: the hooks see the user's task and may replace errors. */
    static final class ExplainingView extends BareView {
        volatile Object seenTask;

        ExplainingView(java.util.function.Consumer<Throwable> log) throws IOException {
            this(
                    ViewSpec.builder("/r").build(),
                    new TaskDispatcher("explaining view", HandOverStrategy.PARK, log));
        }

        private ExplainingView(ViewSpec spec, TaskDispatcher d) throws IOException {
            super(
                    spec,
                    d,
                    ViewThread.start(
                            "fsview-view-bare-" + SEQ.incrementAndGet(), d, () -> {}, () -> {}),
                    () -> {});
        }

        @Override
        protected Throwable explainTaskFailure(Throwable failure, Object task) {
            seenTask = task;
            return failure instanceof UnsupportedOperationException
                    ? new IllegalStateException("explained", failure)
                    : failure;
        }

        @Override
        protected Throwable explainStartedTaskFailure(Throwable failure) {
            return new IllegalStateException("explained in the view", failure);
        }
    }

    @Test
    void aBackendMayExplainATasksFailureSeeingTheUsersTask() throws Exception {
        java.util.List<Throwable> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ExplainingView view = new ExplainingView(logged::add)) {
            dev.fsview.ViewTask<RuntimeException> task = ctx -> {
                throw new UnsupportedOperationException("raw");
            };
            assertThatThrownBy(() -> view.run(task))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("explained")
                    .hasCauseInstanceOf(UnsupportedOperationException.class);
            assertThat(view.seenTask).isSameAs(task);
            view.start(ctx -> {
                throw new IOException("started");
            });
            view.run(ctx -> {}); // after the started task
            assertThat(logged)
                    .singleElement()
                    .satisfies(t -> assertThat(t)
                            .hasMessage("explained in the view")
                            .hasCauseInstanceOf(IOException.class));
        }
    }

    @Test
    void closeIsIdempotentAndClosesBackendResourcesOnce() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        FsView view = BareView.open(closes::incrementAndGet);
        view.close();
        view.close();
        assertThat(closes).hasValue(1);
        assertThat(view.isOpen()).isFalse();
    }

    @Test
    void useAfterCloseFailsWithViewClosed() throws Exception {
        FsView view = BareView.open(() -> {});
        view.close();
        assertThatThrownBy(() -> view.call(ctx -> 1))
                .isInstanceOf(ViewClosedException.class)
                .hasMessage("bare view of /r is closed");
        assertThatThrownBy(() -> view.run(ctx -> {})).isInstanceOf(ViewClosedException.class);
        assertThatThrownBy(() -> view.start(ctx -> {})).isInstanceOf(ViewClosedException.class);
        assertThatThrownBy(() -> view.stat("/")).isInstanceOf(ViewClosedException.class);
        assertThatThrownBy(() -> view.chdir("/")).isInstanceOf(ViewClosedException.class);
    }

    @Test
    void closeWaitsForTheRunningTaskThenEndsTheThread() throws Exception {
        FsView view = BareView.open(() -> {});
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        AtomicReference<Thread> viewThread = new AtomicReference<>();
        view.start(ctx -> {
            viewThread.set(Thread.currentThread());
            running.countDown();
            Thread.sleep(300);
            finished.set(true);
        });
        running.await();
        view.close();
        assertThat(finished).isTrue();
        assertThat(viewThread.get().isAlive()).isFalse();
    }

    @Test
    void closeFromInsideATaskEndsTheViewWhenTheTaskReturns() throws Exception {
        FsView view = BareView.open(() -> {});
        AtomicReference<Thread> viewThread = new AtomicReference<>();
        view.run(ctx -> {
            viewThread.set(Thread.currentThread());
            view.close();
        });
        viewThread.get().join(10_000);
        assertThat(viewThread.get().isAlive()).isFalse();
        assertThat(view.isOpen()).isFalse();
    }

    @Test
    void chdirIsKeptAcrossCalls() throws Exception {
        try (FsView view = BareView.open(() -> {})) {
            view.chdir("/etc");
            assertThat(view.cwd()).isEqualTo("/etc");
            String seenByTask = view.call(ctx -> ctx.cwd());
            assertThat(seenByTask).isEqualTo("/etc");
            view.run(ctx -> ctx.chdir("/var"));
            assertThat(view.cwd()).isEqualTo("/var");
        }
    }

    @Test
    void aViewDroppedWithoutCloseIsClosedByTheCleaner() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        AtomicReference<Thread> viewThread = new AtomicReference<>();
        WeakReference<FsView> ref = openAndDrop(closes, viewThread);
        for (int i = 0; i < 200 && (ref.get() != null || closes.get() == 0); i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(ref.get()).isNull();
        assertThat(closes).hasValue(1);
        viewThread.get().join(10_000);
        assertThat(viewThread.get().isAlive()).isFalse();
    }

    private static WeakReference<FsView> openAndDrop(
            AtomicInteger closes, AtomicReference<Thread> viewThread) throws Exception {
        FsView view = BareView.open(closes::incrementAndGet);
        view.run(ctx -> viewThread.set(Thread.currentThread()));
        return new WeakReference<>(view);
    }
}
