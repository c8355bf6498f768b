package dev.fsview.linux.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.suite.ConformanceSuite;

/** The whole conformance kit against linux with the seed's classic mount sequence and the O_NOFOLLOW walk. */
class LinuxClassicWalkConformanceTest extends ConformanceSuite {
    @Override
    protected Backend backend() {
        return LinuxBackends.of("classic", "walk");
    }
}
