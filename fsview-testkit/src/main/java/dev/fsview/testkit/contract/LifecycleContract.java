package dev.fsview.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.ViewClosedException;
import dev.fsview.testkit.ViewThreads;
import dev.fsview.testkit.support.Await;
import dev.fsview.testkit.support.Gate;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.ClosedFileSystemException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The life of a view: it opens on a root, is used, and closes exactly once — explicitly, from
 * inside its own task, through its file system, or by the Cleaner when dropped — after which
 * nothing can run in it. Several views of one root live side by side.
 */
public abstract class LifecycleContract extends ViewContract {

    @Test
    void aViewShowsTheRootAndReportsItsBackendAndSpec() throws IOException {
        String root = dir("root");
        file(root + "/etc/hostname", "box\n");
        try (FsView view = open(root)) {
            assertThat(view.isOpen()).isTrue();
            assertThat(view.backend()).isEqualTo(backend().name());
            assertThat(view.spec().root()).isEqualTo(root);
            assertThat(Files.readString(view.path("/etc/hostname"))).isEqualTo("box\n");
            assertThat(view.fileSystem().isOpen()).isTrue();
        }
    }

    @Test
    void theViewThreadIsNamedAfterTheBackend() throws IOException {
        try (FsView view = open(dir("root"))) {
            String name = view.call(ctx -> Thread.currentThread().getName());
            assertThat(name).startsWith(ViewThreads.PREFIX + backend().name() + "-");
            assertThat(ViewThreads.live()).contains(name);
        }
    }

    @Test
    void closeIsIdempotent() throws IOException {
        FsView view = open(dir("root"));
        view.close();
        view.close();
        assertThat(view.isOpen()).isFalse();
        assertThat(view.fileSystem().isOpen()).isFalse();
    }

    @Test
    void everyUseAfterCloseFailsWithViewClosed() throws IOException {
        String root = dir("root");
        file(root + "/f", "x");
        FsView view = open(root);
        view.close();
        Duration t = Duration.ofSeconds(1);
        List<ThrowingCallable> uses = List.of(
                () -> view.call(ctx -> 1),
                () -> view.call(ctx -> 1, t),
                () -> view.run(ctx -> {}),
                () -> view.run(ctx -> {}, t),
                () -> view.start(ctx -> {}),
                () -> view.start(ctx -> {}, t),
                () -> view.stat("/f"),
                () -> view.chdir("/"));
        for (ThrowingCallable use : uses) {
            assertThatThrownBy(use).isInstanceOf(ViewClosedException.class);
        }
    }

    @Test
    void fileOperationsAfterCloseFailAsOnAClosedFileSystem() throws IOException {
        String root = dir("root");
        file(root + "/f", "x");
        FsView view = open(root);
        view.close();
        List<ThrowingCallable> uses = List.of(
                () -> Files.readAllBytes(view.path("/f")),
                () -> Files.writeString(view.path("/g"), "y"),
                () -> Files.newDirectoryStream(view.path("/")).close(),
                () -> Files.readAttributes(view.path("/f"), "unix:mode"),
                () -> Files.delete(view.path("/f")));
        for (ThrowingCallable use : uses) {
            // The JDK's FileSystem contract says ClosedFileSystemException; fsview's own API says
            // ViewClosedException (an IOException). Either is a clear "closed"; nothing else is.
            assertThatThrownBy(use)
                    .isInstanceOfAny(ViewClosedException.class, ClosedFileSystemException.class);
        }
        assertThat(host.readString(root + "/f")).isEqualTo("x");
        assertThat(host.exists(root + "/g")).isFalse();
    }

    @Test
    void closeWaitsForTheRunningTaskToFinish() throws Exception {
        FsView view = open(dir("root"));
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        try (Gate release = new Gate()) {
            view.start(ctx -> {
                started.countDown();
                release.await();
                finished.set(true);
            });
            started.await();
            Thread closer = closeInTheBackground(view);
            assertThatThrownBy(() -> view.call(ctx -> 1)).isInstanceOf(ViewClosedException.class);
            closer.join(300);
            assertThat(closer.isAlive())
                    .as("close() returned while a task was still running")
                    .isTrue();
            release.open();
            Await.join(closer, Duration.ofSeconds(30));
            assertThat(finished)
                    .as("the running task finished before close() returned")
                    .isTrue();
        }
    }

