package dev.fsview.linux.preload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which class-loading failures are explained, and how. */
class ClassLoadingHintsTest {
    private static final ClassLoader HOST = ClassLoadingHintsTest.class.getClassLoader();

    @Test
    void aMissOfAClassTheHostHasIsExplainedAsTheRootSwitch() {
        NoClassDefFoundError miss = new NoClassDefFoundError("dev/fsview/linux/preload/Preloader");
        Throwable t = ClassLoadingHints.explain(miss, "view X", HOST);
        assertThat(t)
                .isInstanceOf(ClassMissingInViewError.class)
                .hasCause(miss)
                .hasMessageContaining("dev.fsview.linux.preload.Preloader is on the class path")
                .hasMessageContaining("inside view X")
                .hasMessageContaining("preloadClasses(\"dev.fsview.linux.preload.Preloader\")");
    }

    @Test
    void aMissOfAClassTheHostLacksTooIsLeftAlone() {
        ClassNotFoundException miss = new ClassNotFoundException("no.such.Clazz");
        assertThat(ClassLoadingHints.explain(miss, "v", HOST)).isSameAs(miss);
    }

    @Test
    void aFailedInitialiserIsNotAMiss() {
        NoClassDefFoundError init = new NoClassDefFoundError("Could not initialize class a.B");
        assertThat(ClassLoadingHints.explain(init, "v", HOST)).isSameAs(init);
        assertThat(ClassLoadingHints.explainInView(init, "v")).isSameAs(init);
    }

    @Test
    void otherFailuresAndExplainedOnesAreLeftAlone() {
        IllegalStateException other = new IllegalStateException("x");
        assertThat(ClassLoadingHints.explain(other, "v", HOST)).isSameAs(other);
        Throwable once = ClassLoadingHints.explainInView(new NoClassDefFoundError("a/B"), "v");
        assertThat(ClassLoadingHints.explainInView(once, "v")).isSameAs(once);
    }

    @Test
    void inTheViewAMissIsExplainedWithoutConsultingTheHost() {
        ClassNotFoundException miss = new ClassNotFoundException("a.B");
        assertThat(ClassLoadingHints.explainInView(miss, "v"))
                .isInstanceOf(ClassMissingInViewException.class)
                .hasCause(miss)
                .hasMessageContaining("class a.B could not be loaded inside v");
    }
}
