package dev.fsview.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one table of a profile run: each figure, its ratio to the Go anchor and to the physical floor
 * measured in the same run, and the target it answers, if any.
 */
public final class Table {
    /** Column headings. */
    static final List<String> HEADINGS =
            List.of("figure", "value", "vs Go anchor", "vs floor", "target");

    /**
     * One line of the table.
     *
     * @param figure what was measured
     * @param value the figure
     * @param vsGo its ratio to the Go anchor's counterpart, or empty
     * @param vsFloor its ratio to the physical floor (or the host, or Jimfs), or empty
     * @param target the target it answers and the verdict, or empty
     */
    public record Row(String figure, String value, String vsGo, String vsFloor, String target) {
        List<String> cells() {
            return List.of(figure, value, vsGo, vsFloor, target);
        }
    }

    private final Results results;
    private final Anchors anchors;
    private final String strategy;
    private final Map<String, Verdict> verdicts;
    private final Anchors cli;
    private final List<Object> lines = new ArrayList<>();

    /**
     * Builds the table.
     *
     * @param results the run's figures
     * @param anchors the anchors of the same run
     * @param strategy the default hand-over strategy's name (the targets apply to it)
     * @param verdicts the targets' verdicts
     */
    public Table(Results results, Anchors anchors, String strategy, List<Verdict> verdicts) {
        this(results, anchors, strategy, verdicts, Anchors.parse(""));
    }

    /**
     * Builds the table, with the CLI's figures.
     *
     * @param results the run's figures
     * @param anchors the anchors of the same run
     * @param strategy the default hand-over strategy's name (the targets apply to it)
     * @param verdicts the targets' verdicts
     * @param cli the CLI's wall times and max RSS of the same run ({@code run.sh}'s cli.txt)
     */
    public Table(
            Results results,
            Anchors anchors,
            String strategy,
            List<Verdict> verdicts,
            Anchors cli) {
        this.results = results;
        this.cli = cli;
        this.anchors = anchors;
        this.strategy = strategy;
        this.verdicts =
                verdicts.stream().collect(Collectors.toMap(Verdict::target, Function.identity()));
        anchorRows();
        dispatchRows();
        startRows();
        throughputRows();
        idleRows();
        statRows();
        nioRows();
        openCloseRows();
        openTreeRows();
        cliRows();
    }

    /**
     * Returns the rows (without section headings).
     *
     * @return the rows, in order
     */
    public List<Row> rows() {
        return lines.stream()
                .filter(Row.class::isInstance)
                .map(Row.class::cast)
                .collect(Collectors.toList());
    }

    private void section(String title) {
        lines.add(title);
    }

    private void row(String figure, String value, String vsGo, String vsFloor, String target) {
        lines.add(new Row(figure, value, vsGo, vsFloor, target));
    }

    private void anchorRows() {
        section("anchors, measured in this run");
        row(
                "Go view: dispatch round trip p50",
                Units.time(anchors.goDispatchP50Ns()),
                "1×",
                Units.ratio(anchors.goDispatchP50Ns() / anchors.spinFloorNs()) + " spin",
                "");
        row("Go view: dispatch round trip p99", Units.time(anchors.goDispatchP99Ns()), "", "", "");
        row("Go view: stat", Units.time(anchors.goStatNs()), "1×", "", "");
        row(
                "Go view: open+close, 1 bind mount",
                Units.time(anchors.goOpenCloseUs() * 1e3),
                "1×",
                "",
                "");
        anchors.get(PairedGo.START_KEY)
                .ifPresent(start -> row(
                        "Go view: open+close at the start of the run (not judged)",
                        Units.time(start * 1e3),
                        Units.ratio(start / anchors.goOpenCloseUs()),
                        "",
                        ""));
        row("floor: spin round trip (cache line)", Units.time(anchors.spinFloorNs()), "", "1×", "");
        row(
                "floor: futex round trip (sleep/wake)",
                Units.time(anchors.futexFloorNs()),
                "",
                Units.ratio(anchors.futexFloorNs() / anchors.spinFloorNs()) + " spin",
                "");
        kernelFloorRows();
    }

