package dev.fsview.linux.conformance;

/** Races against the real disk, linux with the classic mount API and openat2 resolution. */
class LinuxClassicOpenat2DiskContainmentTest extends LinuxDiskContainment {
    LinuxClassicOpenat2DiskContainmentTest() {
        super("classic", "openat2");
    }
}
