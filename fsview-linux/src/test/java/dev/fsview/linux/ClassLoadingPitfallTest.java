package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.ViewSpec;
import dev.fsview.linux.pitfall.FirstNeededInTheView;
import dev.fsview.linux.pitfall.NamedInPreloadClasses;
import dev.fsview.linux.preload.ClassMissingInViewException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The class-loading pitfall: a class first needed on the view thread after the root switch is
 * looked up inside the container. For the system class path, fsview defines every class of its
 * directories and seals them before the first view opens, so such a class works; for any other
 * class loader (here a {@link URLClassLoader} over a host directory) it is not found, and the
 * failure says why and how to preload. Each case uses its own top-level class (in
 * {@code pitfall}), because a class that failed to load, or was preloaded, stays that way for the
 * JVM's life, and JUnit loads the nested classes of a test class when it discovers it.
 */
class ClassLoadingPitfallTest extends ViewFixture {

    @TempDir
    Path otherClassPath;

    @Test
    void aClassOfAClassPathDirectoryFirstNeededInTheViewWorks() throws Exception {
        FsView view = open(ViewSpec.builder(dir("root")).build());
        String r = view.call(ctx -> FirstNeededInTheView.hello());
        assertThat(r).isEqualTo("FirstNeededInTheView");
    }

    @Test
    void classForNameOfAClassOfAClassPathDirectoryWorksInTheView() throws Exception {
        String name = "dev.fsview.linux.pitfall.LookedUpByName";
        FsView view = open(ViewSpec.builder(dir("root")).build());
        String r = view.call(ctx -> Class.forName(name).getName());
        assertThat(r).isEqualTo(name);
    }

    @Test
    void aClassOfAnotherLoaderFirstNeededInTheViewFailsWithAMessageThatSaysWhyAndHowToPreload()
            throws Exception {
        String name = "dev.fsview.linux.pitfall.LookedUpByName";
        ClassLoader other = loaderOf(name);
        FsView view = open(ViewSpec.builder(dir("root")).build());
        assertThatThrownBy(() -> view.call(ctx -> Class.forName(name, true, other)))
                .isInstanceOf(ClassMissingInViewException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("switched root")
                .hasMessageContaining("preloadClasses")
                .cause()
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(Class.forName(name, true, other).getClassLoader())
                .as("on the host")
                .isSameAs(other);
    }

    @Test
    void aClassNamedInPreloadClassesWorksInTheView() throws Exception {
        String name = "dev.fsview.linux.pitfall.NamedInPreloadClasses";
        FsView view = open(ViewSpec.builder(dir("root")).preloadClasses(name).build());
        String r = view.call(ctx -> NamedInPreloadClasses.hello());
        assertThat(r).isEqualTo("NamedInPreloadClasses");
    }

    @Test
    void aClassMissingOnTheHostTooIsReportedUnchanged() throws Exception {
        FsView view = open(ViewSpec.builder(dir("root")).build());
        assertThatThrownBy(() -> view.call(ctx -> Class.forName("no.such.Clazz")))
                .isExactlyInstanceOf(ClassNotFoundException.class)
                .hasMessage("no.such.Clazz");
    }

    @Test
    void aPreloadClassThatDoesNotExistFailsTheOpenClearly() throws Exception {
        ViewSpec spec =
                ViewSpec.builder(dir("root")).preloadClasses("no.such.Clazz").build();
        assertThatThrownBy(() -> open(spec)).isInstanceOfSatisfying(MountStepException.class, e -> {
            assertThat(e.step()).isEqualTo(SetupStep.PRELOAD);
            assertThat(e.getMessage()).contains("no.such.Clazz");
        });
    }

    @Test
    void fsviewsOwnNioPathWorksAfterTheSwitchWithoutAnyPreloadByTheUser() throws Exception {
        java.nio.file.Path root = dir("root");
        java.nio.file.Files.writeString(root.resolve("f"), "x");
        FsView view = open(ViewSpec.builder(root).build());
        var fs = view.fileSystem();
        assertThat(java.nio.file.Files.readString(fs.getPath("/f"))).isEqualTo("x");
        try (var s = java.nio.file.Files.list(fs.getPath("/"))) {
            assertThat(s.count()).isEqualTo(1);
        }
        assertThat(view.stat("/f").size()).isEqualTo(1);
        view.chdir("/");
        assertThat(fs.provider().getFileStore(fs.getPath("/f")).getTotalSpace()).isPositive();
    }

    @Test
    void jdkClassesOfPlatformModulesLoadInTheView() throws Exception {
        FsView view = open(ViewSpec.builder(dir("root")).build());
        String ts = view.call(ctx -> new java.sql.Timestamp(0).toInstant().toString());
        assertThat(ts).isEqualTo("1970-01-01T00:00:00Z");
        boolean charset = view.call(ctx -> java.nio.charset.Charset.isSupported("ISO-2022-JP"));
        assertThat(charset).isTrue();
    }

    @Test
    void aWholePackageCanBePreloadedBeforeViewsOpen() throws Exception {
        dev.fsview.linux.preload.Preloader.preloadPackage(
                dev.fsview.linux.pitfall.whole.PreloadedWithItsPackage.class);
        FsView view = open(ViewSpec.builder(dir("root")).build());
        String r = view.call(ctx -> dev.fsview.linux.pitfall.whole.AlsoInThePackage.hello());
        assertThat(r).isEqualTo("AlsoInThePackage");
    }

    @Test
    void aStartedTasksClassLoadingFailureIsLoggedWithTheExplanation() throws Exception {
        String name = "dev.fsview.linux.pitfall.NeededByAStartedTask";
        ClassLoader other = loaderOf(name);
        FsView view = open(ViewSpec.builder(dir("root")).build());
        try (var err = dev.fsview.testkit.support.StderrCapture.start()) {
            view.start(ctx -> Class.forName(name, true, other));
            java.time.Duration limit = java.time.Duration.ofSeconds(10);
            assertThat(err.awaitContains("ClassMissingInViewException", limit))
                    .as("stderr: %s", err.captured())
                    .isTrue();
            assertThat(err.awaitContains("preloadClasses", limit)).isTrue();
        }
    }

    /**
     * A class loader of its own over a host directory holding a copy of a class of the class
     * path, not delegating to the system class loader: its classes are not sealed.
     */
    private ClassLoader loaderOf(String name) throws Exception {
        String file = name.replace('.', '/') + ".class";
        Path copy = otherClassPath.resolve(file);
        Files.createDirectories(copy.getParent());
        try (InputStream in = ClassLoader.getSystemResourceAsStream(file)) {
            Files.write(copy, in.readAllBytes());
        }
        return new URLClassLoader(
                new URL[] {otherClassPath.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }
}
