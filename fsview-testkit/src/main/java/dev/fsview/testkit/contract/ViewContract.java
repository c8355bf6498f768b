package dev.fsview.testkit.contract;

import dev.fsview.Availability;
import dev.fsview.FsView;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.testkit.Backend;
import dev.fsview.testkit.HostFixture;
import dev.fsview.testkit.HostFixture.Leaks;
import dev.fsview.testkit.containment.Arena;
import dev.fsview.testkit.support.LeakCheck;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The frame every contract test runs in: a fresh {@link HostFixture} from the backend per test,
 * a snapshot of {@link HostFixture#leaks()} before the test, and after it the cleanup contract —
 * no mount, file descriptor or view thread may be left (after a short grace period for threads to
 * end) — then the host is closed.
 *
 * <p>A backend whose provider says it is unavailable here (e.g. {@code linux} without
 * CAP_SYS_ADMIN) has its tests skipped, each with the provider's reason.
 *
 * <p>Writing contract tests: tasks handed to a view run on the view thread, which on Linux has
 * switched root, so a class first loaded there is looked up inside the container and not found.
 * Tasks in the kit therefore use only JDK classes and the kit's own already-loaded classes, and
 * never assert inside a task: they return what they saw, and the test asserts outside. Tasks that
 * wait for the test wait at a {@link dev.fsview.testkit.support.Gate} that the test opens even when
 * an assertion failed, and every test has a time limit, run on a thread of its own so that even a
 * backend that hangs uninterruptibly fails the test instead of the build.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class ViewContract {
    private static final Set<String> WARMED_UP = ConcurrentHashMap.newKeySet();

    /** The host of the current test. */
    protected HostFixture host;

    private Leaks before;
    private final List<FsView> opened = new ArrayList<>();

    /**
     * Returns the backend under test.
     *
     * @return the backend, whose {@link Backend#newHost()} is called once per test
     */
    protected abstract Backend backend();

    @BeforeEach
    final void openHost(TestInfo test) throws IOException {
        host = backend().newHost();
        Availability availability = host.provider().availability();
        if (!availability.isAvailable()) {
            host.close();
            host = null;
            Assumptions.abort("backend '" + backend().name() + "' cannot open views here, so "
                    + test.getDisplayName() + " was skipped: " + availability.reason());
        }
        warmUp();
        before = host.leaks();
    }

    @AfterEach
    final void checkNothingLeftAndCloseHost(TestInfo test) throws IOException {
        if (host == null) {
            return;
        }
        try {
            List<String> left = closeViewsLeftOpen();
            LeakCheck.assertNothingLeft(host, before, test.getDisplayName());
            if (!left.isEmpty()) {
                throw new AssertionError("the test left views open (a bug in the test): " + left);
            }
        } finally {
            host.close();
        }
    }

    /**
     * Opens and uses one view the first time a backend runs in this JVM, so that what the JVM
     * loads once (classes, jars, native libraries) is not mistaken for a leak of the first test.
     */
    private void warmUp() throws IOException {
        if (WARMED_UP.contains(backend().name())) {
            return;
        }
        String root = host.newDirectory("warm-up");
        host.write(root + "/file", "warm");
        try (FsView view = open(spec(root))) {
            view.stat("/file");
            Files.readString(view.path("/file"));
            Files.writeString(view.path("/written"), "x");
            view.run(ctx -> Files.readAllBytes(ctx.path("/file")));
        }
        host.deleteRecursively(root);
        WARMED_UP.add(backend().name());
    }

    /**
     * Closes the views a test left open, each on a thread of its own with a time limit: a view
     * whose task hangs (a test that failed or timed out while a task waited) must not hang the
     * whole run; the leak check then reports its thread.
     */
    private List<String> closeViewsLeftOpen() {
        List<String> left = new ArrayList<>();
        List<FsView> views;
        synchronized (opened) {
            views = new ArrayList<>(opened);
            opened.clear();
        }
        for (FsView v : views) {
            if (v.isOpen()) {
                Thread closer = new Thread(
                        () -> {
                            try {
                                v.close();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        "fsview-testkit-closer");
                closer.setDaemon(true);
                closer.start();
                try {
                    closer.join(LeakCheck.GRACE.toMillis() * 2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                left.add(v + (closer.isAlive() ? " (close() did not return)" : ""));
            }
        }
        return left;
    }

    /**
     * Starts a spec for a root, with the backend's own options.
     *
     * @param root host path of the container root
     * @return a spec builder
     */
    protected final ViewSpec.Builder spec(String root) {
        return backend().configure(ViewSpec.builder(root));
    }

    /**
     * Opens a view; the kit closes it after the test if the test did not (and fails the test).
     *
     * @param spec the spec
     * @return the open view
     * @throws IOException if opening fails
     */
    protected final FsView open(ViewSpec.Builder spec) throws IOException {
        FsView view = host.provider().open(spec.build());
        synchronized (opened) {
            opened.add(view);
        }
        return view;
    }

    /**
     * Opens a view of a root with some mounts.
     *
     * @param root host path of the container root
     * @param mounts the mounts
     * @return the open view
     * @throws IOException if opening fails
     */
    protected final FsView open(String root, MountSpec... mounts) throws IOException {
        return open(spec(root).mounts(List.of(mounts)));
    }

    /**
     * The contract's way of opening views, for code outside the contract class (the containment
     * arenas): with the backend's options, and the kit's bookkeeping.
     *
     * @return an opener
     */
    protected final Arena.Opener opener() {
        return new Arena.Opener() {
            @Override
            public ViewSpec.Builder spec(String root) {
                return ViewContract.this.spec(root);
            }

            @Override
            public FsView open(ViewSpec.Builder spec) throws IOException {
                return ViewContract.this.open(spec);
            }
        };
    }

    /**
     * Creates a fresh directory on the host.
     *
     * @param name a readable name
     * @return its host path
     * @throws IOException if it cannot be created
     */
    protected final String dir(String name) throws IOException {
        return host.newDirectory(name);
    }

    /**
     * Creates a file on the host, with its parents.
     *
     * @param path host path
     * @param content UTF-8 text
     * @return the path
     * @throws IOException if it cannot be written
     */
    protected final String file(String path, String content) throws IOException {
        host.mkdirs(parent(path));
        host.write(path, content.getBytes(StandardCharsets.UTF_8));
        return path;
    }

    /**
     * Returns the parent of a host or container path.
     *
     * @param path an absolute path other than {@code /}
     * @return everything before the last {@code /}, or {@code /}
     */
    protected static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
