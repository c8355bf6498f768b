package dev.fsview.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.HandOverTimeoutException;
import dev.fsview.ViewTask;
import dev.fsview.testkit.support.Await;
import dev.fsview.testkit.support.Gate;
import dev.fsview.testkit.support.StderrCapture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Handing tasks to a view: results and the task's own exceptions come back unchanged; tasks run
 * one at a time on the view's one thread; {@code start} returns once the task has started and its
 * failure is logged; a hand-over that is interrupted or times out never runs the task.
 */
public abstract class DispatchContract extends ViewContract {

    /** A checked exception of the kit's own, to see that a task's exception is not wrapped. */
    static final class TaskFailure extends Exception {
        private static final long serialVersionUID = 1L;

        TaskFailure(String message) {
            super(message);
        }
    }

    @Test
    void callReturnsTheTasksValue() throws IOException {
        try (FsView view = open(dir("root"))) {
            int answer = view.call(ctx -> 6 * 7);
            assertThat(answer).isEqualTo(42);
            String timed = view.call(ctx -> "with timeout", Duration.ofSeconds(10));
            assertThat(timed).isEqualTo("with timeout");
            assertThat((Object) view.call(ctx -> null)).isNull();
        }
    }

    @Test
    void callRethrowsTheTasksOwnExceptionObjectUnchanged() throws IOException {
        List<Throwable> failures = List.of(
                new IOException("io"),
                new TaskFailure("checked"),
                new IllegalStateException("unchecked"),
                new AssertionError("error"),
                new java.nio.file.NoSuchFileException("/nio"));
        try (FsView view = open(dir("root"))) {
            for (Throwable failure : failures) {
                assertThatThrownBy(() -> view.call(ctx -> {
                            throw sneaky(failure);
                        }))
                        .isSameAs(failure);
                assertThatThrownBy(() -> view.run(
                                ctx -> {
                                    throw sneaky(failure);
                                },
                                Duration.ofSeconds(10)))
                        .isSameAs(failure);
            }
        }
    }

    /** Throws any throwable from a task, as a task declaring {@code Exception} could. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    @Test
    void runRunsTheTaskToItsEnd() throws IOException {
        String root = dir("root");
        try (FsView view = open(root)) {
            view.run(ctx -> Files.writeString(ctx.path("/ran"), "yes"));
            assertThat(host.readString(root + "/ran")).isEqualTo("yes");
        }
    }

    @Test
    void tasksRunOnTheViewsOneThreadNeverOnTheCallers() throws Exception {
        try (FsView view = open(dir("root"))) {
            Set<Thread> runners = ConcurrentHashMap.newKeySet();
            Set<Thread> callers = ConcurrentHashMap.newKeySet();
            List<Thread> threads = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int i = 0; i < 4; i++) {
                threads.add(new Thread(() -> {
                    callers.add(Thread.currentThread());
                    try {
                        for (int n = 0; n < 50; n++) {
                            runners.add(view.call(ctx -> Thread.currentThread()));
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                }));
            }
            startAndJoin(threads);
            assertThat(failure.get()).isNull();
            assertThat(runners).hasSize(1).doesNotContainAnyElementsOf(callers);
        }
    }

    @Test
    void oneTaskRunsAtATime() throws Exception {
        try (FsView view = open(dir("root"))) {
            AtomicInteger active = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                threads.add(new Thread(() -> {
                    try {
                        for (int n = 0; n < 40; n++) {
                            view.run(ctx -> {
                                most.accumulateAndGet(active.incrementAndGet(), Math::max);
                                Thread.sleep(0, 200_000);
                                active.decrementAndGet();
                            });
                        }
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                }));
            }
            startAndJoin(threads);
            assertThat(failure.get()).isNull();
            assertThat(most).hasValue(1);
        }
    }

    @Test
    void startReturnsOnceTheTaskHasStartedWithoutWaitingForItsEnd() throws Exception {
        try (FsView view = open(dir("root"));
                Gate release = new Gate()) {
            AtomicBoolean started = new AtomicBoolean();
            view.start(ctx -> {
                started.set(true);
                release.await();
            });
            // start() returned while the task is blocked; the view serves one task at a time, so a
            // call handed over now runs after the started task and sees that it had started.
            AtomicReference<Boolean> seen = new AtomicReference<>();
            Thread later = new Thread(() -> seen.set(callQuietly(view, started)));
            later.start();
            later.join(200);
            assertThat(later.isAlive())
                    .as("a call ran while the started task was running")
                    .isTrue();
            release.open();
            Await.join(later, Duration.ofSeconds(30));
            assertThat(seen.get()).isTrue();
        }
    }

    private static Boolean callQuietly(FsView view, AtomicBoolean flag) {
        try {
            return view.call(ctx -> flag.get());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void startWaitsUntilTheViewTakesTheTask() throws Exception {
        try (FsView view = open(dir("root"));
                Gate release = new Gate()) {
            occupy(view, release);
            AtomicBoolean secondRan = new AtomicBoolean();
            CountDownLatch secondStarted = new CountDownLatch(1);
            Thread starter = new Thread(() -> {
                try {
                    view.start(ctx -> {
                        secondRan.set(true);
                        secondStarted.countDown();
                    });
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            starter.start();
            starter.join(200);
            assertThat(starter.isAlive())
                    .as("start() returned while the view was busy")
                    .isTrue();
            release.open();
            Await.join(starter, Duration.ofSeconds(30));
            secondStarted.await();
            assertThat(secondRan).isTrue();
        }
    }

    @Test
    void aStartedTasksFailureIsLoggedNotLost() throws IOException {
        String marker = "started-task-failure-" + UUID.randomUUID();
        IllegalStateException failure = new IllegalStateException(marker);
        try (FsView view = open(dir("root"));
                StderrCapture err = StderrCapture.start()) {
            view.start(ctx -> {
                throw failure;
            });
            String serving = view.call(ctx -> "still serving");
            assertThat(serving).isEqualTo("still serving");
            assertThat(err.awaitContains(marker, Duration.ofSeconds(10)))
                    .as("the failure of a started task was logged (logger dev.fsview, through "
                            + "SLF4J; the kit reads it from System.err as slf4j-simple writes it)")
                    .isTrue();
        }
    }

    @Test
    void startFromInsideATaskIsRefused() throws IOException {
        try (FsView view = open(dir("root"))) {
            assertThatThrownBy(() -> view.run(ctx -> view.start(inner -> {})))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void callsFromInsideATaskRunInline() throws IOException {
        String root = dir("root");
        file(root + "/f", "inline");
        try (FsView view = open(root)) {
            String read = view.call(ctx -> view.call(inner -> Files.readString(view.path("/f"))));
            assertThat(read).isEqualTo("inline");
            long size = view.call(ctx -> view.stat("/f").size());
            assertThat(size).isEqualTo(6L);
        }
    }

    /** The three ways to hand a task over. */
    enum HandOver {
        CALL,
        RUN,
        START;

