package dev.fsview.testkit;

import dev.fsview.ViewSpec;

import java.io.IOException;

/**
 * What a backend's test suite hands the conformance kit: a way to make a fresh host per test, and
 * the few facts about the backend that decide how the contract tests drive it.
 *
 * <pre>{@code
 * class FakeConformanceTest extends ConformanceSuite { // dev.fsview.testkit.suite
 *     @Override
 *     protected Backend backend() {
 *         return Backend.of("fake", FakeHostFixture::new);
 *     }
 * }
 * }</pre>
 */
public interface Backend {
    /**
     * Creates a fresh host fixture for one test.
     *
     * @return a host; the kit closes it after the test
     * @throws IOException if it cannot be created
     */
    HostFixture newHost() throws IOException;

    /**
     * Returns the backend's name.
     *
     * @return e.g. {@code "linux"} or {@code "fake"}: what its views report as
     *     {@link dev.fsview.FsView#backend()} and what its view threads are named after
     */
    String name();

    /**
     * Adds the backend's own spec options to every spec the kit opens, so that one backend can run
     * the whole kit once per variant (e.g. {@code linux.mount-api=classic}).
     *
     * @param spec a spec builder the kit has set a root and mounts on
     * @return the same builder
     */
    default ViewSpec.Builder configure(ViewSpec.Builder spec) {
        return spec;
    }

    /**
     * Says whether plain {@code java.io} / {@code java.nio} calls made inside a task, with paths of
     * the JVM's default file system, see the container root (true on Linux, where the view thread
     * has switched root; false for the in-memory fake). Such a backend also wires
     * {@link dev.fsview.testkit.contract.PlainIoContainmentContract}, which attacks through that
     * entry point and refuses to run for a backend that says false here.
     *
     * @return {@code true} if tasks see the container through the default file system
     */
    default boolean plainIoInTasksSeesTheContainer() {
        return false;
    }

    /**
     * A backend with the defaults.
     *
     * @param name the backend's name
     * @param hosts makes a fresh host per test
     * @return the backend
     */
    static Backend of(String name, HostFactory hosts) {
        return new Backend() {
            @Override
            public HostFixture newHost() throws IOException {
                return hosts.newHost();
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /** Makes a fresh host fixture. */
    @FunctionalInterface
    interface HostFactory {
        /**
         * Creates a host.
         *
         * @return a fresh host
         * @throws IOException if it cannot be created
         */
        HostFixture newHost() throws IOException;
    }
}
