package dev.fsview.linux.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.contract.ClassPathContract;

/** Nothing planted in the container is loaded by a task, linux with the new mount API and openat2 (the default on this kernel). */
class LinuxNewApiOpenat2ClassPathTest extends ClassPathContract {
    @Override
    protected Backend backend() {
        return LinuxBackends.of("new", "openat2");
    }
}
