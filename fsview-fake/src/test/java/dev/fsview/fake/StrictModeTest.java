package dev.fsview.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.ViewContext;
import dev.fsview.ViewSpec;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * Strict mode (issue 13): a task that loads a class neither preloaded nor loaded before the view
 * opened fails, as on Linux; off by default. Each probe class is loaded through a class loader of
 * its test's own (so that nothing, not even a test runner scanning the class path, has loaded that
 * class before).
 */
class StrictModeTest {
    private static FakeHost host() throws Exception {
        return new FakeHost().mkdirs("/c/root");
    }

    /** A loader of this module's test classes of its own, the JDK as its parent. */
    private static ClassLoader fresh() {
        URL classes = StrictModeTest.class.getProtectionDomain().getCodeSource().getLocation();
        return new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
    }

    /** A task calling a probe's {@code value()}, loading the probe through {@code loader}. */
    private static int value(ClassLoader loader, String probe) throws Exception {
        Method m =
                Class.forName("dev.fsview.fake." + probe, true, loader).getDeclaredMethod("value");
        m.setAccessible(true);
        return (Integer) m.invoke(null);
    }

    private static int callValue(FsView view, ClassLoader loader, String probe) throws Exception {
        return view.<Integer, Exception>call((ViewContext ctx) -> value(loader, probe));
    }

    @Test
    void aTaskLoadingAClassNotPreloadedFailsAsOnLinux() throws Exception {
        FakeHost host = host().strict(true);
        ClassLoader loader = fresh();
        try (FsView view = host.open(ViewSpec.builder("/c/root").build())) {
            assertThat(view.<Integer, RuntimeException>call(ctx -> 1 + 1)).isEqualTo(2);
            assertThatThrownBy(() -> callValue(view, loader, "StrictProbeA"))
                    .isInstanceOf(NoClassDefFoundError.class)
                    .hasMessageContaining("dev.fsview.fake.StrictProbeA")
                    .hasMessageContaining("preloadClasses");
            // now loaded (by the failed task): a later task is not blamed again
            assertThat(callValue(view, loader, "StrictProbeA")).isEqualTo(1);
        }
    }

    @Test
    void aPreloadedClassOrOneLoadedBeforeTheViewOpenedPasses() throws Exception {
        FakeHost host = host().strict(true);
        ClassLoader loader = fresh();
        Thread me = Thread.currentThread();
        ClassLoader before = me.getContextClassLoader();
        me.setContextClassLoader(loader); // preloadClasses loads through the context loader
        try (FsView view = host.open(ViewSpec.builder("/c/root")
                .preloadClasses("dev.fsview.fake.StrictProbeB")
                .build())) {
            assertThat(callValue(view, loader, "StrictProbeB")).isEqualTo(2);
        } finally {
            me.setContextClassLoader(before);
        }
        assertThat(value(loader, "StrictProbeC")).isEqualTo(3);
        try (FsView view = host.open(ViewSpec.builder("/c/root").build())) {
            assertThat(callValue(view, loader, "StrictProbeC")).isEqualTo(3);
        }
    }

    @Test
    void offByDefaultAndOnForEveryViewWithTheSystemProperty() throws Exception {
        ClassLoader loader = fresh();
        try (FsView view = host().open(ViewSpec.builder("/c/root").build())) {
            assertThat(callValue(view, loader, "StrictProbeD")).isEqualTo(4);
        }
        System.setProperty(StrictClasses.PROPERTY, "true");
        try (FsView view = host().open(ViewSpec.builder("/c/root").build())) {
            assertThatThrownBy(() -> callValue(view, loader, "StrictProbeE"))
                    .isInstanceOf(NoClassDefFoundError.class)
                    .hasMessageContaining("dev.fsview.fake.StrictProbeE");
        } finally {
            System.clearProperty(StrictClasses.PROPERTY);
        }
    }
}

/** Loaded first inside a strict task. */
final class StrictProbeA {
    private StrictProbeA() {}

    static int value() {
        return 1;
    }
}

/** Named in preloadClasses. */
final class StrictProbeB {
    private StrictProbeB() {}

    static int value() {
        return 2;
    }
}

/** Loaded by the test before the view opens. */
final class StrictProbeC {
    private StrictProbeC() {}

    static int value() {
        return 3;
    }
}

/** Loaded first inside a task of a view not in strict mode. */
final class StrictProbeD {
    private StrictProbeD() {}

    static int value() {
        return 4;
    }
}

/** Loaded first inside a task made strict by the system property. */
final class StrictProbeE {
    private StrictProbeE() {}

    static int value() {
        return 5;
    }
}
