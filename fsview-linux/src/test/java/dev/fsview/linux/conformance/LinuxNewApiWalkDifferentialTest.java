package dev.fsview.linux.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.differential.DifferentialNioContract;

/** Generated NIO sequences, a view against a plain temp directory, linux with the new mount API and the O_NOFOLLOW walk. */
class LinuxNewApiWalkDifferentialTest extends DifferentialNioContract {
    @Override
    protected Backend backend() {
        return LinuxBackends.of("new", "walk");
    }
}
