package dev.fsview.fake.nio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * Whether the running JDK's {@code BasicFileAttributes.creationTime()} is a file's birth time
 * (Linux: {@code statx}'s {@code stx_btime}) rather than its modification time, as the fake must
 * answer like the JDK on a plain directory. Which one a JDK 17 or 21 reports depends on its update
 * release (JDK-8316304, backported), so the JDK is asked once, on first use: a temporary file
 * dated back must not report its new modification time as its creation.
 *
 * <p>Here, not in the SPI's {@code HostJdk}: the linux backend initialises every SPI class before
 * its first view (so that nothing loads lazily on a view thread), and there this probe made the
 * first linux open of every process create and delete a file in the host's temporary directory,
 * and start the JDK's security providers for its random name (8 ms of the CLI's start), for an
 * answer only the fake uses.
 */
final class HostBirthTimes {
    /** Whether birth times are reported: the probe's answer. */
    static final boolean REPORTED = probe();

    private HostBirthTimes() {}

    private static boolean probe() {
        Path f = null;
        try {
            f = Files.createTempFile("fsview-birth-time-", "");
            FileTime old = FileTime.fromMillis(981_173_106_000L);
            Files.setLastModifiedTime(f, old);
            return !Files.readAttributes(f, BasicFileAttributes.class)
                    .creationTime()
                    .equals(old);
        } catch (IOException | RuntimeException e) {
            // JDK 22 and later report birth times (JDK-8316304 is in them from the start).
            return Runtime.version().feature() >= 22;
        } finally {
            if (f != null) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignore) {
                    // a temporary file left in the temporary directory
                }
            }
        }
    }
}
