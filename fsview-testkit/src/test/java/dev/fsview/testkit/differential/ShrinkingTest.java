package dev.fsview.testkit.differential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A backend that gets one thing wrong is caught, and the failure shows a minimal sequence with
 * both sides' outcomes step by step.
 */
class ShrinkingTest {

    /** A side that lists directories in reverse order: wrong only for listings of two or more. */
    static Side reversingListings(Path top) {
        Side reference = Side.reference(top);
        return new Side() {
            @Override
            public Path path(String rel) {
                return reference.path(rel);
            }

            @Override
            public Path relative(String rel) {
                return reference.relative(rel);
            }

            @Override
            public String linkTarget(String target) {
                return reference.linkTarget(target);
            }

            @Override
            public String normalize(String reported) {
                String n = reference.normalize(reported);
                if (!n.startsWith("[") || n.contains("/")) {
                    return n;
                }
                List<String> names = new ArrayList<>(List.of(n.substring(1, n.length() - 1)
                        .split(", ")));
                Collections.reverse(names);
                return names.toString();
            }
        };
    }

    /** Run by the test below through the JUnit Platform, not by Surefire (no *Test name). */
    static class FlawedBackendProperties {
        @Property(tries = 200, seed = "42")
        void flawedSideAgrees(@ForAll("sequences") List<NioOp> ops) throws IOException {
            Differential d = TwoDirectories.compare(ops, ShrinkingTest::reversingListings);
            if (!d.agrees()) {
                throw new AssertionError("differ:\n" + d);
            }
        }

        @Provide
        Arbitrary<List<NioOp>> sequences() {
            return Sequences.sequences();
        }
    }

    @Test
    void aFlawIsCaughtAndShrunkToASingleOperation() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request().selectors(selectClass(
                FlawedBackendProperties.class)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTotalFailureCount()).isEqualTo(1);
        String message = summary.getFailures().get(0).getException().getMessage();
        assertThat(message).contains("ListDir").contains("<== differs").doesNotContain("\n 2 ");
    }

    @Test
    void aDifferenceIsReportedStepByStep() throws IOException {
        Differential d = TwoDirectories.compare(List.of(new NioOp.Read("a/f"),
                new NioOp.ListDir("a"), new NioOp.Read("b")), ShrinkingTest::reversingListings);
        assertThat(d.agrees()).isFalse();
        assertThat(d.steps()).hasSize(2);
        assertThat(d.toString()).contains(" 1 Read[path=a/f]\n     both: ok \"alpha\"")
                .contains("JDK:  ok [a, b, f, l]").contains("view: ok [l, f, b, a]   <== differs");
    }
}