        void handOver(FsView view, ViewTask<Exception> task, Duration timeout) throws Exception {
            switch (this) {
                case CALL:
                    if (timeout == null) {
                        view.call(ctx -> {
                            task.run(ctx);
                            return null;
                        });
                    } else {
                        view.call(
                                ctx -> {
                                    task.run(ctx);
                                    return null;
                                },
                                timeout);
                    }
                    break;
                case RUN:
                    if (timeout == null) {
                        view.run(task);
                    } else {
                        view.run(task, timeout);
                    }
                    break;
                default:
                    if (timeout == null) {
                        view.start(task);
                    } else {
                        view.start(task, timeout);
                    }
                    break;
            }
        }
    }

    @ParameterizedTest
    @EnumSource(HandOver.class)
    void anInterruptedHandOverNeverRunsTheTask(HandOver how) throws Exception {
        try (FsView view = open(dir("root"));
                Gate release = new Gate()) {
            occupy(view, release);
            AtomicBoolean ran = new AtomicBoolean();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            Thread caller = new Thread(
                    () -> {
                        try {
                            how.handOver(view, ctx -> ran.set(true), null);
                        } catch (Throwable t) {
                            thrown.set(t);
                        }
                        stillInterrupted.set(Thread.currentThread().isInterrupted());
                    },
                    "caller");
            caller.start();
            awaitBlocked(caller);
            caller.interrupt();
            Await.join(caller, Duration.ofSeconds(30));
            release.open();
            view.call(ctx -> null); // whatever was handed over has run once this returns
            assertThat(thrown.get())
                    .isInstanceOf(InterruptedIOException.class)
                    .isNotInstanceOf(HandOverTimeoutException.class);
            assertThat(stillInterrupted).as("the interrupt status is set again").isTrue();
            assertThat(ran)
                    .as("the task ran although its hand-over was interrupted")
                    .isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(HandOver.class)
    void aTimedOutHandOverNeverRunsTheTask(HandOver how) throws Exception {
        try (FsView view = open(dir("root"));
                Gate release = new Gate()) {
            occupy(view, release);
            AtomicBoolean ran = new AtomicBoolean();
            long t0 = System.nanoTime();
            assertThatThrownBy(
                            () -> how.handOver(view, ctx -> ran.set(true), Duration.ofMillis(100)))
                    .isInstanceOf(HandOverTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t0))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(100));
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            release.open();
            view.call(ctx -> null);
            assertThat(ran).as("the task ran although its hand-over timed out").isFalse();
        }
    }

