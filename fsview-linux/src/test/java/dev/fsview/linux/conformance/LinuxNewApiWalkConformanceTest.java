package dev.fsview.linux.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.suite.ConformanceSuite;

/** The whole conformance kit against linux with the new mount API and the O_NOFOLLOW walk. */
class LinuxNewApiWalkConformanceTest extends ConformanceSuite {
    @Override
    protected Backend backend() {
        return LinuxBackends.of("new", "walk");
    }
}