    /**
     * The kernel's own costs, in C, of what a view does against what the host does
     * ({@code statfloor}, {@code smallfilefloor}), for those the anchors printed.
     */
    private void kernelFloorRows() {
        syscallRow();
        floorPair(
                "statfloor.host_stat_ns",
                "statfloor.contained_stat_ns",
                "floor: host statx by path (C)",
                "floor: contained stat, openat2 + statx + close (C)",
                "host statx");
        floorPair(
                "smallfilefloor.host_ns",
                "smallfilefloor.contained_ns",
                "floor: 1 KiB file created, written, read, deleted on the host (C)",
                "floor: the same contained, as a view does it (C)",
                "host");
    }

    /** A host figure and its contained counterpart, as a multiple of it. */
    private void floorPair(
            String hostKey, String containedKey, String hostRow, String containedRow, String unit) {
        OptionalDouble host = anchors.get(hostKey);
        OptionalDouble contained = anchors.get(containedKey);
        if (host.isEmpty() || contained.isEmpty()) {
            return;
        }
        row(hostRow, Units.time(host.getAsDouble()), "", "1×", "");
        row(
                containedRow,
                Units.time(contained.getAsDouble()),
                "",
                Units.ratio(contained.getAsDouble() / host.getAsDouble()) + " " + unit,
                "");
    }

    /** Any system call's cost ({@code statfloor}), before the kernel's floors. */
    private void syscallRow() {
        OptionalDouble any = anchors.get("statfloor.syscall_ns");
        if (any.isPresent()) {
            row("floor: any system call (getppid, C)", Units.time(any.getAsDouble()), "", "", "");
        }
    }

    /**
     * Calls {@code each} for every backend and strategy a benchmark ran with, in run order, among
     * its figures with the given other parameter values.
     */
    private void perBackendAndStrategy(String bench, RowMaker each, String... keyValues) {
        for (String backend : results.values(bench, "backend")) {
            for (String s : results.values(bench, "strategy")) {
                List<String> kv = new ArrayList<>(List.of("backend", backend, "strategy", s));
                kv.addAll(List.of(keyValues));
                results.find(bench, kv.toArray(String[]::new))
                        .ifPresent(f -> each.make(backend, s, f));
            }
        }
    }

    /** Adds the rows of one figure. */
    @FunctionalInterface
    private interface RowMaker {
        void make(String backend, String strategy, Figure f);
    }

    private void dispatchRows() {
        section("dispatch: call(ctx -> null) round trip, sampled");
        perBackendAndStrategy("DispatchLatency.call", (backend, s, f) -> {
            boolean judged = backend.equals("linux") && s.equals(strategy);
            String name = backend + " " + s;
            latencyRow(
                    name + " p50",
                    f,
                    50,
                    anchors.goDispatchP50Ns(),
                    "Go p50",
                    judged
                            ? targets(
                                    "linux dispatch p50 <= Go p50 / 10",
                                    "linux dispatch p50 <= 10x spin floor")
                            : "");
            latencyRow(
                    name + " p99",
                    f,
                    99,
                    anchors.goDispatchP99Ns(),
                    "Go p99",
                    judged ? targets("linux dispatch p99 < Go p50") : "");
            latencyRow(name + " p99.9", f, 99.9, anchors.goDispatchP99Ns(), "Go p99", "");
        });
    }

    private void startRows() {
        section("start(task) until the task runs, sampled");
        perBackendAndStrategy("DispatchLatency.startUntilRunning", (backend, s, f) -> {
            latencyRow(
                    backend + " " + s + " p50",
                    f,
                    50,
                    anchors.goDispatchP50Ns(),
                    "Go call p50",
                    "");
            latencyRow(
                    backend + " " + s + " p99",
                    f,
                    99,
                    anchors.goDispatchP99Ns(),
                    "Go call p99",
                    "");
        });
    }

