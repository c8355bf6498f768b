package dev.fsview.linux.conformance;

/** Races against the real disk, linux with the new mount API and openat2 resolution. */
class LinuxNewApiOpenat2DiskContainmentTest extends LinuxDiskContainment {
    LinuxNewApiOpenat2DiskContainmentTest() {
        super("new", "openat2");
    }
}
