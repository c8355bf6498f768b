package dev.fsview.fake.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.suite.ConformanceSuite;

/** The whole conformance kit, run against the fake backend on a fresh fake host per test. */
class FakeConformanceTest extends ConformanceSuite {
    @Override
    protected Backend backend() {
        return Backend.of("fake", FakeHostFixture::new);
    }
}
