package dev.fsview.fake.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.HostFixture;

/** The fake backend as the conformance kit sees it. */
public final class FakeBackend implements Backend {
    @Override
    public HostFixture newHost() {
        return new FakeHostFixture();
    }

    @Override
    public String name() {
        return "fake";
    }
}
