package dev.fsview.testkit;

import java.io.IOException;

/**
 * What a backend's test suite hands the conformance kit: a way to make a fresh host per test, and
 * the facts about the backend that decide which contract tests apply to it.
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
     * @return e.g. {@code "linux"} or {@code "fake"}
     */
    String name();
}
