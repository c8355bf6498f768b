package dev.fsview.bench.report;

import static dev.fsview.bench.report.Sample.ANCHORS;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.List;

class TableTest {
    private static final String DEFAULT = "SPIN_THEN_PARK";

    private static Table table(Figure... figures) {
        Results r = new Results(List.of(figures));
        return new Table(r, ANCHORS, DEFAULT, new Targets(r, ANCHORS, DEFAULT).judge());
    }

    @Test
    void showsTheAnchorsOfTheRunFirst() {
        List<Table.Row> rows = table().rows();
        assertThat(rows)
                .extracting(Table.Row::figure)
                .startsWith("Go view: dispatch round trip p50", "Go view: dispatch round trip p99");
        assertThat(rows.get(0).value()).isEqualTo("16.4 µs");
    }

    @Test
    void showsTheKernelsFloorsWithEachContainedCostAsAMultipleOfTheHosts() {
        Table t = table();
        assertThat(row(t, "floor: any system call (getppid, C)").value()).isEqualTo("1.20 µs");
        Table.Row contained = row(t, "floor: contained stat, openat2 + statx + close (C)");
        assertThat(contained.value()).isEqualTo("6.00 µs");
        assertThat(contained.vsFloor()).isEqualTo("3.00× host statx");
        Table.Row small = row(t, "floor: the same contained, as a view does it (C)");
        assertThat(small.value()).isEqualTo("37.5 µs");
        assertThat(small.vsFloor()).isEqualTo("1.50× host");
        Results none = new Results(List.of());
        Anchors withoutFloor = Anchors.parse("spin roundtrip_ns=158\nfutex roundtrip_ns=11123\n"
                + "go dispatch_roundtrip mean_ns=17008 p50_ns=16431 p99_ns=29598\n"
                + "go stat_via_view mean_ns=18175\ngo open_close_view mean_us=178 mounts=1\n");
        assertThat(new Table(none, withoutFloor, DEFAULT, List.of()).rows())
                .extracting(Table.Row::figure)
                .noneMatch(f -> f.contains("contained stat"));
    }

    @Test
    void givesEachLatencyItsRatioToGoAndToTheFloorThatFitsItsStrategy() {
        Table t = table(
                Sample.latency(
                        "DispatchLatency.call",
                        822,
                        1_643,
                        10_000,
                        "backend",
                        "linux",
                        "strategy",
                        DEFAULT),
                Sample.latency(
                        "DispatchLatency.call",
                        11_123,
                        20_000,
                        40_000,
                        "backend",
                        "linux",
                        "strategy",
                        "PARK"));
        Table.Row spin = row(t, "linux SPIN_THEN_PARK p50");
        assertThat(spin.value()).isEqualTo("822 ns");
        assertThat(spin.vsGo()).isEqualTo("0.050× Go p50");
        assertThat(spin.vsFloor()).isEqualTo("5.20× spin");
        assertThat(spin.target())
                .contains("linux dispatch p50 <= Go p50 / 10: PASS")
                .contains("<= 10x spin floor: PASS");
        Table.Row park = row(t, "linux PARK p50");
        assertThat(park.vsFloor()).isEqualTo("1.00× futex");
        assertThat(park.target()).isEmpty();
    }

    @Test
    void comparesTheFakeToJimfsAndLinuxToTheHost() {
        Table t = table(
                Sample.score("NioOps.list1000", 100, "us/op", "fs", "jimfs"),
                Sample.score("NioOps.list1000", 50, "us/op", "fs", "fake"),
                Sample.score("NioOps.list1000", 200, "us/op", "fs", "host"),
                Sample.score("NioOps.list1000", 300, "us/op", "fs", "linux"));
        assertThat(row(t, "list1000 fake").vsFloor()).isEqualTo("0.50× jimfs");
        assertThat(row(t, "list1000 fake").target()).isEqualTo("<= jimfs: PASS");
        assertThat(row(t, "list1000 linux").vsFloor()).isEqualTo("1.50× host");
    }

    @Test
    void showsTheCopyNextToTarAndToTheJvmFloorMeasuredInTheSameRun() {
        Anchors cli = Anchors.parse("tar stream wall_ms=250 rss_kb=3072\n"
                + "java stream wall_ms=500 rss_kb=46080\n"
                + "fsview cp_stream wall_ms=900 rss_kb=61440\n");
        Results none = new Results(List.of());
        Table t = new Table(
                none, ANCHORS, DEFAULT, new Targets(none, ANCHORS, DEFAULT, cli).judge(), cli);
        assertThat(row(t, "JVM floor: java JavaTar | cat (not judged)").vsFloor())
                .isEqualTo("2.00× time, 15.0× RSS");
        assertThat(row(t, "JVM floor: java JavaTar | cat (not judged)").target())
                .isEmpty();
        Table.Row copy = row(t, "fsview cp :/ - | cat");
        assertThat(copy.vsFloor()).isEqualTo("3.60× time, 20.0× RSS; 1.80× the JVM floor");
        assertThat(copy.target()).startsWith("fsview cp :/ - <= 2x tar -cf -: FAIL");
        assertThat(t.markdown())
                .contains("| fsview cp :/ - \\| cat | 900 ms, 60.0 MB |")
                .doesNotContain("- | cat");
    }

    @Test
    void rendersAlignedTextAndMarkdownWithTheSameRows() {
        Table t = table(Sample.idle(5_000, "backend", "linux", "strategy", DEFAULT));
        String text = t.text();
        assertThat(text)
                .contains("[view thread CPU after a call, share of one core")
                .contains("linux SPIN_THEN_PARK, idle 1 s")
                .contains("0.001 %")
                .contains("idle linux view thread < 1% of a core: PASS");
        String[] lines = text.split("\n");
        assertThat(lines[0]).startsWith("figure");
        String md = t.markdown();
        long mdRows = md.lines()
                .filter(l -> l.startsWith("| ") && !l.startsWith("| **"))
                .count();
        assertThat(mdRows).isEqualTo(t.rows().size() + 1);
    }

    private static Table.Row row(Table t, String figure) {
        return t.rows().stream()
                .filter(r -> r.figure().equals(figure))
                .findFirst()
                .orElseThrow();
    }
}
