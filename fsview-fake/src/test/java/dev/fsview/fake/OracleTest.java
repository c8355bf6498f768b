package dev.fsview.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** The oracle itself: a transient EAGAIN of the real kernel is asked again, never compared. */
class OracleTest {
    @TempDir
    Path dir;

    /** Answers ENODATA in the fake and EAGAIN the first {@code eagains} times on the real half. */
    static Oracle.Op flaky(Oracle oracle, int eagains, AtomicInteger realCalls) {
        return base -> {
            String reason = "No data available";
            if (!base.equals(oracle.fakeBase()) && realCalls.incrementAndGet() <= eagains) {
                reason = "Resource temporarily unavailable";
            }
            throw new FileSystemException(base.resolve("f").toString(), null, reason);
        };
    }

    @Test
    void aRealEagainIsAskedAgainNotTakenAsTheKernelsAnswer() throws Exception {
        assumeTrue(Oracle.LINUX, "the real half of the oracle runs on Linux only");
        try (Oracle oracle = new Oracle(dir)) {
            AtomicInteger realCalls = new AtomicInteger();
            oracle.same(flaky(oracle, 2, realCalls))
                    .threw(FileSystemException.class, "No data available");
            assertThat(realCalls).hasValue(3);
        }
    }

    @Test
    void anEagainThatLastsIsADifference() throws Exception {
        assumeTrue(Oracle.LINUX, "the real half of the oracle runs on Linux only");
        try (Oracle oracle = new Oracle(dir)) {
            AtomicInteger realCalls = new AtomicInteger();
            assertThatThrownBy(() -> oracle.same(flaky(oracle, 100, realCalls)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("Resource temporarily unavailable");
            assertThat(realCalls).hasValue(6);
        }
    }
}
