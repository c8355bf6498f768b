package dev.fsview.testkit.differential;

import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The differential machinery is deterministic: the JDK on one plain directory agrees with the JDK
 * on another, for any sequence, so every difference a backend shows is the backend's.
 */
class JdkAgainstItselfTest {

    @Property(tries = 300)
    void theJdkAgreesWithItselfOnAnySequence(@ForAll("sequences") List<NioOp> ops)
            throws IOException {
        Differential d = TwoDirectories.compare(ops, Side::reference);
        if (!d.agrees()) {
            throw new AssertionError("the JDK disagrees with itself:\n" + d);
        }
    }

    @Provide
    Arbitrary<List<NioOp>> sequences() {
        return Sequences.sequences();
    }
}
