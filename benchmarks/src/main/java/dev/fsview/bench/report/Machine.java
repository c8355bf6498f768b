package dev.fsview.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Where and when a run happened: processors, CPU model, kernel, JVM, date and load. */
public final class Machine {
    private Machine() {}

    /**
     * Describes this machine now.
     *
     * @return a few lines, each {@code key: value}
     */
    public static String describe() {
        return "date: " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT)
                + "\nprocessors: " + Runtime.getRuntime().availableProcessors()
                + "\ncpu: " + cpuModel().orElse("unknown")
                + "\nkernel: " + System.getProperty("os.name") + " "
                + System.getProperty("os.version")
                + "\njvm: " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version")
                + "\nload average: " + loadAverage() + "\n";
    }

    /**
     * Returns the 1, 5 and 15 minute load averages.
     *
     * @return e.g. {@code 0.12 0.30 0.25}, or {@code unknown}
     */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
