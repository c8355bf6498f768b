package dev.fsview.fake.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.differential.DifferentialNioContract;

/**
 * The kit's differential check: generated sequences of NIO operations on a real temporary
 * directory (through the JDK) and on a fake view of an identical tree must agree.
 */
class FakeDifferentialTest extends DifferentialNioContract {
    @Override
    protected Backend backend() {
        return Backend.of("fake", FakeHostFixture::new);
    }
}
