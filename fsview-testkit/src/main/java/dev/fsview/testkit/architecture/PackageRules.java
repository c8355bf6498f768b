package dev.fsview.testkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Objects;

/**
 * The package rules every fsview module's {@code ArchitectureTest} runs, as ArchUnit rules.
 *
 * <p>The layering they state (ARCHITECTURE.md, "Modules and packages"):
 * <ol>
 *   <li>{@code dev.fsview} is the public API. {@code dev.fsview.spi..} is what backends build on.
 *       Neither depends on any backend, the kit, the CLI or the benchmarks.
 *   <li>A module is one package per idea: its top-level packages ({@code dev.fsview.fake.walk},
 *       {@code dev.fsview.fake.mount}, ...) and its root package form a graph without cycles.
 * </ol>
 * Use: {@code PackageRules.noCyclesBetweenTopLevelPackages("dev.fsview.fake").check(
 * PackageRules.mainClasses("dev.fsview.fake"))}.
 */
public final class PackageRules {
    /** The packages of code that is not the API: the backends, the kit, the CLI, the benchmarks. */
    static final String[] NON_API_PACKAGES = {
        "dev.fsview.linux..", "dev.fsview.fake..", "dev.fsview.testkit..", "dev.fsview.cli..",
        "dev.fsview.benchmarks..",
    };

    private PackageRules() {
    }

    /**
     * Imports the main (non-test) classes of {@code basePackage} and its subpackages from the class
     * path.
     *
     * @param basePackage a module's base package, for example {@code dev.fsview.fake}
     * @return the imported classes
     */
    public static JavaClasses mainClasses(String basePackage) {
        Objects.requireNonNull(basePackage, "basePackage");
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /**
     * No cycle between the top-level packages below {@code basePackage}, counting
     * {@code basePackage} itself as one more package: {@code fake.mount -> fake.walk -> fake.mount}
     * and {@code fake -> fake.host -> fake} both fail. Subpackages of a top-level package belong to
     * it ({@code fake.vfs.node} is {@code vfs}).
     *
     * @param basePackage a module's base package, for example {@code dev.fsview.fake}
     * @return the rule
     */
    public static ArchRule noCyclesBetweenTopLevelPackages(String basePackage) {
        return slices().assignedFrom(new TopLevelPackages(basePackage)).should().beFreeOfCycles()
                .because("each package of " + basePackage + " is one idea, and ideas layer");
    }

    /**
     * The public API ({@code dev.fsview}) and the SPI ({@code dev.fsview.spi..}) never depend on a
     * backend, the kit, the CLI or the benchmarks: a library user gets the API without them, and a
     * backend is found by {@link java.util.ServiceLoader}, never named.
     *
     * @return the rule
     */
    public static ArchRule apiDependsOnNoBackend() {
        return noClasses().that().resideInAnyPackage("dev.fsview", "dev.fsview.spi..")
                .should().dependOnClassesThat().resideInAnyPackage(NON_API_PACKAGES)
                .because("backends are found through the SPI's ServiceLoader, never named by the API");
    }

    /**
     * Classes of {@code ownPackage} depend on no other backend, nor on the CLI or the benchmarks
     * (the kit is allowed: a backend's tests run its contracts, but those are test classes). Run it
     * in fsview-linux and fsview-fake: two backends that share code share it through the SPI.
     *
     * @param ownPackage the backend's base package, for example {@code dev.fsview.linux}
     * @return the rule
     */
    public static ArchRule backendDependsOnNoOtherBackend(String ownPackage) {
        Objects.requireNonNull(ownPackage, "ownPackage");
        String[] others = java.util.Arrays.stream(NON_API_PACKAGES)
                .filter(p -> !p.equals(ownPackage + ".."))
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(ownPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("backends share code through dev.fsview.spi, not through each other");
    }

    /** One slice per top-level package below the base, plus the base package itself. */
    private static final class TopLevelPackages implements SliceAssignment {
        private final String base;

        TopLevelPackages(String base) {
            this.base = Objects.requireNonNull(base, "basePackage");
        }

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (pkg.equals(base)) {
                return SliceIdentifier.of(base);
            }
            if (!pkg.startsWith(base + ".")) {
                return SliceIdentifier.ignore();
            }
            String rest = pkg.substring(base.length() + 1);
            int dot = rest.indexOf('.');
            return SliceIdentifier.of(base + "." + (dot < 0 ? rest : rest.substring(0, dot)));
        }

        @Override
        public String getDescription() {
            return "the top-level packages of " + base + " and " + base + " itself";
        }
    }
}
