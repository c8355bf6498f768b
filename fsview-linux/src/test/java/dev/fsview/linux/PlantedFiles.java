package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Files a hostile container plants where the JVM or glibc would read them by path if they were
 * looked up inside it, dated so that any read shows: relatime updates an access time older than
 * the modification time.
 */
final class PlantedFiles {
    /** The access time a planted file keeps as long as nothing reads it. */
    static final FileTime LONG_AGO = FileTime.fromMillis(981_173_106_789L);

    /** Where glibc looks for an NSS module, on the architectures the tests run on. */
    private static final String[] LIB_DIRS = {
        "lib",
        "usr/lib",
        "lib64",
        "usr/lib64",
        "lib/x86_64-linux-gnu",
        "usr/lib/x86_64-linux-gnu",
        "lib/aarch64-linux-gnu",
        "usr/lib/aarch64-linux-gnu"
    };

    private PlantedFiles() {}

    /**
     * Plants a file, its parents created, with its access time long ago.
     *
     * @param p where
     * @return {@code p}
     * @throws IOException if it cannot be written
     */
    static Path plant(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, "planted by the container: reading it would change its access time");
        Files.getFileAttributeView(p, BasicFileAttributeView.class).setTimes(null, LONG_AGO, null);
        return p;
    }

    /**
     * Plants the NSS module {@code libnss_evil.so.2} in every library directory of the container
     * (its {@code nsswitch.conf} is the test's to write).
     *
     * @param root the container's root
     * @return the planted modules
     * @throws IOException if one cannot be written
     */
    static List<Path> plantNssModules(Path root) throws IOException {
        List<Path> planted = new ArrayList<>();
        for (String d : LIB_DIRS) {
            planted.add(plant(root.resolve(d).resolve("libnss_evil.so.2")));
        }
        return planted;
    }

    /**
     * Asserts that nothing read the planted files: each kept the access time it was planted with.
     *
     * @param planted the files
     * @throws IOException if one cannot be read
     */
    static void assertNeverRead(List<Path> planted) throws IOException {
        for (Path p : planted) {
            assertThat(Files.getLastModifiedTime(p))
                    .as("modification time of %s", p)
                    .isNotEqualTo(LONG_AGO);
            assertThat((FileTime) Files.getAttribute(p, "lastAccessTime"))
                    .as("access time of the planted %s", p)
                    .isEqualTo(LONG_AGO);
        }
    }
}