    // Waiting is only half of it: the task close waits for must still be able to do its work.
    // On Linux its file operations run inline on the view thread, whose mounts close must not
    // take away before the task ends; a backend that checked "is the view open?" on every file
    // operation would fail them the moment close() began.
    @Test
    void theRunningTaskKeepsItsFileSystemWhileCloseWaitsForIt() throws Exception {
        String root = dir("root");
        file(root + "/input", "read after close began");
        FsView view = open(root);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Object> outcome = new AtomicReference<>();
        try (Gate release = new Gate()) {
            view.start(ctx -> {
                started.countDown();
                release.await();
                try {
                    String read = Files.readString(ctx.path("/input"));
                    Files.writeString(ctx.path("/output"), read);
                    outcome.set(read);
                } catch (IOException | RuntimeException e) {
                    outcome.set(e);
                }
            });
            started.await();
            Thread closer = closeInTheBackground(view);
            release.open();
            Await.join(closer, Duration.ofSeconds(30));
        }
        assertThat(outcome.get())
                .as("the running task's file operations after close began")
                .isEqualTo("read after close began");
        assertThat(host.readString(root + "/output")).isEqualTo("read after close began");
    }

    /** Starts closing a view on a thread of its own; returns once close() has begun. */
    private static Thread closeInTheBackground(FsView view) {
        Thread closer = new Thread(
                () -> {
                    try {
                        view.close();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                },
                "closer");
        closer.start();
        assertThat(Await.until(Duration.ofSeconds(10), () -> !view.isOpen()))
                .as("isOpen() turns false as soon as close() begins")
                .isTrue();
        return closer;
    }

    @Test
    void closeFromInsideATaskEndsTheViewWhenTheTaskReturns() throws IOException {
        FsView view = open(dir("root"));
        boolean openDuringTask = view.call(ctx -> {
            view.close();
            return view.isOpen();
        });
        assertThat(openDuringTask).isFalse();
        assertThat(view.isOpen()).isFalse();
        assertThatThrownBy(() -> view.call(ctx -> 1)).isInstanceOf(ViewClosedException.class);
    }

    @Test
    void closingTheFileSystemClosesTheView() throws IOException {
        FsView view = open(dir("root"));
        view.fileSystem().close();
        assertThat(view.isOpen()).isFalse();
        assertThatThrownBy(() -> view.call(ctx -> 1)).isInstanceOf(ViewClosedException.class);
    }

    @Test
    void prepareMayRunOnSeveralThreadsAtOnceAndAgainAndLeavesNothingAViewCouldNotUse()
            throws Exception {
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    host.provider().prepare();
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(60).toMillis());
        }
        host.provider().prepare();
        assertThat(failures).isEmpty();
        assertThat(threads).noneMatch(Thread::isAlive);
        String root = dir("root");
        file(root + "/f", "prepared");
        try (FsView view = open(root)) {
            assertThat(Files.readString(view.path("/f"))).isEqualTo("prepared");
            String inTask = view.call(ctx -> Files.readString(ctx.path("/f")));
            assertThat(inTask).isEqualTo("prepared");
        }
    }

    @Test
    void manyViewsOfOneRootAtOnceEachWithItsOwnThread() throws IOException {
        String root = dir("root");
        file(root + "/shared", "0");
        List<FsView> views = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                views.add(open(root));
            }
            Set<String> threads = new HashSet<>();
            for (int i = 0; i < views.size(); i++) {
                FsView v = views.get(i);
                threads.add(v.call(ctx -> Thread.currentThread().getName()));
                Files.writeString(v.path("/written-by-" + i), "view " + i);
            }
            assertThat(threads).hasSize(views.size());
            for (FsView v : views) {
                for (int i = 0; i < views.size(); i++) {
                    assertThat(Files.readString(v.path("/written-by-" + i))).isEqualTo("view " + i);
                }
            }
            assertThat(host.readString(root + "/written-by-7")).isEqualTo("view 7");
        } finally {
            for (FsView v : views) {
                v.close();
            }
        }
    }

    @Test
    void aViewDroppedWithoutCloseIsClosedByTheCleaner() throws IOException {
        String thread = openAndDrop(dir("root"));
        assertThat(ViewThreads.live()).contains(thread);
        AtomicReference<List<String>> live = new AtomicReference<>();
        boolean gone = Await.until(Duration.ofSeconds(60), () -> {
            System.gc();
            live.set(ViewThreads.live());
            return !live.get().contains(thread);
        });
        assertThat(gone)
                .as(
                        "the Cleaner ended %s of a dropped view; live view threads: %s",
                        thread, live.get())
                .isTrue();
    }

    /** Opens a view outside the kit's bookkeeping and forgets it; returns its thread's name. */
    private String openAndDrop(String root) throws IOException {
        FsView view = host.provider().open(spec(root).build());
        Files.writeString(view.path("/touched"), "x");
        return view.call(ctx -> Thread.currentThread().getName());
    }
}