    private void latencyRow(
            String name, Figure f, double p, double go, String goName, String target) {
        double ns = Targets.nanos(f, f.percentile(p));
        boolean parks = "PARK".equals(f.params().get("strategy"));
        String floor = parks
                ? Units.ratio(ns / anchors.futexFloorNs()) + " futex"
                : Units.ratio(ns / anchors.spinFloorNs()) + " spin";
        row(name, Units.time(ns), Units.ratio(ns / go) + " " + goName, floor, target);
    }

    private void throughputRows() {
        section("throughput: empty calls per second on one view");
        double go = 1e9 / anchors.goDispatchMeanNs();
        double floor = 1e9 / anchors.spinFloorNs();
        for (String callers : List.of("1", "2", "8")) {
            String suffix = ", " + callers + (callers.equals("1") ? " caller" : " callers");
            perBackendAndStrategy("DispatchThroughput.callers" + callers, (backend, s, f) -> {
                double rate = Units.toPerSecond(f.score(), f.unit());
                row(
                        backend + " " + s + suffix,
                        Units.rate(rate),
                        Units.ratio(rate / go) + " Go, 1 caller",
                        Units.ratio(rate / floor) + " spin",
                        "");
            });
        }
    }

    private void idleRows() {
        section("view thread CPU after a call, share of one core: idle 1 s / a call every 200 µs");
        for (String pause : results.values("IdleCost.idle", "pauseMicros")) {
            boolean second = pause.equals(Profile.IDLE_SECOND);
            String what = second
                    ? ", idle 1 s"
                    : ", call every " + Units.time(Double.parseDouble(pause) * 1e3);
            perBackendAndStrategy(
                    "IdleCost.idle",
                    (backend, s, f) -> row(
                            backend + " " + s + what,
                            Units.percent(Targets.idleFraction(f)),
                            "",
                            "",
                            second && backend.equals("linux") && s.equals(strategy)
                                    ? targets("idle linux view thread < 1% of a core")
                                    : ""),
                    "pauseMicros",
                    pause);
        }
    }

    private void statRows() {
        section("stat: view.stat vs Files.readAttributes on the host (mean)");
        Optional<Figure> host = results.find("StatVsHost.hostReadAttributes");
        host.ifPresent(h -> row(
                "host readAttributes(unix:mode,size,lastModifiedTime)",
                Units.time(Targets.mean(h)),
                Units.ratio(Targets.mean(h) / anchors.goStatNs()) + " Go stat",
                "1× host",
                ""));
        for (String backend : results.values("StatVsHost.viewStat", "backend")) {
            results.find("StatVsHost.viewStat", "backend", backend).ifPresent(f -> {
                double ns = Targets.mean(f);
                row(
                        backend + " view.stat",
                        Units.time(ns),
                        Units.ratio(ns / anchors.goStatNs()) + " Go stat",
                        host.map(h -> Units.ratio(ns / Targets.mean(h)) + " host")
                                .orElse(""),
                        backend.equals("linux")
                                ? targets("linux view stat <= 1.3x host readAttributes")
                                : "");
            });
        }
    }

    private void nioRows() {
        section("NIO through the file system (mean per operation)");
        for (String op : Targets.NIO_OPS) {
            String bench = "NioOps." + op;
            Optional<Figure> host = results.find(bench, "fs", "host");
            Optional<Figure> jimfs = results.find(bench, "fs", "jimfs");
            for (String fs : results.values(bench, "fs")) {
                results.find(bench, "fs", fs).ifPresent(f -> {
                    double ns = Targets.mean(f);
                    String versus = "";
                    String target = "";
                    if (fs.equals("linux") && host.isPresent()) {
                        versus = Units.ratio(ns / Targets.mean(host.get())) + " host";
                        target = targets("linux NioOps." + op + " <= 1.3x host");
                    } else if (fs.equals("fake") && jimfs.isPresent()) {
                        double ratio = ns / Targets.mean(jimfs.get());
                        versus = Units.ratio(ratio) + " jimfs";
                        target = "<= jimfs: " + (ratio <= 1 ? "PASS" : "FAIL");
                    }
                    row(op + " " + fs, Units.time(ns), "", versus, target);
                });
            }
        }
    }

