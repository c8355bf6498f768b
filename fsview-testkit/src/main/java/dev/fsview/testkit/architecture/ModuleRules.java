package dev.fsview.testkit.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.junit.ArchTest;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link PackageRules} as ArchUnit tests, for every fsview module among the classes a test
 * imported. A module's whole {@code ArchitectureTest} is then:
 * <pre>{@code
 * @AnalyzeClasses(packages = "dev.fsview.fake",
 *         importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTest {
 *     @ArchTest
 *     static final ArchTests rules = ArchTests.in(ModuleRules.class);
 * }
 * }</pre>
 */
public final class ModuleRules {
    private ModuleRules() {}

    /**
     * No package cycle in any module imported.
     *
     * @param classes what the test imported
     */
    @ArchTest
    public static void noPackageCycles(JavaClasses classes) {
        for (FsviewModule module : modulesIn(classes)) {
            PackageRules.noPackageCycles(module).check(classes);
        }
    }

    /**
     * No dependency against the layering in any module imported.
     *
     * @param classes what the test imported
     */
    @ArchTest
    public static void layering(JavaClasses classes) {
        for (FsviewModule module : modulesIn(classes)) {
            PackageRules.layering(module).check(classes);
        }
    }

    /**
     * No two top-level classes with one simple name in any module imported.
     *
     * @param classes what the test imported
     */
    @ArchTest
    public static void uniqueSimpleNames(JavaClasses classes) {
        for (FsviewModule module : modulesIn(classes)) {
            PackageRules.uniqueSimpleNames(module).check(classes);
        }
    }

    /** The modules with at least one class among {@code classes}; never none. */
    static List<FsviewModule> modulesIn(JavaClasses classes) {
        List<FsviewModule> out = new ArrayList<>();
        for (FsviewModule module : FsviewModule.values()) {
            if (classes.stream().anyMatch(module::contains)) {
                out.add(module);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no fsview module among the " + classes.size()
                    + " classes imported: check the test's @AnalyzeClasses packages");
        }
        return out;
    }
}
