package dev.fsview.testkit.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;

import java.util.List;
import java.util.Locale;

/**
 * The Maven modules of fsview as {@link PackageRules} sees them: each one's packages, the fsview
 * modules its main code may use, and the libraries it may use besides the JDK. This is the
 * layering ARCHITECTURE.md states: api &lt;- linux, fake, testkit, cli; everything &lt;-
 * benchmarks.
 */
public enum FsviewModule {
    /** fsview-api: {@code dev.fsview} (the API) and {@code dev.fsview.spi..} (the SPI). */
    API(List.of(), new String[] {"org.slf4j.."}, "dev.fsview", "dev.fsview.spi.."),
    /**
     * fsview-linux: the real backend, on JNA; and jdk.unsupported's {@code sun.misc.Unsafe}, with
     * which {@code preload.ClassPathLoaders} reads the class path the application loader serves
     * (the JDK offers no API for it).
     */
    LINUX(
            List.of(API),
            new String[] {"org.slf4j..", "com.sun.jna..", "sun.misc.."},
            "dev.fsview.linux.."),
    /** fsview-fake: the in-memory backend. */
    FAKE(List.of(API), new String[] {"org.slf4j.."}, "dev.fsview.fake.."),
    /** fsview-testkit: the conformance kit, which knows no backend by name. */
    TESTKIT(
            List.of(API),
            new String[] {
                "org.slf4j..",
                "com.sun.jna..",
                "org.junit..",
                "org.opentest4j..",
                "org.assertj..",
                "com.tngtech.archunit.."
            },
            "dev.fsview.testkit.."),
    /** fsview-cli: the command; backends reach it through the ServiceLoader only. */
    CLI(List.of(API), new String[] {"org.slf4j.."}, "dev.fsview.cli.."),
    /** benchmarks: JMH over everything. */
    BENCHMARKS(
            List.of(API, LINUX, FAKE, TESTKIT),
            new String[] {"org.slf4j..", "org.openjdk.jmh..", "com.google.common.jimfs.."},
            "dev.fsview.bench..");

    private final List<FsviewModule> dependsOn;
    private final String[] libraries;
    private final String[] packages;

    FsviewModule(List<FsviewModule> dependsOn, String[] libraries, String... packages) {
        this.dependsOn = dependsOn;
        this.libraries = libraries;
        this.packages = packages;
    }

    /**
     * The module's packages, in ArchUnit's notation ({@code ".."}: and every subpackage).
     *
     * @return a fresh copy
     */
    public String[] packages() {
        return packages.clone();
    }

    /**
     * The fsview modules the main code of this one may use.
     *
     * @return the modules, unmodifiable
     */
    public List<FsviewModule> dependsOn() {
        return dependsOn;
    }

    /**
     * The libraries (packages, ArchUnit notation) this module may use besides the JDK.
     *
     * @return a fresh copy
     */
    public String[] libraries() {
        return libraries.clone();
    }

    /**
     * Whether {@code javaClass} is one of this module's classes, by its package.
     *
     * @param javaClass a class ArchUnit imported
     * @return true when it is in one of {@link #packages()}
     */
    public boolean contains(JavaClass javaClass) {
        String pkg = javaClass.getPackageName();
        for (String p : packages) {
            if (p.endsWith("..")) {
                String base = p.substring(0, p.length() - 2);
                if (pkg.equals(base) || pkg.startsWith(base + ".")) {
                    return true;
                }
            } else if (pkg.equals(p)) {
                return true;
            }
        }
        return false;
    }

    DescribedPredicate<JavaClass> containsPredicate() {
        return DescribedPredicate.describe("are in " + this, this::contains);
    }

    @Override
    public String toString() {
        return this == BENCHMARKS ? "benchmarks" : "fsview-" + name().toLowerCase(Locale.ROOT);
    }
}
