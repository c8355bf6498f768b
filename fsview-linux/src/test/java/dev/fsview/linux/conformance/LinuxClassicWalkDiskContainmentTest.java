package dev.fsview.linux.conformance;

/** Races against the real disk, linux with the classic mount API and walk resolution. */
class LinuxClassicWalkDiskContainmentTest extends LinuxDiskContainment {
    LinuxClassicWalkDiskContainmentTest() {
        super("classic", "walk");
    }
}
