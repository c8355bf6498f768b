package dev.fsview.cli.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsview.FsViewBackend;
import dev.fsview.FsViews;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The two backends the tool runs on, and the checks that a test left nothing behind. */
final class Backends {
    private Backends() {}

    /** Skips a linux case where the backend cannot run, saying why; fake always runs. */
    static void assumeAvailable(String backend) {
        if (backend.equals("linux")) {
            FsViewBackend linux = FsViews.providers().stream()
                    .filter(p -> p.name().equals("linux"))
                    .findFirst()
                    .orElseThrow();
            assumeTrue(
                    linux.availability().isAvailable(),
                    "the linux backend cannot run here: " + linux.availability().reason());
        }
    }

    /** The host mount table's lines that mention one of these paths. */
    static List<String> mountsUnder(List<String> paths) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> paths.stream().anyMatch(l::contains))
                .collect(java.util.stream.Collectors.toList());
    }

    static long viewThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("fsview-view-"))
                .count();
    }
}
