package dev.fsview.linux.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.suite.ConformanceSuite;

/** The whole conformance kit against linux with the new mount API and openat2 (the default on this kernel). */
class LinuxNewApiOpenat2ConformanceTest extends ConformanceSuite {
    @Override
    protected Backend backend() {
        return LinuxBackends.of("new", "openat2");
    }
}
