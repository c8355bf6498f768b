package dev.fsview.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JmhFiguresTest {
    @Test
    void namesABenchmarkByItsClassAndMethod() {
        assertThat(JmhFigures.shortName("dev.fsview.bench.dispatch.DispatchLatency.call"))
                .isEqualTo("DispatchLatency.call");
    }
}
