package dev.fsview.testkit.suite;

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

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The whole conformance kit for one backend, in one class: extend it in the backend's test sources
 * and return the backend from {@link #backend()}; JUnit Jupiter runs every contract as a nested
 * group (lifecycle, dispatch, mounts, stat, containment, bad input, cleanup, process views,
 * stress).
 *
 * <pre>{@code
 * class FakeConformanceTest extends ConformanceSuite {
 *     @Override
 *     protected Backend backend() {
 *         return Backend.of("fake", FakeHostFixture::new);
 *     }
 * }
 * }</pre>
 *
 * Four contracts are wired separately: {@link dev.fsview.testkit.contract.PlainIoContainmentContract}
 * and {@link dev.fsview.testkit.contract.ClassPathContract} (only for backends whose tasks see the
 * container through plain {@code java.io}, i.e. Linux: elsewhere they would only be reported
 * disabled), and
 * {@link dev.fsview.testkit.differential.DifferentialNioContract} (thousands of generated
 * sequences in one long test, a class of its own so that it can be run, timed and selected on its
 * own), and {@link dev.fsview.testkit.contract.DiskContainmentContract} (races against the real
 * disk, for providers that take the container from the JVM's default file system: linux, and the
 * fake's importing provider). See the kit's README.
 */
public abstract class ConformanceSuite {

    /**
     * Returns the backend under test.
     *
     * @return the backend
     */
    protected abstract Backend backend();

    /** A FIFO planted in the container blocks only the thread that opens it. */
    @Nested
    @DisplayName("fifo")
    class Fifo extends FifoContract {
        @Override
        protected Backend backend() {
            return ConformanceSuite.this.backend();
        }
    }

    /**
     * ViewOpenOption: special files refused without being opened, replaced files never read,
     * through every entry point.
     */
    @Nested
    @DisplayName("view open options")
    class ViewOpenOptions extends ViewOpenOptionContract {
        @Override
        protected Backend backend() {
            return ConformanceSuite.this.backend();
        }
    }

    /** Owner lookups never load a glibc NSS module planted in the container. */
    @Nested
    @DisplayName("nss modules")
    class NssModule extends NssModuleContract {
        @Override
        protected Backend backend() {
            return ConformanceSuite.this.backend();
        }
    }

    /**
     * Classes, resources, services files and NSS modules planted in the container are never
     * loaded by a task (disabled, with the reason, where tasks keep the host's root).
     */
    /** Open, close, use after close, the Cleaner, many views of one root. */
    @Nested
    @DisplayName("lifecycle")
    class Lifecycle extends LifecycleContract {
        @Override
        protected Backend backend() {
            return ConformanceSuite.this.backend();
        }
    }

    /** call/run/start, exceptions, one task at a time, interrupts and timeouts, cwd. */
    @Nested
    @DisplayName("dispatch")
    class Dispatch extends DispatchContract {
        @Override
        protected Backend backend() {
            return ConformanceSuite.this.backend();
        }
    }

    /** Volumes, read-only, submounts, nesting, file binds, tmpfs. */
    @Nested
    @DisplayName("mounts")
    class Mounts extends MountContract {
        @Override
        protected Backend backend() {
            return ConformanceSuite.this.backend();
        }
    }

    /** stat: name, size, mode, mtime, link targets. */
    @Nested
    @DisplayName("stat")
    class Stat extends StatContract {
        @Override
        protected Backend backend() {
            return ConformanceSuite.this.backend();
        }
    }

    /** The attack catalogue through every entry point, racing swaps. */
    @Nested
    @DisplayName("containment")
    class Containment extends ContainmentContract {
        @Override
        protected Backend backend() {
            return ConformanceSuite.this.backend();
        }
    }

    /** Invalid specs and paths. */
    @Nested
    @DisplayName("bad input")
    class BadInput extends BadInputContract {
        @Override
        protected Backend backend() {
            return ConformanceSuite.this.backend();
        }
    }

    /** Nothing left behind. */
    @Nested
    @DisplayName("cleanup")
    class Cleanup extends CleanupContract {
        @Override
        protected Backend backend() {
            return ConformanceSuite.this.backend();
        }
    }

    /** nodev, a read-only root, read-only binds under a racer, targets through dangling links. */
    @Nested
    @DisplayName("kernel limits")
    class KernelLimits extends KernelLimitsContract {
        @Override
        protected Backend backend() {
            return ConformanceSuite.this.backend();
        }
    }

    /** 64 callers x 10,000 calls; 1,000 open/close cycles. */
    @Nested
    @DisplayName("process views")
    class Processes extends ProcessContract {
        @Override
        protected Backend backend() {
            return ConformanceSuite.this.backend();
        }
    }

    @Nested
    @DisplayName("stress")
    class Stress extends StressContract {
        @Override
        protected Backend backend() {
            return ConformanceSuite.this.backend();
        }
    }

    /** Issue 17's rows: what the kernel and the JDK do, pinned on every backend. */
    @Nested
    @DisplayName("fidelity")
    class Fidelity extends FidelityContract {
        @Override
        protected Backend backend() {
            return ConformanceSuite.this.backend();
        }
    }
}
