package dev.fsview.linux.mount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.linux.sys.Linux;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * openat2 answers EAGAIN when a rename or mount raced a RESOLVE_IN_ROOT lookup: retried, a bounded
 * number of times. The kernel is replaced here, because that race cannot be produced on demand.
 */
class Openat2RetryTest {

    @Test
    void eagainIsRetriedUntilTheKernelAnswers() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Openat2Resolver r = new Openat2Resolver((dirfd, path, flags, resolve) -> {
            assertThat(resolve).isEqualTo(Linux.RESOLVE_IN_ROOT | Linux.RESOLVE_NO_MAGICLINKS);
            if (calls.incrementAndGet() < 5) {
                throw new SyscallException("openat2", path, Errno.EAGAIN.number());
            }
            return 42;
        });
        assertThat(r.open(3, "a/b")).isEqualTo(42);
        assertThat(calls).hasValue(5);
    }

    @Test
    void eagainForeverGivesUpAfterTheBound() {
        AtomicInteger calls = new AtomicInteger();
        Openat2Resolver r = new Openat2Resolver((dirfd, path, flags, resolve) -> {
            calls.incrementAndGet();
            throw new SyscallException("openat2", path, Errno.EAGAIN.number());
        });
        assertThatThrownBy(() -> r.open(3, "a"))
                .isInstanceOfSatisfying(
                        SyscallException.class,
                        e -> assertThat(e.is(Errno.EAGAIN)).isTrue());
        assertThat(calls).hasValue(Openat2Resolver.MAX_EAGAIN_RETRIES + 1);
    }

    @Test
    void otherErrorsAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        Openat2Resolver r = new Openat2Resolver((dirfd, path, flags, resolve) -> {
            calls.incrementAndGet();
            throw new SyscallException("openat2", path, Errno.ENOENT.number());
        });
        assertThatThrownBy(() -> r.open(3, "a")).isInstanceOf(SyscallException.class);
        assertThat(calls).hasValue(1);
    }
}
