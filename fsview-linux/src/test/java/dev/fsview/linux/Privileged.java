package dev.fsview.linux;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsview.Availability;

/** Skips a test where the linux backend truly cannot run (no CAP_SYS_ADMIN, not Linux...). */
final class Privileged {
    private Privileged() {}

    static void assumeLinuxBackend() {
        Availability a = new LinuxProvider().availability();
        assumeTrue(
                a.isAvailable(),
                () -> "skipped: the linux backend is unavailable here: " + a.reason());
    }
}
