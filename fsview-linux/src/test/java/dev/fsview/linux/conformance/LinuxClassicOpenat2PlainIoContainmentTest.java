package dev.fsview.linux.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.contract.PlainIoContainmentContract;

/** The attack catalogue through plain java.nio in tasks, linux with the seed's classic mount sequence and openat2. */
class LinuxClassicOpenat2PlainIoContainmentTest extends PlainIoContainmentContract {
    @Override
    protected Backend backend() {
        return LinuxBackends.of("classic", "openat2");
    }
}
