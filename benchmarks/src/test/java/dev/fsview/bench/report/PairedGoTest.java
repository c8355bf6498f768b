package dev.fsview.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Open+close is judged against the Go anchor run around it, and the table keeps the figure from
 * the start of the run next to it.
 */
class PairedGoTest {
    @TempDir
    Path dir;

    /** A stand-in for the Go binary that prints the figures given, one per run. */
    private Path seedview(int... opensUs) throws Exception {
        Path counter = dir.resolve("runs");
        StringBuilder figures = new StringBuilder();
        for (int us : opensUs) {
            figures.append(us).append(' ');
        }
        Path script = dir.resolve("seedview");
        Files.writeString(
                script,
                "#!/bin/sh\n"
                        + "n=$(cat " + counter + " 2>/dev/null || echo 0); echo $((n + 1)) > "
                        + counter + "\n"
                        + "set -- " + figures + "\nshift $n\n"
                        + "echo \"go dispatch_roundtrip mean_ns=1 p50_ns=1 p99_ns=1\"\n"
                        + "echo \"go open_close_view mean_us=$1 mounts=1\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void theMeanOfTheRunsAroundTheStepReplacesTheFigureFromTheStart() throws Exception {
        PairedGo paired = new PairedGo(seedview(240, 200));
        paired.measure();
        paired.measure();
        Anchors judged = paired.applyTo(Sample.ANCHORS);
        assertThat(judged.goOpenCloseUs()).isEqualTo(220.0);
        assertThat(judged.get(PairedGo.START_KEY)).hasValue(Sample.ANCHORS.goOpenCloseUs());

        Table t = new Table(new Results(List.of()), judged, "SPIN_THEN_PARK", List.of());
        assertThat(t.rows())
                .extracting(Table.Row::figure)
                .contains("Go view: open+close at the start of the run (not judged)");
    }

    @Test
    void withoutAnyRunTheFigureFromTheStartStands() throws Exception {
        PairedGo paired = new PairedGo(dir.resolve("no-such-binary"));
        paired.measure(); // reported, not fatal
        assertThat(paired.applyTo(Sample.ANCHORS)).isSameAs(Sample.ANCHORS);
        Table t = new Table(new Results(List.of()), Sample.ANCHORS, "SPIN_THEN_PARK", List.of());
        assertThat(t.rows())
                .extracting(Table.Row::figure)
                .noneMatch(f -> f.contains("at the start of the run"));
    }
}
