package dev.fsview.fake;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

import dev.fsview.testkit.architecture.ModuleRules;

/**
 * fsview-fake's main code: no package cycle, no dependency against the layering (ARCHITECTURE.md), no two
 * top-level classes with one simple name.
 */
@AnalyzeClasses(packages = "dev.fsview.fake", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchTests rules = ArchTests.in(ModuleRules.class);
}
