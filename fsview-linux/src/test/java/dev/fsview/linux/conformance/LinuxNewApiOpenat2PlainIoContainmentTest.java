package dev.fsview.linux.conformance;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.contract.PlainIoContainmentContract;

/** The attack catalogue through plain java.nio in tasks, linux with the new mount API and openat2 (the default on this kernel). */
class LinuxNewApiOpenat2PlainIoContainmentTest extends PlainIoContainmentContract {
    @Override
    protected Backend backend() {
        return LinuxBackends.of("new", "openat2");
    }
}
