package dev.fsview.linux.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.differential.DifferentialNioContract;

/** Generated NIO sequences, a view against a plain temp directory, linux with the seed's classic mount sequence and openat2. */
class LinuxClassicOpenat2DifferentialTest extends DifferentialNioContract {
    @Override
    protected Backend backend() {
        return LinuxBackends.of("classic", "openat2");
    }
}
