package dev.fsview.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * The Go anchor's open+close, measured again right before and right after fsview's own
 * open+close step, so that both are measured within the same minute; fsview's open+close is
 * judged against their mean, and the table shows the figure from the start of the run as well. On a shared VM the cost of a
 * namespace cycle drifts by a fifth within a minute (the Go anchor read 145-150 µs, then 196-201 µs
 * a minute later, on the machine of issue 15), while the anchors run minutes before the JMH step.
 */
final class PairedGo {
    /** The key the anchors' output gives Go's open+close under, which this replaces. */
    static final String KEY = "go open_close_view.mean_us";
    /** Where the figure from the start of the run goes once replaced, for the table. */
    static final String START_KEY = "go open_close_start.mean_us";

    private static final int OPENS = 2000;

    private final Path seedview;
    private final List<Double> runs = new ArrayList<>();

    PairedGo(Path seedview) {
        this.seedview = seedview;
    }

    /** Runs the anchor's open+close once more; a failure is reported, not fatal. */
    void measure() {
        try {
            OptionalDouble us = runOnce();
            if (us.isPresent()) {
                runs.add(us.getAsDouble());
            } else {
                System.out.println("(the Go anchor printed no open+close figure)");
            }
        } catch (IOException e) {
            System.out.println("(the Go anchor could not run again: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The anchors with Go's open+close replaced by the mean of the runs around fsview's, if any.
     *
     * @param anchors the anchors measured at the start of the run
     * @return the anchors to judge open+close against
     */
    Anchors applyTo(Anchors anchors) {
        if (runs.isEmpty()) {
            return anchors;
        }
        double mean = runs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        System.out.printf(
                Locale.ROOT,
                "Go open+close around fsview's: %s µs (mean %.0f µs); at the start of the run:"
                        + " %.0f µs%n",
                runs,
                mean,
                anchors.goOpenCloseUs());
        return anchors.with(START_KEY, anchors.goOpenCloseUs()).with(KEY, mean);
    }

    private OptionalDouble runOnce() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("fsview-paired-go");
        try {
            Path root = Files.createDirectories(work.resolve("root/etc"));
            Files.writeString(root.resolve("hostname"), "anchor\n");
            Path volume = Files.createDirectories(work.resolve("volume"));
            Files.writeString(volume.resolve("file"), "data\n");
            Process p = new ProcessBuilder(
                            seedview.toString(),
                            "-root",
                            work.resolve("root").toString(),
                            "-volume",
                            volume.toString(),
                            "-calls",
                            "2000",
                            "-opens",
                            Integer.toString(OPENS))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(
                        "exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ": " + out.strip());
            }
            return Anchors.parse(out).get(KEY);
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }
}
