package dev.fsview.testkit.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

/**
 * fsview-api's and the kit's main code: no package cycle, no dependency against the layering
 * (ARCHITECTURE.md), no two top-level classes with one simple name. The api's rules run here
 * because the api cannot see the kit (the kit depends on it); its classes are on this module's
 * class path.
 */
@AnalyzeClasses(
        packages = {"dev.fsview", "dev.fsview.spi", "dev.fsview.testkit"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchTests rules = ArchTests.in(ModuleRules.class);
}
