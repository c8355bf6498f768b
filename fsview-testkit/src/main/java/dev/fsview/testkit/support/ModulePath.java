package dev.fsview.testkit.support;

import dev.fsview.FsViewBackend;
import dev.fsview.FsViews;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Runs provider discovery in a child JVM whose fsview modules are on the module path, not the
 * class path: what a modular application sees. The tests run on the class path (where a backend's
 * {@code META-INF/services} file finds it whatever its {@code module-info} says), so only a JVM of
 * its own proves that the backend's {@code provides} finds it, in its own named module, exporting
 * what it says.
 *
 * <p>The child's class path holds only this kit's classes (for {@link #main}); every provider it
 * can find is on the module path.
 */
public final class ModulePath {
    private static final long TIMEOUT_SECONDS = 60;

    private ModulePath() {}

    /**
     * Lists what a JVM with {@code onModulePath} as its module path sees: first the api module and
     * the packages it exports to every module ({@code api MODULE exports-to-all [PACKAGES]}), then
     * the providers it finds, one line each: {@code provider NAME MODULE exports [PACKAGES]}.
     *
     * @param onModulePath a class of each module (or library) to put on the module path, by the
     *     jar or class directory it was loaded from
     * @return the child's lines, in discovery order
     * @throws IOException if the child cannot run, fails or does not finish in time
     * @throws InterruptedException if interrupted while waiting for it
     */
    public static List<String> discover(Class<?>... onModulePath)
            throws IOException, InterruptedException {
        Set<String> path = new LinkedHashSet<>();
        for (Class<?> c : onModulePath) {
            path.add(location(Objects.requireNonNull(c, "class")).toString());
        }
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                String.join(File.pathSeparator, path),
                "--add-modules",
                "ALL-MODULE-PATH",
                "-cp",
                location(ModulePath.class).toString(),
                ModulePath.class.getName());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try {
            out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException("the module-path JVM did not finish in " + TIMEOUT_SECONDS
                        + " s: " + command);
            }
        } finally {
            child.destroyForcibly();
        }
        if (child.exitValue() != 0) {
            throw new IOException("the module-path JVM failed (" + child.exitValue() + "): "
                    + command + "\n" + out);
        }
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("provider ") || line.startsWith("api ")) {
                lines.add(line);
            }
        }
        return lines;
    }

    /**
     * The child's side: prints the api module's unqualified exports, then each provider
     * {@link FsViews#providers()} finds, its module and that module's exported packages.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Module api = FsViews.class.getModule();
        Set<String> toAll = new TreeSet<>();
        if (api.getDescriptor() != null) {
            api.getDescriptor().exports().stream()
                    .filter(e -> !e.isQualified())
                    .forEach(e -> toAll.add(e.source()));
        }
        System.out.println(
                "api " + (api.isNamed() ? api.getName() : "unnamed") + " exports-to-all " + toAll);
        for (FsViewBackend p : FsViews.providers()) {
            Module m = p.getClass().getModule();
            Set<String> exports = new TreeSet<>();
            ModuleDescriptor d = m.getDescriptor();
            if (d != null) {
                d.exports().forEach(e -> exports.add(e.source()));
            }
            System.out.println("provider " + p.name() + " "
                    + (m.isNamed() ? m.getName() : "unnamed") + " exports " + exports);
        }
    }

    private static Path location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no file location for " + c, e);
        }
    }
}
