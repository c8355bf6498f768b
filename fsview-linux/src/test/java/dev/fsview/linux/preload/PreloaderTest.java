package dev.fsview.linux.preload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * The base preload takes fsview's packages that a view thread runs, and nothing else of a jar
 * that bundles more (an application's or the benchmarks' uber jar holds the kit and the CLI too,
 * whose classes may not even load without their optional dependencies).
 */
class PreloaderTest {
    private static final List<String> UBER_JAR = List.of(
            "dev/fsview/FsView.class",
            "dev/fsview/module-info.class",
            "dev/fsview/spi/AbstractFsView.class",
            "dev/fsview/spi/dispatch/TaskDispatcher.class",
            "dev/fsview/testkit/architecture/ModuleRules.class",
            "dev/fsview/cli/Main.class",
            "dev/fsview/linux/LinuxView.class",
            "org/other/Thing.class");

    @TempDir
    Path dir;

    @Test
    void aShallowPackageTakesOnlyItsOwnClasses() throws Exception {
        Path jar = jar(UBER_JAR);

        assertThat(Preloader.classNames(jar.toUri().toURL(), "dev/fsview/", false))
                .containsExactly("dev.fsview.FsView");
    }

    @Test
    void aDeepPackageTakesItsSubpackagesAndNoSibling() throws Exception {
        Path jar = jar(UBER_JAR);

        assertThat(Preloader.classNames(jar.toUri().toURL(), "dev/fsview/spi/", true))
                .containsExactlyInAnyOrder(
                        "dev.fsview.spi.AbstractFsView", "dev.fsview.spi.dispatch.TaskDispatcher");
    }

    @Test
    void aClassDirectoryIsReadTheSameWay() throws Exception {
        Path classes = dir.resolve("classes");
        for (String name : UBER_JAR) {
            Path file = classes.resolve(name);
            Files.createDirectories(file.getParent());
            Files.createFile(file);
        }

        assertThat(Preloader.classNames(classes.toUri().toURL(), "dev/fsview/", false))
                .containsExactly("dev.fsview.FsView");
        assertThat(Preloader.classNames(classes.toUri().toURL(), "dev/fsview/linux/", true))
                .containsExactly("dev.fsview.linux.LinuxView");
    }

    private Path jar(List<String> entries) throws IOException {
        Path jar = dir.resolve("uber.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream zip = new JarOutputStream(out)) {
            for (String name : entries) {
                zip.putNextEntry(new JarEntry(name));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
