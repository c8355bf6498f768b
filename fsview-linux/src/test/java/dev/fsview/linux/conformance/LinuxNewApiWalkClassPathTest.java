package dev.fsview.linux.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.contract.ClassPathContract;

/** Nothing planted in the container is loaded by a task, linux with the new mount API and the O_NOFOLLOW walk. */
class LinuxNewApiWalkClassPathTest extends ClassPathContract {
    @Override
    protected Backend backend() {
        return LinuxBackends.of("new", "walk");
    }
}
