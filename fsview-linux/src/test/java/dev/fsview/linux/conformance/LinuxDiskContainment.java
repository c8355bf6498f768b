package dev.fsview.linux.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fsview.Availability;
import dev.fsview.FsViewBackend;
import dev.fsview.ViewSpec;
import dev.fsview.linux.LinuxProvider;
import dev.fsview.testkit.contract.DiskContainmentContract;

import org.junit.jupiter.api.BeforeEach;

import java.nio.file.Path;

/**
 * The kit's races against the real disk on one linux variant: a process swaps the container's
 * directories and files for links to the host while views open and read the whole tree.
 */
abstract class LinuxDiskContainment extends DiskContainmentContract {
    private final String mountApi;
    private final String resolve;

    LinuxDiskContainment(String mountApi, String resolve) {
        this.mountApi = mountApi;
        this.resolve = resolve;
    }

    /** Without the privilege every open fails, and a race that never opens a view proves nothing. */
    @BeforeEach
    void linuxBackendRuns() {
        Availability a = new LinuxProvider().availability();
        assumeTrue(
                a.isAvailable(),
                () -> "skipped: the linux backend is unavailable here: " + a.reason());
    }

    @Override
    protected FsViewBackend diskProvider() {
        return new LinuxProvider();
    }

    @Override
    protected ViewSpec.Builder spec(Path root) {
        return LinuxBackends.of(mountApi, resolve).configure(super.spec(root));
    }
}
