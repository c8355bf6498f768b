package dev.fsview.linux.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link SharedFd}: uses end before the fd is closed, and {@link SharedFd#closeAndAwaitUses()}
 * returns only once no use is under way (a view's teardown, before its mounts go).
 */
@Timeout(30)
class SharedFdTest {
    @TempDir
    Path dir;

    private SharedFd open() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        return new SharedFd(new Fd(Sys.openat(Linux.AT_FDCWD, f.toString(), Arch.O_PATH, 0), "f"));
    }

    @Test
    void closeAndAwaitUsesWaitsForTheUseUnderWayAndRefusesNewOnes() throws Exception {
        SharedFd shared = open();
        assertThat(shared.acquire()).isTrue();
        CountDownLatch closing = new CountDownLatch(1);
        AtomicBoolean returned = new AtomicBoolean();
        Thread closer = new Thread(() -> {
            closing.countDown();
            shared.closeAndAwaitUses();
            returned.set(true);
        });
        closer.start();
        closing.await();
        Thread.sleep(50);
        assertThat(returned).as("returned while a use was under way").isFalse();
        assertThat(shared.acquire()).as("a new use after close").isFalse();
        assertThat(shared.fd().get()).as("the fd of the use under way").isNotNegative();
        assertThat(shared.isClosed()).isTrue();
        shared.release();
        closer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(returned).isTrue();
        assertThatThrownBy(() -> shared.fd().get())
                .as("closed by the last release")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeAndAwaitUsesWithNoUseReturnsAtOnceAndIsIdempotent() throws Exception {
        SharedFd shared = open();
        shared.closeAndAwaitUses();
        shared.closeAndAwaitUses();
        shared.close();
        assertThat(shared.acquire()).isFalse();
        assertThatThrownBy(() -> shared.fd().get()).isInstanceOf(IllegalStateException.class);
    }
}
