package dev.fsview.linux.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.suite.ConformanceSuite;

/** The whole conformance kit against linux with the seed's classic mount sequence and openat2. */
class LinuxClassicOpenat2ConformanceTest extends ConformanceSuite {
    @Override
    protected Backend backend() {
        return LinuxBackends.of("classic", "openat2");
    }
}
