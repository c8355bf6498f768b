package dev.fsview.linux.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.contract.PlainIoContainmentContract;

/** The attack catalogue through plain java.nio in tasks, linux with the seed's classic mount sequence and the O_NOFOLLOW walk. */
class LinuxClassicWalkPlainIoContainmentTest extends PlainIoContainmentContract {
    @Override
    protected Backend backend() {
        return LinuxBackends.of("classic", "walk");
    }
}
