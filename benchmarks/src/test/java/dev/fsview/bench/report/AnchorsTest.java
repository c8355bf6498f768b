package dev.fsview.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AnchorsTest {
    @Test
    void readsEveryFigureTheScriptPrints() {
        Anchors a = Sample.ANCHORS;
        assertThat(a.spinFloorNs()).isEqualTo(158);
        assertThat(a.futexFloorNs()).isEqualTo(11123);
        assertThat(a.goDispatchP50Ns()).isEqualTo(16431);
        assertThat(a.goDispatchP99Ns()).isEqualTo(29598);
        assertThat(a.goDispatchMeanNs()).isEqualTo(17008);
        assertThat(a.goStatNs()).isEqualTo(18175);
        assertThat(a.goOpenCloseUs()).isEqualTo(178);
        assertThat(a.get("go open_close_view.mounts")).hasValue(1);
    }

    @Test
    void skipsLinesThatAreNotFigures() {
        Anchors a = Anchors.parse("# building go_seed_view\nwarning: x=y is odd\n"
                + "spin roundtrip_ns=200\nnot a=figure trailing words\n");
        assertThat(a.spinFloorNs()).isEqualTo(200);
        assertThat(a.get("warning:.x")).isEmpty();
        assertThat(a.get("not.a")).isEmpty();
    }

    @Test
    void aMissingFigureIsReportedByName() {
        assertThatThrownBy(() -> Anchors.parse("spin roundtrip_ns=200\n").goStatNs())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("go stat_via_view.mean_ns");
    }
}
