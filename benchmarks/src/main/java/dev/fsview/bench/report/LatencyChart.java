package dev.fsview.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;

/**
 * An SVG chart of the dispatch latency distributions: one panel per backend, one line per hand-over
 * strategy, as a percentile spectrum (x: percentile on a "nines" scale, 0 to 99.99 %; y: latency on
 * a log scale), with the Go anchor and the floors as horizontal lines. Plain SVG, written by hand:
 * no plotting library needed.
 */
public final class LatencyChart {
    static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
    private static final int WIDTH = 860;
    private static final int PANEL = 300;
    private static final int LEFT = 80;
    private static final int RIGHT = 200;
    private static final int TOP = 40;
    private static final int BOTTOM = 40;
    private static final double MAX_NINES = 4;
    private static final double MIN_NS = 100;
    private static final double MAX_NS = 1e7;

    private LatencyChart() {}

    /**
     * Draws the chart.
     *
     * @param results the run's figures ({@code DispatchLatency.call} is used)
     * @param anchors the anchors of the same run
     * @return an SVG document
     */
    public static String svg(Results results, Anchors anchors) {
        String bench = "DispatchLatency.call";
        List<String> backends = results.values(bench, "backend");
        List<String> strategies = results.values(bench, "strategy");
        int height = TOP + Math.max(1, backends.size()) * (PANEL + BOTTOM) + 20;
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                        + " height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH,
                height));
        b.append(String.format(
                Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        text(
                b,
                WIDTH / 2.0,
                22,
                "middle",
                15,
                "fsview dispatch latency: call(ctx -> null), percentile spectrum");
        for (int i = 0; i < backends.size(); i++) {
            int top = TOP + i * (PANEL + BOTTOM);
            panel(b, top, backends.get(i), strategies, results, anchors);
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static void panel(
            StringBuilder b,
            int top,
            String backend,
            List<String> strategies,
            Results results,
            Anchors anchors) {
        double plotWidth = WIDTH - LEFT - RIGHT;
        b.append(String.format(Locale.ROOT, "<g id=\"panel-%s\">%n", escape(backend)));
        text(b, LEFT, top + 12, "start", 13, "backend: " + backend);
        axes(b, top, plotWidth);
        references(
                b,
                top,
                plotWidth,
                List.of(
                        new Reference(anchors.goDispatchP99Ns(), "Go p99", "#999999"),
                        new Reference(anchors.goDispatchP50Ns(), "Go p50", "#555555"),
                        new Reference(anchors.futexFloorNs(), "futex floor", "#bb8800"),
                        new Reference(anchors.spinFloorNs(), "spin floor", "#008888")));
        int legend = 0;
        for (int s = 0; s < strategies.size(); s++) {
            String strategy = strategies.get(s);
            var figure =
                    results.find("DispatchLatency.call", "backend", backend, "strategy", strategy);
            if (figure.isEmpty() || figure.get().distribution().isEmpty()) {
                continue;
            }
            String colour = COLOURS[s % COLOURS.length];
            List<double[]> points = spectrum(
                    figure.get().distribution(), Units.toNanos(1, figure.get().unit()));
            StringBuilder path = new StringBuilder();
            for (double[] p : points) {
                path.append(String.format(
                        Locale.ROOT,
                        "%.1f,%.1f ",
                        LEFT + p[0] / MAX_NINES * plotWidth,
                        y(top, p[1])));
            }
            b.append(String.format(
                    Locale.ROOT,
                    "<polyline class=\"series\" data-strategy=\"%s\""
                            + " fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    escape(strategy),
                    colour,
                    path.toString().trim()));
            double lx = LEFT + 160 + 150 * legend++;
            double ly = top + 8;
            b.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\""
                            + " y2=\"%.0f\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    lx,
                    ly,
                    lx + 25,
                    ly,
                    colour));
            text(b, lx + 30, ly + 4, "start", 12, strategy);
        }
        b.append("</g>\n");
    }

    /**
     * Turns a distribution into (nines, latency in ns) points: the latency below which a share
     * {@code 1 - 10^-nines} of the samples fall, for nines from 0 (the fastest) up to the most the
     * sample count supports, at most {@value #MAX_NINES} (99.99 %).
     *
     * @param distribution value to count
     * @param nanosPerUnit how many nanoseconds one unit of value is
     * @return the points, by increasing nines
     */
    static List<double[]> spectrum(NavigableMap<Double, Long> distribution, double nanosPerUnit) {
        long total = 0;
        for (long c : distribution.values()) {
            total += c;
        }
        List<double[]> points = new ArrayList<>();
        if (total == 0) {
            return points;
        }
        // Beyond about log10(samples / 10) nines there are fewer than ten samples to speak for it.
        double maxNines = Math.min(MAX_NINES, Math.log10(total / 10.0));
        for (int step = 0; step / 20.0 <= maxNines; step++) {
            double nines = step / 20.0;
            double share = 1 - Math.pow(10, -nines);
            long rank = (long) Math.ceil(share * total);
            long seen = 0;
            for (Map.Entry<Double, Long> e : distribution.entrySet()) {
                seen += e.getValue();
                if (seen >= Math.max(rank, 1)) {
                    points.add(new double[] {nines, e.getKey() * nanosPerUnit});
                    break;
                }
            }
        }
        return points;
    }

    private static void axes(StringBuilder b, int top, double plotWidth) {
        b.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%d\""
                        + " fill=\"none\" stroke=\"#333\"/>%n",
                LEFT,
                top + 20,
                plotWidth,
                PANEL - 20));
        String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%"};
        for (int n = 0; n <= MAX_NINES; n++) {
            double x = LEFT + n / MAX_NINES * plotWidth;
            gridLine(b, x, top + 20, x, top + PANEL);
            text(b, x, top + PANEL + 15, "middle", 11, labels[n]);
        }
        for (double ns = MIN_NS; ns <= MAX_NS; ns *= 10) {
            double y = y(top, ns);
            gridLine(b, LEFT, y, LEFT + plotWidth, y);
            text(b, LEFT - 6, y + 4, "end", 11, Units.time(ns));
        }
        text(
                b,
                LEFT + plotWidth / 2,
                top + PANEL + 30,
                "middle",
                11,
                "share of calls at or below the latency (percentile)");
    }

    /** A horizontal line at a reference latency. */
    private record Reference(double ns, String label, String colour) {}

    /** Draws the reference lines, their labels pushed apart so that none overlap. */
    private static void references(
            StringBuilder b, int top, double plotWidth, List<Reference> refs) {
        List<Reference> byHeight = new ArrayList<>(refs);
        byHeight.sort((p, q) -> Double.compare(q.ns(), p.ns()));
        double lastLabel = Double.NEGATIVE_INFINITY;
        for (Reference r : byHeight) {
            double y = y(top, r.ns());
            b.append(String.format(
                    Locale.ROOT,
                    "<line class=\"reference\" x1=\"%d\" y1=\"%.1f\""
                            + " x2=\"%.0f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"6,4\"/>%n",
                    LEFT,
                    y,
                    LEFT + plotWidth,
                    y,
                    r.colour()));
            double labelY = Math.max(y + 4, lastLabel + 12);
            text(
                    b,
                    LEFT + plotWidth + 4,
                    labelY,
                    "start",
                    10,
                    r.label() + " " + Units.time(r.ns()));
            lastLabel = labelY;
        }
    }

    private static double y(int top, double ns) {
        double clamped = Math.max(MIN_NS, Math.min(MAX_NS, ns));
        double f = (Math.log10(clamped) - Math.log10(MIN_NS))
                / (Math.log10(MAX_NS) - Math.log10(MIN_NS));
        return top + PANEL - f * (PANEL - 20);
    }

    private static void gridLine(StringBuilder b, double x1, double y1, double x2, double y2) {
        b.append(String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"" + " stroke=\"#e0e0e0\"/>%n",
                x1,
                y1,
                x2,
                y2));
    }

    private static void text(
            StringBuilder b, double x, double y, String anchor, int size, String s) {
        b.append(String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"" + " font-size=\"%d\">%s</text>%n",
                x,
                y,
                anchor,
                size,
                escape(s)));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
