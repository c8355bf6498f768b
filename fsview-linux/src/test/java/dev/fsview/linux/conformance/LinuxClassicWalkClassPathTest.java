package dev.fsview.linux.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.contract.ClassPathContract;

/** Nothing planted in the container is loaded by a task, linux with the classic mount sequence and the O_NOFOLLOW walk. */
class LinuxClassicWalkClassPathTest extends ClassPathContract {
    @Override
    protected Backend backend() {
        return LinuxBackends.of("classic", "walk");
    }
}
