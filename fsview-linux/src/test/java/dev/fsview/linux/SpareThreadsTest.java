package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.linux.ns.SpareThreads;
import dev.fsview.spi.dispatch.ViewThread;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Re-used view threads: a thread that served a view serves the next one only once it is provably
 * back on the host; one that cannot get back (a task left a thread sharing its fs) is retired, and
 * close() still returns only when the view's mounts are gone (ViewFixture checks the host's mount
 * table, view threads and mount namespaces after every test).
 */
class SpareThreadsTest extends ViewFixture {

    @Test
    void aThreadBackOnTheHostServesTheNextViewWithNothingOfTheFirst() throws Exception {
        SpareThreads spares = spares();
        Path root = dir("root");
        Files.writeString(root.resolve("f"), "x");
        Thread first;
        try (FsView view = open(spec(root))) {
            first = view.call(ctx -> Thread.currentThread());
        }
        // close() returns once the thread left the view's namespace; its return check runs after
        // that, and only then does it wait, idle, as the newest spare.
        awaitIdle(first);
        long reusedBefore = spares.counts()[1];
        try (FsView view = open(spec(root))) {
            Thread second = view.call(ctx -> Thread.currentThread());
            String seen = view.call(ctx -> Files.readString(Path.of("/f")) + " "
                    + Files.exists(Path.of(root.toString())) + " "
                    + Thread.currentThread().getName());
            assertThat(second).as("the spare served the second view").isSameAs(first);
            assertThat(seen).startsWith("x false fsview-view-linux-");
        }
        assertThat(spares.counts()[1]).isGreaterThan(reusedBefore);
        assertThat(first.getName()).startsWith("fsview-spare-linux-");
        assertThat(first.isAlive()).isTrue();
    }

    @Test
    void aThreadThatCannotGetBackIsRetiredAndCloseStillWaitsForItsMounts() throws Exception {
        SpareThreads spares = spares();
        Path root = dir("root");
        long retiredBefore = spares.counts()[2];
        CountDownLatch release = new CountDownLatch(1);
        Thread[] started = new Thread[1];
        Thread viewThread;
        try (FsView view = open(spec(root))) {
            viewThread = view.call(ctx -> {
                // A thread the task starts shares the view thread's fs: setns back is refused.
                started[0] = new Thread(
                        () -> {
                            try {
                                release.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "started-by-a-task");
                started[0].start();
                return Thread.currentThread();
            });
            Thread.sleep(50);
            new Thread(() -> {
                        try {
                            Thread.sleep(300);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        release.countDown();
                    })
                    .start();
        }
        assertThat(viewThread.isAlive()).as("the view thread after close()").isFalse();
        assertThat(spares.counts()[2]).isGreaterThan(retiredBefore);
        started[0].join();
        try (FsView view = open(spec(root))) {
            Thread next = view.call(ctx -> Thread.currentThread());
            assertThat(next).isNotSameAs(viewThread);
        }
    }

    private static void awaitIdle(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(t.getState())
                .as("the spare, idle after its return check")
                .isEqualTo(Thread.State.WAITING);
    }

    private static ViewSpec spec(Path root) throws Exception {
        return ViewSpec.builder(root).mount(MountSpec.tmpfs("/tmp").build()).build();
    }

    private static SpareThreads spares() {
        ViewThread.Carrier c = SpareThreads.carrier();
        assertThat(c).as("re-use is on by default").isInstanceOf(SpareThreads.class);
        return (SpareThreads) c;
    }
}
