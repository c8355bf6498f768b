package dev.fsview.linux;

import dev.fsview.Availability;
import dev.fsview.BackendUnavailableException;
import dev.fsview.FsView;
import dev.fsview.ViewSpec;
import dev.fsview.linux.ns.EmptyNamespace;
import dev.fsview.linux.ns.HostThread;
import dev.fsview.linux.preload.Preloader;
import dev.fsview.linux.sys.KernelFeatures;
import dev.fsview.spi.FsViewProvider;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The {@code linux} backend: real mount namespaces, bind mounts and a root switch, through JNA.
 * Needs Linux on x86_64 or aarch64 and CAP_SYS_ADMIN. Reports the optional kernel features it uses:
 * {@code openat2} (mount targets resolved by the kernel inside the root), {@code mount_setattr}
 * (recursive read-only) and {@code new-mount-api} (mounts attached read-only from the start).
 *
 * <p>Spec options ({@link ViewSpec#option}): {@code linux.mount-api} = auto | new | classic,
 * {@code linux.resolve} = auto | openat2 | walk, and for tests only {@code linux.fail-step}.
 */
public final class LinuxProvider implements FsViewProvider {
    /** The backend's name. */
    public static final String NAME = "linux";

    /** Computed on first use, once per JVM. */
    private static final class Check {
        static final HostCheck RESULT = HostCheck.run();
    }

    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public LinuxProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        return Check.RESULT.availability();
    }

    /**
     * Returns the optional kernel facilities this backend found.
     *
     * @return the features (all false when unavailable)
     */
    public KernelFeatures features() {
        return Check.RESULT.features();
    }

    @Override
    public FsView open(ViewSpec spec) throws IOException {
        Objects.requireNonNull(spec, "spec");
        requireAvailable();
        return LinuxView.open(spec, features());
    }

    /**
     * Starts the host thread and runs the preload's once-per-JVM part ({@link Preloader}) on the
     * calling thread, as the first open would: both must be done from a host thread, before any
     * thread of the JVM switches root. On a thread already contained in a view the preload was
     * done before that view opened, so this returns at once. The JDK and NSS warm-up is not part
     * of it: an open does it only for a view thread that switches root in the open; otherwise the
     * first task (or file operation) handed to a view thread does, once per JVM.
     */
    @Override
    public void prepare() throws IOException {
        requireAvailable();
        HostThread.ensureStarted();
        EmptyNamespace.shared();
        Preloader.preload(List.of());
    }

    private void requireAvailable() throws BackendUnavailableException {
        Availability a = availability();
        if (!a.isAvailable()) {
            throw new BackendUnavailableException(
                    "fsview backend 'linux' is unavailable: " + a.reason());
        }
    }
}
