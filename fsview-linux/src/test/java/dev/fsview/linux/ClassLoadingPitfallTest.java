package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.SetupStep;
import dev.fsview.MountStepException;
import dev.fsview.ViewSpec;
import dev.fsview.linux.preload.ClassMissingInViewError;
import dev.fsview.linux.preload.ClassMissingInViewException;
import dev.fsview.linux.pitfall.FirstNeededInTheView;
import dev.fsview.linux.pitfall.NamedInPreloadClasses;
import org.junit.jupiter.api.Test;

/**
 * The class-loading pitfall: a class first needed on the view thread after the root switch is
 * looked up inside the container. The test classes come from a directory, as in development, so a
 * class no one has loaded yet really is missing in the view. Each case uses its own top-level class
 * (in {@code pitfall}), because a class that failed to load, or was preloaded, stays that way for
 * the JVM's life, and JUnit loads the nested classes of a test class when it discovers it.
 */
class ClassLoadingPitfallTest extends ViewFixture {

    @Test
    void aClassFirstNeededInTheViewFailsWithAMessageThatSaysWhyAndHowToPreload() throws Exception {
        FsView view = open(ViewSpec.builder(dir("root")).build());
        assertThatThrownBy(() -> view.call(ctx -> FirstNeededInTheView.hello()))
                .isInstanceOf(ClassMissingInViewError.class)
                .isInstanceOf(NoClassDefFoundError.class)
                .hasMessageContaining("dev.fsview.linux.pitfall.FirstNeededInTheView")
                .hasMessageContaining("switched root")
                .hasMessageContaining("preloadClasses")
                .cause().isInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void aClassNamedInPreloadClassesWorksInTheView() throws Exception {
        String name = "dev.fsview.linux.pitfall.NamedInPreloadClasses";
        FsView view = open(ViewSpec.builder(dir("root")).preloadClasses(name).build());
        String r = view.call(ctx -> NamedInPreloadClasses.hello());
        assertThat(r).isEqualTo("NamedInPreloadClasses");
    }

    @Test
    void classForNameOfAHostClassIsExplainedToo() throws Exception {
        String name = "dev.fsview.linux.pitfall.LookedUpByName";
        FsView view = open(ViewSpec.builder(dir("root")).build());
        assertThatThrownBy(() -> view.call(ctx -> Class.forName(name)))
                .isInstanceOf(ClassMissingInViewException.class)
                .hasMessageContaining(name).hasMessageContaining("preloadClasses")
                .cause().isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void aClassMissingOnTheHostTooIsReportedUnchanged() throws Exception {
        FsView view = open(ViewSpec.builder(dir("root")).build());
        assertThatThrownBy(() -> view.call(ctx -> Class.forName("no.such.Clazz")))
                .isExactlyInstanceOf(ClassNotFoundException.class).hasMessage("no.such.Clazz");
    }

    @Test
    void aPreloadClassThatDoesNotExistFailsTheOpenClearly() throws Exception {
        ViewSpec spec = ViewSpec.builder(dir("root")).preloadClasses("no.such.Clazz").build();
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
        FsView view = open(ViewSpec.builder(dir("root")).build());
        try (var err = dev.fsview.testkit.support.StderrCapture.start()) {
            view.start(ctx -> dev.fsview.linux.pitfall.NeededByAStartedTask.hello());
            java.time.Duration limit = java.time.Duration.ofSeconds(10);
            assertThat(err.awaitContains("ClassMissingInViewError", limit))
                    .as("stderr: %s", err.captured()).isTrue();
            assertThat(err.awaitContains("preloadClasses", limit)).isTrue();
        }
    }
}
