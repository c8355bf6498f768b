package dev.fsview.bench.report;

import dev.fsview.FsViewBackend;
import dev.fsview.FsViews;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks the shaded jar as shipped: both backends must be found through {@code ServiceLoader}, so
 * the jar's merged {@code META-INF/services} lists them both. The build runs it on the jar; it
 * needs no privileges (a backend may be unavailable, it must only be present).
 */
public final class JarCheck {
    private JarCheck() {}

    /**
     * Prints the backends and exits 1 if {@code linux} or {@code fake} is missing.
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.out.print(FsViews.describe());
        List<String> names =
                FsViews.providers().stream().map(FsViewBackend::name).collect(Collectors.toList());
        if (!names.containsAll(List.of("linux", "fake"))) {
            System.err.println("the benchmarks jar must hold both backends; found " + names);
            System.exit(1);
        }
    }
}
