package dev.fsview.linux.conformance;

/** Races against the real disk, linux with the new mount API and walk resolution. */
class LinuxNewApiWalkDiskContainmentTest extends LinuxDiskContainment {
    LinuxNewApiWalkDiskContainmentTest() {
        super("new", "walk");
    }
}
