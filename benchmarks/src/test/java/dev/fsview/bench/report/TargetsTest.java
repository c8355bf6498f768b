package dev.fsview.bench.report;

import static dev.fsview.bench.report.Sample.ANCHORS;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.bench.report.Verdict.Outcome;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** Anchors: Go p50 16431 ns, spin floor 158 ns, Go stat 18175 ns, Go open+close 178 µs. */
class TargetsTest {
    private static final String DEFAULT = "SPIN_THEN_PARK";

    private static Targets targets(Figure... figures) {
        return new Targets(new Results(List.of(figures)), ANCHORS, DEFAULT);
    }

    private static Figure linuxCall(double p50, double p99) {
        return Sample.latency(
                "DispatchLatency.call", p50, p99, p99 * 2, "backend", "linux", "strategy", DEFAULT);
    }

    @Test
    void dispatchP50PassesAtOneTenthOfGoAndFailsAbove() {
        assertThat(targets(linuxCall(1643, 2000)).dispatchP50VersusGo().outcome())
                .isEqualTo(Outcome.PASS);
        Verdict over = targets(linuxCall(1700, 2000)).dispatchP50VersusGo();
        assertThat(over.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(over.detail()).contains("1.70 µs").contains("1.64 µs").contains("over");
    }

    @Test
    void dispatchP50IsJudgedAgainstTenSpinFloors() {
        assertThat(targets(linuxCall(1580, 2000)).dispatchP50VersusSpinFloor().outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(targets(linuxCall(1581, 2000)).dispatchP50VersusSpinFloor().outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void dispatchP99MustBeStrictlyBelowGoP50() {
        assertThat(targets(linuxCall(800, 16_430)).dispatchP99VersusGo().outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(targets(linuxCall(800, 16_431)).dispatchP99VersusGo().outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void onlyTheDefaultStrategyOnLinuxIsJudged() {
        Figure park = Sample.latency(
                "DispatchLatency.call",
                12_000,
                20_000,
                30_000,
                "backend",
                "linux",
                "strategy",
                "PARK");
        Figure bare = Sample.latency(
                "DispatchLatency.call", 500, 900, 2_000, "backend", "bare", "strategy", DEFAULT);
        assertThat(targets(park, bare).dispatchP50VersusGo().outcome()).isEqualTo(Outcome.N_A);
    }

    @Test
    void idleMustStayBelowOnePercentOfACore() {
        assertThat(targets(Sample.idle(9_999_999, "backend", "linux", "strategy", DEFAULT))
                        .idle()
                        .outcome())
                .isEqualTo(Outcome.PASS);
        Verdict busy = targets(Sample.idle(10_000_000, "backend", "linux", "strategy", DEFAULT))
                .idle();
        assertThat(busy.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(busy.detail()).contains("1.000 %");
    }

    @Test
    void statThroughAViewMayCost1point3TimesTheHostsReadAttributes() {
        Figure host = Sample.score("StatVsHost.hostReadAttributes", 2_000, "ns/op");
        Figure ok = Sample.score("StatVsHost.viewStat", 2_600, "ns/op", "backend", "linux");
        Figure slow = Sample.score("StatVsHost.viewStat", 2.61, "us/op", "backend", "linux");
        assertThat(targets(host, ok).stat().outcome()).isEqualTo(Outcome.PASS);
        assertThat(targets(host, slow).stat().outcome()).isEqualTo(Outcome.FAIL);
    }

    @Test
    void theProposedStatTargetsAllowThirtyPercentOverTheKernelsOwnContainedToHostRatio() {
        // Anchors: a contained stat in C costs 3x the host's (6000 / 2000 ns), so the limit is
        // 3.9x.
        Figure host = Sample.score("StatVsHost.hostReadAttributes", 2_000, "ns/op");
        Figure ok = Sample.score("StatVsHost.viewStat", 7_800, "ns/op", "backend", "linux");
        Figure slow = Sample.score("StatVsHost.viewStat", 7_801, "ns/op", "backend", "linux");
        assertThat(targets(host, ok).statVersusKernelFloor().outcome()).isEqualTo(Outcome.PASS);
        Verdict over = targets(host, slow).statVersusKernelFloor();
        assertThat(over.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(over.detail()).contains("3.90×");
        Figure nioHost = Sample.score("NioOps.readAttributes", 2, "us/op", "fs", "host");
        Figure nio = Sample.score("NioOps.readAttributes", 6, "us/op", "fs", "linux");
        assertThat(targets(nioHost, nio).readAttributesVersusKernelFloor().outcome())
                .isEqualTo(Outcome.PASS);
    }

    @Test
    void theProposedSmallFileTargetIsJudgedAgainstTheKernelsOwnSmallFileRatio() {
        // Anchors: the contained cycle costs 1.5x the host's (37500 / 25000 ns): limit 1.95x.
        Figure host = Sample.score("NioOps.smallFileCreateWriteRead", 20, "us/op", "fs", "host");
        Figure ok = Sample.score("NioOps.smallFileCreateWriteRead", 39, "us/op", "fs", "linux");
        Figure slow = Sample.score("NioOps.smallFileCreateWriteRead", 39.1, "us/op", "fs", "linux");
        assertThat(targets(host, ok).smallFileVersusKernelFloor().outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(targets(host, slow).smallFileVersusKernelFloor().outcome())
                .isEqualTo(Outcome.FAIL);
        Verdict none = new Targets(new Results(List.of(host, ok)), Anchors.parse(""), DEFAULT)
                .smallFileVersusKernelFloor();
        assertThat(none.outcome()).isEqualTo(Outcome.N_A);
        assertThat(none.detail()).contains("smallfilefloor");
    }

    @Test
    void withoutTheStatFloorAnchorTheProposedTargetsAreNotMeasured() {
        Figure host = Sample.score("StatVsHost.hostReadAttributes", 2_000, "ns/op");
        Figure view = Sample.score("StatVsHost.viewStat", 2_000, "ns/op", "backend", "linux");
        Anchors noFloor = Anchors.parse(
                "statfloor syscall_ns=1200 host_stat_ns=2000 " + "contained_stat_ns=n/a\n");
        Verdict v = new Targets(new Results(List.of(host, view)), noFloor, DEFAULT)
                .statVersusKernelFloor();
        assertThat(v.outcome()).isEqualTo(Outcome.N_A);
        assertThat(v.detail()).contains("statfloor");
    }

    @Test
    void openCloseWithOneMountIsJudgedAgainstGo() {
        assertThat(targets(openClose("1", 178)).openCloseVersusGo().outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(targets(openClose("1", 179)).openCloseVersusGo().outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void openCloseGrowingLinearlyPassesAndQuadraticallyFails() {
        Verdict linear = targets(openCloseBy(m -> 200 + 30 * m)).openCloseLinear();
        assertThat(linear.outcome()).isEqualTo(Outcome.PASS);
        assertThat(linear.detail()).startsWith("per mount 30.0 µs (0-50), 30.0 µs (50-100)");
        assertThat(targets(openCloseBy(m -> 200 + 30 * m + 2 * m * m))
                        .openCloseLinear()
                        .outcome())
                .isEqualTo(Outcome.FAIL);
        assertThat(targets(openCloseBy(m -> 200 + m * m)).openCloseLinear().outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void aCostThatDoesNotGrowFromZeroToTenMountsCannotBeJudgedLinear() {
        Verdict v = targets(openCloseBy(m -> m <= 50 ? 500 : 1_500)).openCloseLinear();
        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.detail()).contains("too noisy to judge");
    }

    @Test
    void noiseInAViewsFixedCostDoesNotMakeLinearGrowthFail() {
        // 300 + 20 per mount, each figure off by up to 150 µs
        double[] us = {450, 170, 650, 1_150, 2_450};
        Figure[] f = new Figure[us.length];
        for (int i = 0; i < us.length; i++) {
            f[i] = openClose(Targets.MOUNTS.get(i), us[i]);
        }
        assertThat(targets(f).openCloseLinear().outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void theFakeMustBeNoSlowerThanJimfsInEveryOperation() {
        List<Figure> figures = new ArrayList<>();
        for (String op : Targets.NIO_OPS) {
            figures.add(Sample.score("NioOps." + op, 10, "us/op", "fs", "jimfs"));
            figures.add(Sample.score(
                    "NioOps." + op, op.equals("list1000") ? 11 : 9, "us/op", "fs", "fake"));
        }
        Verdict v = targets(figures.toArray(Figure[]::new)).fakeVersusJimfs();
        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.detail()).contains("list1000 1.10×").contains("walk10000 0.90×");
    }

    @Test
    void everyTargetReadsNotMeasuredWhenItsFiguresAreMissing() {
        assertThat(targets().judge()).hasSize(23).allSatisfy(v -> {
            assertThat(v.outcome()).isEqualTo(Outcome.N_A);
            assertThat(v.detail()).startsWith("not measured in this run");
        });
    }

    @Test
    void eachLinuxNioOperationMayCost1point3TimesTheHost() {
        Figure host = Sample.score("NioOps.list1000", 100, "us/op", "fs", "host");
        assertThat(targets(host, Sample.score("NioOps.list1000", 130, "us/op", "fs", "linux"))
                        .linuxNioVersusHost("list1000")
                        .outcome())
                .isEqualTo(Outcome.PASS);
        Verdict slow = targets(host, Sample.score("NioOps.list1000", 131, "us/op", "fs", "linux"))
                .linuxNioVersusHost("list1000");
        assertThat(slow.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(slow.target()).isEqualTo("linux NioOps.list1000 <= 1.3x host");
    }

    @Test
    void twoThreadsMustWalkStrictlyFasterThanOne() {
        Figure one = Sample.score("NioOps.walk10000", 20, "ms/op", "fs", "linux");
        assertThat(targets(
                                one,
                                Sample.score(
                                        "NioOps.walk10000TwoThreads", 19.9, "ms/op", "fs", "linux"))
                        .twoThreadWalk()
                        .outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(targets(
                                one,
                                Sample.score(
                                        "NioOps.walk10000TwoThreads", 20, "ms/op", "fs", "linux"))
                        .twoThreadWalk()
                        .outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void theFakeOpensTheRootfsIn1point5TimesAndWalksItIn2TimesLinux() {
        Figure linuxOpen = Sample.score("OpenTree.openStatClose", 10, "ms/op", "backend", "linux");
        Figure linuxWalk = Sample.score("OpenTree.walk", 10, "ms/op", "backend", "linux");
        assertThat(targets(
                                linuxOpen,
                                Sample.score(
                                        "OpenTree.openStatClose", 15, "ms/op", "backend", "fake"))
                        .fakeOpenTreeTime()
                        .outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(targets(
                                linuxOpen,
                                Sample.score(
                                        "OpenTree.openStatClose", 15.1, "ms/op", "backend", "fake"))
                        .fakeOpenTreeTime()
                        .outcome())
                .isEqualTo(Outcome.FAIL);
        assertThat(targets(linuxWalk, Sample.score("OpenTree.walk", 20, "ms/op", "backend", "fake"))
                        .fakeWalkTree()
                        .outcome())
                .isEqualTo(Outcome.PASS);
        assertThat(targets(linuxWalk, Sample.score("OpenTree.walk", 21, "ms/op", "backend", "fake"))
                        .fakeWalkTree()
                        .outcome())
                .isEqualTo(Outcome.FAIL);
    }

    @Test
    void theCliIsJudgedOnTheFiguresRunShMeasured() {
        Anchors cli = Anchors.parse("tar stream wall_ms=500 rss_kb=3000\n"
                + "fsview cp_stream wall_ms=1000 rss_kb=153600\n"
                + "cp_a dir wall_ms=1000 rss_kb=3000\n"
                + "fsview cp_dir wall_ms=3100 rss_kb=153601\n");
        List<Verdict> all = new Targets(new Results(List.of()), ANCHORS, DEFAULT, cli).judge();
        assertThat(outcome(all, "fsview cp :/ - <= 2x tar -cf -")).isEqualTo(Outcome.PASS);
        assertThat(outcome(all, "fsview cp :/ - max RSS <= 150 MB")).isEqualTo(Outcome.PASS);
        assertThat(outcome(all, "fsview cp :/ dir <= 3x cp -a")).isEqualTo(Outcome.FAIL);
        assertThat(outcome(all, "fsview cp :/ dir max RSS <= 150 MB")).isEqualTo(Outcome.FAIL);
        assertThat(outcome(all, "fake open of the rootfs + stat / RSS <= 1.5x linux"))
                .isEqualTo(Outcome.N_A);
        assertThat(all.stream()
                        .filter(v -> v.target().equals("fsview cp :/ dir <= 3x cp -a"))
                        .findFirst()
                        .orElseThrow()
                        .detail())
                .contains("3.10 s")
                .contains("3.00 s");
    }

    private static Outcome outcome(List<Verdict> all, String target) {
        return all.stream()
                .filter(v -> v.target().equals(target))
                .findFirst()
                .orElseThrow()
                .outcome();
    }

    private static Figure openClose(String mounts, double us) {
        return Sample.score(
                "OpenClose.openClose", us, "us/op", "backend", "linux", "mounts", mounts);
    }

    private static Figure[] openCloseBy(java.util.function.IntToDoubleFunction us) {
        return Targets.MOUNTS.stream()
                .map(m -> openClose(m, us.applyAsDouble(Integer.parseInt(m))))
                .toArray(Figure[]::new);
    }
}
