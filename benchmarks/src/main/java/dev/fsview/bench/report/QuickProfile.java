package dev.fsview.bench.report;

import dev.fsview.FsViews;
import dev.fsview.bench.fixture.Jvm;
import dev.fsview.bench.fixture.Strategies;
import dev.fsview.bench.lifecycle.OpenTree;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Runs the quick profile and reports it: JMH's JSON ({@code jmh.json}) and log ({@code jmh.log}),
 * the table ({@code table.txt}, {@code table.md}, also printed) and the latency chart
 * ({@code dispatch-latency.svg}), all in the output directory. The anchors must have been measured
 * just before, in the same run ({@code run.sh} does both).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.fsview.bench.report.QuickProfile --out DIR
 * --anchors FILE [--cli FILE] [--rootfs DIR] [--seedview BIN] [--quick]}: {@code --cli} the CLI's
 * figures measured by {@code run.sh}, {@code --rootfs} the tree {@code OpenTree} opens,
 * {@code --seedview} the Go anchor's binary, run again right before and after the open+close step
 * ({@link PairedGo}), {@code --quick} one short iteration per benchmark. Exits 1 if a benchmark failed, 2 on bad usage; missed targets are
 * reported, not an error.
 */
public final class QuickProfile {
    private QuickProfile() {}

    /**
     * Runs the profile.
     *
     * @param args {@code --out DIR --anchors FILE [--cli FILE] [--rootfs DIR] [--seedview BIN]
     *     [--quick]}
     * @throws IOException if the output cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path out = null;
        Path anchorsFile = null;
        Path cliFile = null;
        String rootfs = null;
        Path seedview = null;
        boolean quick = false;
        boolean bad = false;
        for (int i = 0; i < args.length; i++) {
            boolean hasValue = i + 1 < args.length;
            switch (args[i]) {
                case "--out" -> out = hasValue ? Path.of(args[++i]) : null;
                case "--anchors" -> anchorsFile = hasValue ? Path.of(args[++i]) : null;
                case "--cli" -> cliFile = hasValue ? Path.of(args[++i]) : null;
                case "--rootfs" -> rootfs = hasValue ? args[++i] : null;
                case "--seedview" -> seedview = hasValue ? Path.of(args[++i]) : null;
                case "--quick" -> quick = true;
                default -> bad = true;
            }
        }
        if (bad || out == null || anchorsFile == null) {
            System.err.println("usage: QuickProfile --out DIR --anchors FILE [--cli FILE]"
                    + " [--rootfs DIR] [--seedview BIN] [--quick]");
            System.exit(2);
        }
        Anchors anchors = Anchors.parse(Files.readString(anchorsFile));
        Anchors cli = Anchors.parse(cliFile == null ? "" : Files.readString(cliFile));
        requireAnchors(anchors);
        Files.createDirectories(out);
        String machine = Machine.describe();
        System.out.print(machine);
        List<String> backends = availableBackends();
        List<RunResult> runs = new ArrayList<>();
        boolean failed = false;
        int stepNumber = 0;
        List<Step> steps = Profile.quick(backends);
        List<String> jvmArgs = new ArrayList<>(List.of(Jvm.args()));
        if (rootfs != null) {
            jvmArgs.add("-D" + OpenTree.ROOTFS_PROPERTY + "=" + rootfs);
        }
        PairedGo paired = seedview == null ? null : new PairedGo(seedview);
        for (Step step : quick ? Profile.smoke(steps) : steps) {
            boolean pair = paired != null && step.include().contains("OpenClose");
            if (pair) {
                paired.measure();
            }
            long t0 = System.nanoTime();
            System.out.printf(Locale.ROOT, "running %-30s ", step.title());
            System.out.flush();
            try {
                Collection<RunResult> r = new Runner(step.options()
                                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                                .output(out.resolve("jmh.log." + stepNumber++).toString())
                                .build())
                        .run();
                runs.addAll(r);
                System.out.printf(
                        Locale.ROOT,
                        "%3.0f s, %d results%n",
                        (System.nanoTime() - t0) / 1e9,
                        r.size());
            } catch (RunnerException e) {
                failed = true;
                System.out.println("FAILED: " + e.getMessage());
            }
            if (pair) {
                paired.measure();
            }
        }
        if (paired != null) {
            anchors = paired.applyTo(anchors);
        }
        mergeLogs(out);
        ResultFormatFactory.getInstance(
                        ResultFormatType.JSON, out.resolve("jmh.json").toString())
                .writeOut(runs);
        Results results = JmhFigures.from(runs);
        String strategy = Strategies.DEFAULT.name();
        List<Verdict> verdicts = new Targets(results, anchors, strategy, cli).judge();
        Table table = new Table(results, anchors, strategy, verdicts, cli);
        String summary = summary(verdicts, strategy);
        Files.writeString(out.resolve("table.txt"), machine + "\n" + table.text() + "\n" + summary);
        Files.writeString(out.resolve("table.md"), markdown(machine, table, verdicts, strategy));
        Files.writeString(out.resolve("dispatch-latency.svg"), LatencyChart.svg(results, anchors));
        System.out.println();
        System.out.println(table.text());
        System.out.println(summary);
        System.out.println("load average after the run: " + Machine.loadAverage());
        System.out.println("results in " + out);
        if (failed || runs.isEmpty()) {
            System.err.println("some benchmarks failed: see " + out.resolve("jmh.log"));
            System.exit(1);
        }
    }

    /** Fails before spending minutes on JMH if the anchors' output is incomplete. */
    private static void requireAnchors(Anchors a) {
        a.spinFloorNs();
        a.futexFloorNs();
        a.goDispatchP50Ns();
        a.goDispatchP99Ns();
        a.goDispatchMeanNs();
        a.goStatNs();
        a.goOpenCloseUs();
    }

    private static List<String> availableBackends() {
        List<String> available = new ArrayList<>();
        for (String name : List.of("linux", "fake")) {
            try {
                FsViews.provider(name);
                available.add(name);
            } catch (IOException e) {
                System.out.println("skipping backend " + name + ": " + e.getMessage());
            }
        }
        return available;
    }

    private static void mergeLogs(Path out) throws IOException {
        StringBuilder all = new StringBuilder();
        for (int i = 0; ; i++) {
            Path part = out.resolve("jmh.log." + i);
            if (!Files.exists(part)) {
                break;
            }
            all.append(Files.readString(part));
            Files.delete(part);
        }
        Files.writeString(out.resolve("jmh.log"), all);
    }

    static String summary(List<Verdict> verdicts, String strategy) {
        StringBuilder b = new StringBuilder(
                "targets (issues 6, 11, 13, 15), default strategy " + strategy + ":\n");
        for (Verdict v : verdicts) {
            b.append(String.format(
                    Locale.ROOT, "  %-4s %-52s %s%n", v.outcome(), v.target(), v.detail()));
        }
        return b.toString();
    }

    static String markdown(String machine, Table table, List<Verdict> verdicts, String strategy) {
        StringBuilder b = new StringBuilder("```\n").append(machine).append("```\n\n");
        b.append(table.markdown()).append('\n');
        b.append("Targets (issues 6, 11, 13, 15), default strategy `")
                .append(strategy)
                .append("`:\n\n");
        for (Verdict v : verdicts) {
            b.append("- **")
                    .append(v.outcome())
                    .append("** ")
                    .append(v.target())
                    .append(": ")
                    .append(v.detail())
                    .append('\n');
        }
        return b.toString();
    }
}