    private void openTreeRows() {
        section("a view on the 7,000-entry rootfs, fake vs linux (mean); "
                + "walk of 10,000 entries by 2 threads");
        for (String bench : List.of("OpenTree.openStatClose", "OpenTree.walk")) {
            Optional<Figure> linux = results.find(bench, "backend", "linux");
            for (String backend : results.values(bench, "backend")) {
                results.find(bench, "backend", backend).ifPresent(f -> {
                    double ns = Targets.mean(f);
                    String versus = "";
                    String target = "";
                    if (backend.equals("fake") && linux.isPresent()) {
                        versus = Units.ratio(ns / Targets.mean(linux.get())) + " linux";
                        target = targets(
                                "fake open of the rootfs + stat / <= 1.5x linux",
                                "fake Files.walk of the rootfs <= 2x linux");
                    }
                    row(
                            bench.substring("OpenTree.".length()) + " " + backend,
                            Units.time(ns),
                            "",
                            versus,
                            target);
                });
            }
        }
        Optional<Figure> one = results.find("NioOps.walk10000", "fs", "linux");
        results.find("NioOps.walk10000TwoThreads", "fs", "linux").ifPresent(f -> {
            double ns = Targets.mean(f);
            row(
                    "walk10000 linux, 2 threads",
                    Units.time(ns),
                    "",
                    one.map(o -> Units.ratio(ns / Targets.mean(o)) + " 1 thread")
                            .orElse(""),
                    targets("linux walk of 10,000 entries, 2 threads < 1 thread"));
        });
    }

    private void cliRows() {
        section("the CLI on the rootfs: median wall time, max RSS");
        String[][] rows = {
            {"tar -cf - | cat", "tar stream", "", ""},
            // The same stream by a minimal Java program: the JVM's start and warm-up, which any
            // Java tool pays before and while it copies (anchors/JavaTar.java).
            {"JVM floor: java JavaTar | cat (not judged)", "java stream", "tar stream", ""},
            {
                "fsview cp :/ - | cat",
                "fsview cp_stream",
                "tar stream",
                "fsview cp :/ - <= 2x tar -cf -"
            },
            {"cp -a", "cp_a dir", "", ""},
            {"fsview cp :/ dir", "fsview cp_dir", "cp_a dir", "fsview cp :/ dir <= 3x cp -a"},
            {"fsview --backend linux stat /", "fsview stat_linux", "", ""},
            {"fsview --backend fake stat /", "fsview stat_fake", "fsview stat_linux", ""},
        };
        for (String[] r : rows) {
            var ms = cli.get(r[1] + ".wall_ms");
            var kb = cli.get(r[1] + ".rss_kb");
            if (ms.isEmpty() || kb.isEmpty()) {
                continue;
            }
            String versus = "";
            if (!r[2].isEmpty()) {
                var base = cli.get(r[2] + ".wall_ms");
                var baseKb = cli.get(r[2] + ".rss_kb");
                if (base.isPresent() && baseKb.isPresent()) {
                    versus = Units.ratio(ms.getAsDouble() / base.getAsDouble()) + " time, "
                            + Units.ratio(kb.getAsDouble() / baseKb.getAsDouble()) + " RSS";
                }
            }
            var floor = cli.get("java stream.wall_ms");
            if (r[1].equals("fsview cp_stream") && floor.isPresent()) {
                versus = versus + "; " + Units.ratio(ms.getAsDouble() / floor.getAsDouble())
                        + " the JVM floor";
            }
            String target = r[3].isEmpty() ? "" : targets(r[3]);
            if (r[1].startsWith("fsview cp")) {
                target = target + "; "
                        + targets(r[3].replaceAll(" <=.*", "") + " max RSS <= 150 MB");
            } else if (r[1].equals("fsview stat_fake")) {
                target = targets("fake open of the rootfs + stat / RSS <= 1.5x linux");
            }
            row(
                    r[0],
                    Units.time(ms.getAsDouble() * 1e6) + ", " + Targets.megabytes(kb.getAsDouble()),
                    "",
                    versus,
                    target);
        }
    }

