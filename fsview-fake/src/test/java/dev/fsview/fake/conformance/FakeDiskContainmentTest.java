package dev.fsview.fake.conformance;

import dev.fsview.fake.FakeHost;
import dev.fsview.spi.FsViewProvider;
import dev.fsview.testkit.contract.DiskContainmentContract;

/** The kit's races against the real disk, on the fake's importing provider (a host per view). */
class FakeDiskContainmentTest extends DiskContainmentContract {
    @Override
    protected FsViewProvider diskProvider() {
        return new FakeHost().importingProvider();
    }
}