    @Test
    void aCallerInterruptedAfterTheHandOverStillGetsTheResult() throws Exception {
        try (FsView view = open(dir("root"));
                Gate release = new Gate()) {
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Object> result = new AtomicReference<>();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            Thread caller = new Thread(() -> {
                try {
                    result.set(view.call(ctx -> {
                        started.countDown();
                        release.await();
                        return "done";
                    }));
                } catch (Throwable t) {
                    result.set(t);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            caller.start();
            started.await();
            caller.interrupt();
            caller.join(200);
            assertThat(caller.isAlive())
                    .as("the caller stopped waiting for a task it handed over")
                    .isTrue();
            release.open();
            Await.join(caller, Duration.ofSeconds(30));
            assertThat(result.get()).isEqualTo("done");
            assertThat(stillInterrupted).isTrue();
        }
    }

    @Test
    void theWorkingDirectoryStartsAtTheRootAndIsKeptAcrossCalls() throws IOException {
        String root = dir("root");
        file(root + "/a/b/f", "in b");
        try (FsView view = open(root)) {
            assertThat(view.cwd()).isEqualTo("/");
            view.chdir("/a");
            assertThat(view.cwd()).isEqualTo("/a");
            String inTask = view.call(ctx -> ctx.cwd());
            assertThat(inTask).isEqualTo("/a");
            view.run(ctx -> ctx.chdir("b"));
            assertThat(view.cwd()).isEqualTo("/a/b");
            String inB = view.call(ctx -> Files.readString(ctx.path("f")));
            assertThat(inB).isEqualTo("in b");
            assertThat(Files.readString(view.path("f"))).isEqualTo("in b");
            assertThat(view.path("f").toAbsolutePath().toString()).isEqualTo("/a/b/f");
            assertThat(view.stat("f").size()).isEqualTo(4);
        }
    }

    @Test
    void eachViewHasItsOwnWorkingDirectory() throws IOException {
        String root = dir("root");
        host.mkdirs(root + "/a");
        host.mkdirs(root + "/b");
        try (FsView one = open(root);
                FsView two = open(root)) {
            one.chdir("/a");
            two.chdir("/b");
            assertThat(one.cwd()).isEqualTo("/a");
            assertThat(two.cwd()).isEqualTo("/b");
            String inTask = one.call(ctx -> ctx.cwd());
            assertThat(inTask).isEqualTo("/a");
        }
    }

    // What cwd() reports is bookkeeping; where relative paths land is the working directory itself.
    // A backend whose chdir moved a process-wide directory (one cwd for all view threads) would
    // report each view's own cwd() and still send one view's relative paths into another's.
    @Test
    void relativePathsOfEachViewResolveAgainstItsOwnWorkingDirectory() throws IOException {
        String root = dir("root");
        file(root + "/a/name", "in a");
        file(root + "/b/name", "in b");
        try (FsView one = open(root);
                FsView two = open(root)) {
            one.chdir("/a");
            two.chdir("/b"); // after one's chdir: it must not move one
            assertThat(Files.readString(one.path("name"))).isEqualTo("in a");
            assertThat(Files.readString(two.path("name"))).isEqualTo("in b");
            String inTaskOfOne = one.call(ctx -> Files.readString(ctx.path("name")));
            String inTaskOfTwo = two.call(ctx -> Files.readString(ctx.path("name")));
            assertThat(inTaskOfOne).isEqualTo("in a");
            assertThat(inTaskOfTwo).isEqualTo("in b");
            assertThat(one.stat("name").size()).isEqualTo("in a".length());
            Files.writeString(one.path("written"), "by one");
            Files.writeString(two.path("written"), "by two");
            assertThat(host.readString(root + "/a/written")).isEqualTo("by one");
            assertThat(host.readString(root + "/b/written")).isEqualTo("by two");
        }
    }

    @Test
    void chdirFollowsSymlinksInsideTheRootAndReportsThePhysicalPath() throws IOException {
        String root = dir("root");
        host.mkdirs(root + "/a/b");
        host.symlink(root + "/abs", "/a/b");
        host.symlink(root + "/a/rel", "b");
        try (FsView view = open(root)) {
            view.chdir("/abs");
            assertThat(view.cwd()).isEqualTo("/a/b");
            view.chdir("/a/rel");
            assertThat(view.cwd()).isEqualTo("/a/b");
            view.chdir("../../../../..");
            assertThat(view.cwd()).isEqualTo("/");
            view.chdir("..");
            assertThat(view.cwd()).isEqualTo("/");
        }
    }

    @Test
    void chdirToAMissingPathOrAFileFailsAndKeepsTheWorkingDirectory() throws IOException {
        String root = dir("root");
        file(root + "/d/file", "x");
        try (FsView view = open(root)) {
            view.chdir("/d");
            assertThatThrownBy(() -> view.chdir("/missing"))
                    .isInstanceOf(java.nio.file.NoSuchFileException.class);
            assertThatThrownBy(() -> view.chdir("file"))
                    .isInstanceOf(java.nio.file.NotDirectoryException.class);
            assertThat(view.cwd()).isEqualTo("/d");
        }
    }

    /** Keeps the view busy with a started task until {@code release}; returns once it runs. */
    private static void occupy(FsView view, Gate release) throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        view.start(ctx -> {
            busy.countDown();
            release.await();
        });
        busy.await();
    }

    /** Waits until a thread is parked or sleeping, i.e. waiting for the view. */
    private static void awaitBlocked(Thread t) {
        boolean blocked = Await.until(Duration.ofSeconds(10), () -> {
            Thread.State s = t.getState();
            return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
        });
        assertThat(blocked).as("%s waits for the busy view", t.getName()).isTrue();
    }

    private static void startAndJoin(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            Await.join(t, Duration.ofSeconds(60));
        }
    }
}