    private void openCloseRows() {
        section("view open+close with N read-only bind mounts (mean)");
        double go = anchors.goOpenCloseUs() * 1e3;
        for (String backend : results.values("OpenClose.openClose", "backend")) {
            for (String mounts : Targets.MOUNTS) {
                results.find("OpenClose.openClose", "backend", backend, "mounts", mounts)
                        .ifPresent(f -> {
                            double ns = Targets.mean(f);
                            String target = "";
                            if (backend.equals("linux") && mounts.equals("1")) {
                                target = targets("linux open+close, 1 bind mount <= Go");
                            } else if (backend.equals("linux") && mounts.equals("100")) {
                                target = targets("linux open+close linear in mounts");
                            }
                            row(
                                    backend + ", " + mounts + " mounts",
                                    Units.time(ns),
                                    Units.ratio(ns / go) + " Go, 1 mount",
                                    "",
                                    target);
                        });
            }
        }
        // Not judged: the Go anchor switches root in its open; a linux view in the empty namespace
        // does before the first work handed to its thread.
        results.find("OpenClose.openTaskClose", "backend", "linux", "mounts", "1")
                .ifPresent(f -> row(
                        "linux, 1 mount, open + one task + close (not judged)",
                        Units.time(Targets.mean(f)),
                        Units.ratio(Targets.mean(f) / go) + " Go, 1 mount",
                        "",
                        ""));
    }

    private String targets(String... names) {
        List<String> parts = new ArrayList<>();
        for (String n : names) {
            Verdict v = verdicts.get(n);
            if (v != null) {
                parts.add(n + ": " + v.outcome());
            }
        }
        return String.join("; ", parts);
    }

    /**
     * Renders the table as fixed-width text, with section lines between groups of rows.
     *
     * @return the table
     */
    public String text() {
        int[] width = new int[HEADINGS.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = HEADINGS.get(i).length();
        }
        for (Row r : rows()) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], r.cells().get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, HEADINGS, width);
        int total = 0;
        for (int w : width) {
            total += w + 2;
        }
        b.append("-".repeat(total - 2)).append('\n');
        for (Object l : lines) {
            if (l instanceof Row) {
                line(b, ((Row) l).cells(), width);
            } else {
                b.append("[").append(l).append("]\n");
            }
        }
        return b.toString();
    }

    /**
     * Renders the table as Markdown, section titles as bold rows.
     *
     * @return the table
     */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("| ").append(String.join(" | ", HEADINGS)).append(" |\n");
        b.append("|---|---:|---:|---:|---|\n");
        for (Object l : lines) {
            if (l instanceof Row) {
                List<String> cells = new ArrayList<>();
                for (String c : ((Row) l).cells()) {
                    cells.add(c.replace("|", "\\|")); // a shell pipe in a figure ends no column
                }
                b.append("| ").append(String.join(" | ", cells)).append(" |\n");
            } else {
                b.append("| **").append(l).append("** | | | | |\n");
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells, int[] width) {
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            boolean right = i == 1 || i == 2 || i == 3;
            String pad = " ".repeat(width[i] - c.length());
            b.append(right ? pad + c : c + (i == cells.size() - 1 ? "" : pad));
            if (i < cells.size() - 1) {
                b.append("  ");
            }
        }
        b.append('\n');
    }
}
