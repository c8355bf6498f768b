package dev.fsview.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;

import javax.xml.parsers.DocumentBuilderFactory;

class LatencyChartTest {
    @Test
    void drawsOnePanelPerBackendAndOneLinePerStrategyInWellFormedSvg() throws Exception {
        Results r = new Results(List.of(
                Sample.latency(
                        "DispatchLatency.call",
                        800,
                        2_000,
                        9_000,
                        "backend",
                        "bare",
                        "strategy",
                        "PARK"),
                Sample.latency(
                        "DispatchLatency.call",
                        800,
                        2_000,
                        9_000,
                        "backend",
                        "bare",
                        "strategy",
                        "ADAPTIVE"),
                Sample.latency(
                        "DispatchLatency.call",
                        900,
                        2_000,
                        9_000,
                        "backend",
                        "linux",
                        "strategy",
                        "PARK")));
        String svg = LatencyChart.svg(r, Sample.ANCHORS);
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("g").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(3);
        assertThat(svg)
                .contains("Go p50 16.4 µs")
                .contains("spin floor 158 ns")
                .contains("call(ctx -&gt; null)");
    }

    @Test
    void theSpectrumRisesFromTheFastestSampleToTheTailTheSamplesSupport() {
        TreeMap<Double, Long> dist = new TreeMap<>();
        dist.put(1.0, 9_000L);
        dist.put(2.0, 900L);
        dist.put(30.0, 100L);
        List<double[]> points = LatencyChart.spectrum(dist, 1000);
        assertThat(points.get(0)).containsExactly(0, 1000);
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i)[1]).isGreaterThanOrEqualTo(points.get(i - 1)[1]);
        }
        // 10,000 samples speak for three nines (99.9 %) at most: ten samples lie beyond.
        assertThat(points.get(points.size() - 1)).containsExactly(3, 30_000);
        assertThat(points).anySatisfy(p -> assertThat(p).containsExactly(2, 2_000));
    }
}
