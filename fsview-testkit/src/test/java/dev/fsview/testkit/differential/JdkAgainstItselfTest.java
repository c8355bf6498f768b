package dev.fsview.testkit.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.testkit.property.ForAll;
import dev.fsview.testkit.property.Knobs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/**
 * The differential machinery is deterministic: the JDK on one plain directory agrees with the JDK
 * on another, for any sequence, so every difference a backend shows is the backend's. And the
 * sequences reach every operation's success and (where it has one) its failure.
 */
class JdkAgainstItselfTest {
    private static final int TRIES = 2000;

    @Test
    void theJdkAgreesWithItselfOnAnySequenceAndEveryOperationSucceedsAndFails() {
        OperationStatistics statistics = new OperationStatistics();
        ForAll.of(Sequences.sequences())
                .tries(TRIES)
                .seed(Knobs.seed())
                .describedBy(Sequences::describe)
                .check(ops -> {
                    Differential d = TwoDirectories.compare(ops, Side::reference);
                    statistics.count(d);
                    if (!d.agrees()) {
                        throw new AssertionError("the JDK disagrees with itself:\n" + d);
                    }
                });
        Map<String, Map<String, Integer>> counts = statistics.counts();
        assertThat(counts.keySet())
                .as("operations generated")
                .containsExactlyInAnyOrderElementsOf(operationNames());
        counts.forEach((op, kinds) -> {
            assertThat(kinds).as(op + " outcomes").containsKey("ok");
            if (!op.equals("Check")) { // exists/isDirectory/... answer false rather than throw
                assertThat(kinds.keySet())
                        .as(op + " outcomes")
                        .anyMatch(k -> k.endsWith("Exception"));
            }
        });
        assertThat(counts.values())
                .as("some operation would have left the tree")
                .anyMatch(kinds -> kinds.containsKey("skipped"));
    }

    private static List<String> operationNames() {
        // The operations gated by a Reach (mounts, xattrs, odd attribute strings, statx extras,
        // stream types, sticky directories, working directories, file stores) are generated only
        // where a backend says it can reach them, which the
        // default sequences of two plain directories do not.
        java.util.Set<String> gated = java.util.Set.of(
                "Mount",
                "Xattr",
                "ReadAttributes",
                "StatMore",
                "StreamType",
                "SetMode",
                "Chown",
                "CreateNoFollow",
                "Chdir",
                "Cwd",
                "SameStore",
                "StickyTrap");
        return java.util.Arrays.stream(NioOp.class.getPermittedSubclasses())
                .map(Class::getSimpleName)
                .filter(n -> !gated.contains(n))
                .collect(java.util.stream.Collectors.toList());
    }
}
