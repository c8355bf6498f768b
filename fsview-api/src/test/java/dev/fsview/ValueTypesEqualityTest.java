package dev.fsview;

import com.google.common.testing.EqualsTester;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The value types of the API (and the SPI's {@code Availability}) obey {@code equals} and
 * {@code hashCode}: equal when every component is, different when any one differs.
 */
class ValueTypesEqualityTest {

    @Test
    void viewSpecsAreEqualExactlyWhenEveryPartIs() throws Exception {
        new EqualsTester()
                .addEqualityGroup(
                        ViewSpec.builder("/r").build(), ViewSpec.builder("/r").build())
                .addEqualityGroup(ViewSpec.builder("/other").build())
                .addEqualityGroup(ViewSpec.builder("/r")
                        .mount(MountSpec.tmpfs("/t").build())
                        .build())
                .addEqualityGroup(
                        ViewSpec.builder("/r").handOver(HandOverStrategy.PARK).build())
                .addEqualityGroup(ViewSpec.builder("/r").preloadClasses("a.B").build())
                .addEqualityGroup(
                        ViewSpec.builder("/r").option("linux.resolve", "walk").build())
                .addEqualityGroup(ViewSpec.builder("/r").readOnlyRoot().build())
                .addEqualityGroup(ViewSpec.builder("/r").allowDevices().build())
                .addEqualityGroup(
                        ViewSpec.builder("/r").createMissingTargets(false).build())
                .addEqualityGroup(
                        ViewSpec.ofProcess(7).build(), ViewSpec.ofProcess(7).build())
                .addEqualityGroup(ViewSpec.ofProcess(8).build())
                .addEqualityGroup(
                        ViewSpec.ofProcess(7).allowHostMountNamespace().build())
                .testEquals();
    }

    @Test
    void mountSpecsAreEqualExactlyWhenEveryPartIs() throws Exception {
        new EqualsTester()
                .addEqualityGroup(
                        MountSpec.bind("/s", "/d").build(),
                        MountSpec.bind("/s", "/d/").build())
                .addEqualityGroup(MountSpec.bind("/s2", "/d").build())
                .addEqualityGroup(MountSpec.bind("/s", "/e").build())
                .addEqualityGroup(MountSpec.bind("/s", "/d").writable().build())
                .addEqualityGroup(MountSpec.bind("/s", "/d").nonRecursive().build())
                .addEqualityGroup(
                        MountSpec.bind("/s", "/d").readOnlyNonRecursive().build())
                .addEqualityGroup(
                        MountSpec.bind("/s", "/d").readOnlyForceRecursive().build())
                .addEqualityGroup(
                        MountSpec.tmpfs("/d").build(), MountSpec.tmpfs("/d").build())
                .addEqualityGroup(MountSpec.tmpfs("/d").sizeBytes(1 << 20).build())
                .addEqualityGroup(MountSpec.tmpfs("/d").mode(0700).build())
                .testEquals();
    }

    @Test
    void pathStatsAreEqualExactlyWhenEveryPartIs() {
        Instant t = Instant.parse("2026-12-04T10:00:00Z");
        new EqualsTester()
                .addEqualityGroup(
                        new PathStat("f", 1, 0100644, t, ""), new PathStat("f", 1, 0100644, t, ""))
                .addEqualityGroup(new PathStat("g", 1, 0100644, t, ""))
                .addEqualityGroup(new PathStat("f", 2, 0100644, t, ""))
                .addEqualityGroup(new PathStat("f", 1, 0100600, t, ""))
                .addEqualityGroup(new PathStat("f", 1, 0100644, t.plusNanos(1), ""))
                .addEqualityGroup(new PathStat("f", 1, 0120777, t, "/x"))
                .testEquals();
    }

    @Test
    void mountEntriesAreEqualExactlyWhenEveryPartIs() {
        String line = "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw";
        new EqualsTester()
                .addEqualityGroup(
                        MountEntry.parseMountinfo(line),
                        MountEntry.parseMountinfo(line),
                        new MountEntry(
                                "/mnt2",
                                "ext3",
                                "/dev/root",
                                "/mnt1",
                                MountEntry.parseMountinfo(line).options()))
                .addEqualityGroup(new MountEntry("/other", "ext3", "/dev/root", "/mnt1", List.of()))
                .addEqualityGroup(new MountEntry("/mnt2", "xfs", "/dev/root", "/mnt1", List.of()))
                .addEqualityGroup(new MountEntry("/mnt2", "ext3", "/dev/sda", "/mnt1", List.of()))
                .addEqualityGroup(new MountEntry("/mnt2", "ext3", "/dev/root", "/", List.of()))
                .addEqualityGroup(
                        new MountEntry("/mnt2", "ext3", "/dev/root", "/mnt1", List.of("ro")))
                .testEquals();
    }

    @Test
    void openOptionsAreEqualExactlyWhenTheirFileKeysAre() {
        new EqualsTester()
                .addEqualityGroup(ViewOpenOption.REGULAR_FILE, ViewOpenOption.REGULAR_FILE)
                .addEqualityGroup(ViewOpenOption.sameFileAs("k1"), ViewOpenOption.sameFileAs("k1"))
                .addEqualityGroup(ViewOpenOption.sameFileAs("k2"))
                .testEquals();
    }

    @Test
    void availabilitiesAreEqualExactlyWhenTheySayTheSame() {
        new EqualsTester()
                .addEqualityGroup(
                        Availability.available(Set.of("a", "b")),
                        Availability.available(Set.of("b", "a")))
                .addEqualityGroup(Availability.available(Set.of()))
                .addEqualityGroup(
                        Availability.unavailable("no CAP_SYS_ADMIN"),
                        Availability.unavailable("no CAP_SYS_ADMIN"))
                .addEqualityGroup(Availability.unavailable("not Linux"))
                .testEquals();
    }
}
