package dev.fsview.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void convertsJmhTimeUnitsToNanoseconds() {
        assertThat(Units.toNanos(3, "ns/op")).isEqualTo(3);
        assertThat(Units.toNanos(3, "us/op")).isEqualTo(3_000);
        assertThat(Units.toNanos(3, "ms/op")).isEqualTo(3_000_000);
        assertThat(Units.toNanos(3, "s/op")).isEqualTo(3e9);
        assertThatThrownBy(() -> Units.toNanos(3, "ops/s"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void convertsJmhRatesToPerSecond() {
        assertThat(Units.toPerSecond(5, "ops/s")).isEqualTo(5);
        assertThat(Units.toPerSecond(5, "ops/ms")).isEqualTo(5_000);
        assertThat(Units.toPerSecond(5, "ops/us")).isEqualTo(5_000_000);
        assertThatThrownBy(() -> Units.toPerSecond(5, "ns/op"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printsFiguresWithAFewSignificantDigits() {
        assertThat(Units.time(850)).isEqualTo("850 ns");
        assertThat(Units.time(1_643)).isEqualTo("1.64 µs");
        assertThat(Units.time(12_300_000)).isEqualTo("12.3 ms");
        assertThat(Units.rate(1_234_567)).isEqualTo("1.23 M/s");
        assertThat(Units.ratio(0.0523)).isEqualTo("0.052×");
        assertThat(Units.ratio(120.4)).isEqualTo("120×");
        assertThat(Units.percent(0.0001)).isEqualTo("0.010 %");
    }
}
