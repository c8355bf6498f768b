package dev.fsview.linux.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.suite.ConformanceSuite;

/**
 * The whole conformance kit against linux with the new mount API and openat2, set up in a copy of
 * the host's namespace and pivoted out of it: the way views are set up where the empty namespace
 * cannot be made.
 */
class LinuxNewApiOpenat2HostCopyConformanceTest extends ConformanceSuite {
    @Override
    protected Backend backend() {
        return LinuxBackends.of("new", "openat2", "copy");
    }
}
