package dev.fsview.testkit.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import dev.fsview.testkit.Backend;
import dev.fsview.testkit.contract.BadInputContract;
import dev.fsview.testkit.contract.CleanupContract;
import dev.fsview.testkit.contract.ContainmentContract;
import dev.fsview.testkit.contract.DispatchContract;
import dev.fsview.testkit.contract.FidelityContract;
import dev.fsview.testkit.contract.FifoContract;
import dev.fsview.testkit.contract.KernelLimitsContract;
import dev.fsview.testkit.contract.LifecycleContract;
import dev.fsview.testkit.contract.MountContract;
import dev.fsview.testkit.contract.NssModuleContract;
import dev.fsview.testkit.contract.ProcessContract;
import dev.fsview.testkit.contract.StatContract;
import dev.fsview.testkit.contract.StressContract;
import dev.fsview.testkit.contract.ViewOpenOptionContract;
import dev.fsview.testkit.differential.DifferentialNioContract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JUnit discovery of inherited and nested tests has sharp edges: this proves that a backend's
 * one-line subclass of {@link ConformanceSuite} really gets every test method of every contract
 * (declared in another package, package-private, in abstract classes), and that a subclass of
 * {@link DifferentialNioContract} gets its one test from the JUnit Jupiter engine.
 */
class ConformanceSuiteDiscoveryTest {

    /** What a backend writes, with a backend that is never asked for anything. */
    static class StubSuite extends ConformanceSuite {
        @Override
        protected Backend backend() {
            return Backend.of("stub", () -> {
                throw new IOException("discovery only");
            });
        }
    }

    /** The differential contract, wired the same way. */
    static class StubDifferential extends DifferentialNioContract {
        @Override
        protected Backend backend() {
            return Backend.of("stub", () -> {
                throw new IOException("discovery only");
            });
        }
    }

    @Test
    void aSubclassOfTheSuiteGetsEveryTestMethodOfEveryContract() {
        TestPlan plan = LauncherFactory.create()
                .discover(request().selectors(selectClass(StubSuite.class)).build());
        Map<Class<?>, Integer> expected = new LinkedHashMap<>();
        for (Class<?> contract : List.of(
                LifecycleContract.class,
                DispatchContract.class,
                MountContract.class,
                StatContract.class,
                ContainmentContract.class,
                BadInputContract.class,
                CleanupContract.class,
                KernelLimitsContract.class,
                ProcessContract.class,
                StressContract.class,
                FidelityContract.class,
                NssModuleContract.class,
                FifoContract.class,
                ViewOpenOptionContract.class)) {
            expected.put(contract, testMethods(contract));
        }
        Map<Class<?>, Integer> discovered = new LinkedHashMap<>();
        for (TestIdentifier id : all(plan)) {
            Optional<TestSource> source = id.getSource();
            if (source.isPresent() && source.get() instanceof MethodSource) {
                Class<?> declaring = declaringClass((MethodSource) source.get());
                discovered.merge(declaring, 1, Integer::sum);
            }
        }
        assertThat(discovered).isEqualTo(expected);
        assertThat(expected.values()).allMatch(n -> n > 0);
    }

    @Test
    void aSubclassOfTheDifferentialContractGetsItsTestFromJupiter() {
        TestPlan plan = LauncherFactory.create()
                .discover(
                        request().selectors(selectClass(StubDifferential.class)).build());
        List<TestIdentifier> tests = all(plan).stream()
                .filter(TestIdentifier::isTest)
                .collect(java.util.stream.Collectors.toList());
        // the generated run and the reproducers kept from failed runs, all from Jupiter
        assertThat(tests)
                .allSatisfy(t -> assertThat(t.getUniqueId()).contains("[engine:junit-jupiter]"));
        assertThat(tests)
                .anySatisfy(t -> assertThat(t.getUniqueId())
                        .contains("nioOperationsOnAViewBehaveAsTheJdkOnAPlainDirectory"));
    }

    private static int testMethods(Class<?> contract) {
        int n = 0;
        for (Method m : contract.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Test.class)
                    || m.isAnnotationPresent(ParameterizedTest.class)) {
                n++;
            }
        }
        return n;
    }

    private static Class<?> declaringClass(MethodSource source) {
        try {
            Class<?> c = Class.forName(source.getClassName());
            Method m = findMethod(c, source.getMethodName());
            return m.getDeclaringClass();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method findMethod(Class<?> c, String name) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.getName().equals(name)) {
                    return m;
                }
            }
        }
        throw new IllegalStateException(name + " not in " + c);
    }

    private static List<TestIdentifier> all(TestPlan plan) {
        List<TestIdentifier> out = new java.util.ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            out.addAll(plan.getDescendants(root));
        }
        return out;
    }
}
