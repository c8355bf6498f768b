package dev.fsview.linux.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.differential.DifferentialNioContract;

/** Generated NIO sequences, a view against a plain temp directory, linux with the new mount API and openat2 (the default on this kernel). */
class LinuxNewApiOpenat2DifferentialTest extends DifferentialNioContract {
    @Override
    protected Backend backend() {
        return LinuxBackends.of("new", "openat2");
    }
}
