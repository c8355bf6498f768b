package dev.fsview.cli;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.fsview.testkit.architecture.FsviewModule;
import dev.fsview.testkit.architecture.PackageRules;

/**
 * fsview-cli's main code: no package cycle, no dependency against the layering (ARCHITECTURE.md), no two
 * top-level classes with one simple name.
 */
@AnalyzeClasses(packages = "dev.fsview.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final FsviewModule MODULE = FsviewModule.CLI;

    @ArchTest
    static final ArchRule noPackageCycles = PackageRules.noPackageCycles(MODULE);

    @ArchTest
    static final ArchRule layering = PackageRules.layering(MODULE);

    @ArchTest
    static final ArchRule uniqueSimpleNames = PackageRules.uniqueSimpleNames(MODULE);
}
