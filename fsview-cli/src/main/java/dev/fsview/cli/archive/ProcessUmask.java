package dev.fsview.cli.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * This process's umask, read once from {@code /proc/self/status} (Linux 4.7+), without changing
 * it: Java has no call that reads it, and {@code umask(2)} sets it for every thread at once.
 */
final class ProcessUmask {
    private static final OptionalInt UMASK = read(Path.of("/proc/self/status"));

    private ProcessUmask() {}

    /**
     * Says whether a file created with {@code mode} gets exactly those permission bits: none of
     * them is masked, and none is a setuid, setgid or sticky bit (which creation cannot express
     * through NIO). Unknown umask: {@code false}.
     *
     * @param mode the wanted mode
     * @return whether creating with it needs no chmod afterwards
     */
    static boolean createsExactly(int mode) {
        return createsExactly(mode, UMASK);
    }

    /** As {@link #createsExactly(int)}, under a given umask. */
    static boolean createsExactly(int mode, OptionalInt umask) {
        return umask.isPresent() && (mode & 07000) == 0 && (mode & 0777 & umask.getAsInt()) == 0;
    }

    /** The {@code Umask:} field of a status file, if it has one. */
    static OptionalInt read(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Umask:")) {
                    return OptionalInt.of(Integer.parseInt(line.substring(6).trim(), 8));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or too old a kernel: always chmod
        }
        return OptionalInt.empty();
    }
}
