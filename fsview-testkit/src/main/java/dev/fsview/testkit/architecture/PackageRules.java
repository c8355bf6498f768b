package dev.fsview.testkit.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SliceRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The package rules of every fsview module, as ArchUnit rules: no package cycle, no dependency
 * against the modules' layering (ARCHITECTURE.md, "Modules and packages"), and no two top-level
 * classes with one simple name. Each module's {@code ArchitectureTest} runs them over its own main
 * classes, through {@link ModuleRules}.
 *
 * <p>No cycle is allowed: the list of known cycles that the rules started with (issue 14: nine
 * package edges in fake, cli, linux and the kit) is gone with the last of them. The one exception
 * is the API's design, not a cycle to remove: {@link #API_REACHES_SPI}, class by class.
 */
public final class PackageRules {

    /**
     * Not a cycle to remove but the API's design: {@code dev.fsview.spi} builds on the API's types
     * ({@code AbstractFsView implements FsView}), and the API reaches into the SPI at exactly these
     * places, as {@code java.nio.file.FileSystems} names {@code java.nio.file.spi}: the
     * discovery of providers ({@code FsViews} names {@code FsViewProvider} and
     * {@code Availability}), and the API's uses of the SPI's one copy of a helper:
     * {@code MountSpec} of {@code Filepath}, the one Go {@code filepath.Clean} (issue 14 puts it in
     * the SPI), {@code MountEntry} of {@code Mountinfo}, the one mountinfo parser. Each entry:
     * origin class, target class. Any other use of the SPI by {@code dev.fsview} is a cycle and
     * fails.
     */
    static final List<String[]> API_REACHES_SPI = List.of(
            new String[] {"dev.fsview.FsViews", "dev.fsview.spi.FsViewProvider"},
            new String[] {"dev.fsview.FsViews", "dev.fsview.Availability"},
            new String[] {"dev.fsview.MountSpec", "dev.fsview.spi.Filepath"},
            new String[] {"dev.fsview.MountEntry", "dev.fsview.spi.Mountinfo"});

    private PackageRules() {}

    /**
     * No cycle between any two packages of {@code module}'s main code, at every depth: each
     * package is its own slice ({@code fake.vfs} and {@code fake.vfs.node} are two), the module's
     * base package included. Only the API's own uses of its SPI ({@link #API_REACHES_SPI}) are
     * ignored.
     *
     * @param module the module whose packages the rule slices
     * @return the rule
     */
    public static ArchRule noPackageCycles(FsviewModule module) {
        Objects.requireNonNull(module, "module");
        SliceRule rule = slices().assignedFrom(new EachPackage(module)).should().beFreeOfCycles();
        if (module == FsviewModule.API) {
            for (String[] use : API_REACHES_SPI) {
                rule = rule.ignoreDependency(classOrNested(use[0]), classOrNested(use[1]));
            }
        }
        return rule.because("a package of " + module + " is one idea, and ideas layer");
    }

    /**
     * {@code module}'s main classes depend only on the JDK, the libraries it is allowed, its own
     * packages and the fsview modules below it: api &lt;- linux, fake, testkit, cli; everything
     * &lt;- benchmarks; backends never on each other (a backend is found by the
     * {@link java.util.ServiceLoader}, never named).
     *
     * @param module the module whose classes the rule checks
     * @return the rule
     */
    public static ArchRule layering(FsviewModule module) {
        Objects.requireNonNull(module, "module");
        List<String> allowed = new ArrayList<>(Arrays.asList(module.packages()));
        for (FsviewModule below : module.dependsOn()) {
            allowed.addAll(Arrays.asList(below.packages()));
        }
        allowed.add("java..");
        // The JDK's own javax packages (the fake's strict mode asks java.management which
        // classes are loaded); no library on the class path lives under javax.
        allowed.add("javax..");
        allowed.addAll(Arrays.asList(module.libraries()));
        return classes()
                .that(module.containsPredicate())
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(allowed.toArray(String[]::new))
                .because(module + " depends on " + module.dependsOn() + " and "
                        + Arrays.toString(module.libraries()) + " only (ARCHITECTURE.md)");
    }

    /**
     * No two top-level classes of {@code module}'s main code share a simple name ({@code Faults}
     * in two packages of one module reads as one class in a stack trace, a review and an IDE's
     * completion). Nested types ({@code Builder}, {@code Mount}) are named through their owner
     * and may repeat.
     *
     * @param module the module whose classes the rule checks
     * @return the rule
     */
    public static ArchRule uniqueSimpleNames(FsviewModule module) {
        Objects.requireNonNull(module, "module");
        return classes()
                .that(module.containsPredicate())
                .and()
                .areTopLevelClasses()
                .and()
                .doNotHaveSimpleName("package-info")
                .should(new UniqueSimpleName(module))
                .because("a class's simple name says which class it is within " + module);
    }

    private static DescribedPredicate<JavaClass> classOrNested(String name) {
        return DescribedPredicate.describe(
                name, c -> c.getName().equals(name) || c.getName().startsWith(name + "$"));
    }

    /** Fails every top-level class whose simple name another top-level class of the module has. */
    private static final class UniqueSimpleName extends ArchCondition<JavaClass> {
        private final Map<String, List<String>> byName = new HashMap<>();

        UniqueSimpleName(FsviewModule module) {
            super("have a simple name no other top-level class of " + module + " has");
        }

        @Override
        public void init(Collection<JavaClass> all) {
            byName.clear();
            for (JavaClass c : all) {
                byName.computeIfAbsent(c.getSimpleName(), k -> new ArrayList<>())
                        .add(c.getName());
            }
        }

        @Override
        public void check(JavaClass c, ConditionEvents events) {
            List<String> same = byName.getOrDefault(c.getSimpleName(), List.of());
            if (same.size() > 1) {
                events.add(SimpleConditionEvent.violated(
                        c,
                        c.getName() + " shares its simple name" + " with "
                                + same.stream()
                                        .filter(n -> !n.equals(c.getName()))
                                        .toList()));
            }
        }
    }

    /** One slice per package of the module, at every depth. */
    private static final class EachPackage implements SliceAssignment {
        private final FsviewModule module;

        EachPackage(FsviewModule module) {
            this.module = module;
        }

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            return module.contains(javaClass)
                    ? SliceIdentifier.of(javaClass.getPackageName())
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of " + module;
        }
    }
}
