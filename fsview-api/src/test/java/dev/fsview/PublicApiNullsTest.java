package dev.fsview;

import com.google.common.testing.NullPointerTester;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every public method and constructor of fsview-api's public types rejects a {@code null} argument
 * with a {@link NullPointerException} (naming the argument), before it changes anything.
 */
class PublicApiNullsTest {

    private static NullPointerTester tester() throws Exception {
        return new NullPointerTester()
                .setDefault(String.class, "/x")
                .setDefault(Path.class, Path.of("/x"))
                .setDefault(Duration.class, Duration.ofSeconds(1))
                .setDefault(MountSpec.class, MountSpec.tmpfs("/t").build())
                .setDefault(ViewSpec.class, ViewSpec.builder("/r").build());
    }

    @ParameterizedTest
    @ValueSource(classes = {ViewSpec.class, MountSpec.class, PathStat.class, FsViews.class,
        ViewOpenOption.class, SetupStep.class, HandOverStrategy.class})
    void staticMethodsAndConstructorsRejectNull(Class<?> type) throws Exception {
        tester().testAllPublicStaticMethods(type);
        tester().testAllPublicConstructors(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"spec", "builder", "bind", "tmpfs"})
    void instancesRejectNull(String which) throws Exception {
        Object instance;
        switch (which) {
            case "spec":
                instance = ViewSpec.builder("/r").mount(MountSpec.tmpfs("/t").build()).build();
                break;
            case "builder":
                instance = ViewSpec.builder("/r");
                break;
            case "bind":
                instance = MountSpec.bind("/s", "/d");
                break;
            default:
                instance = MountSpec.tmpfs("/t");
                break;
        }
        tester().testAllPublicInstanceMethods(instance);
    }
}
