package dev.fsview.fake;

import dev.fsview.Availability;
import dev.fsview.FsView;
import dev.fsview.ViewSpec;
import dev.fsview.spi.FsViewProvider;

import java.io.IOException;
import java.util.Set;

/**
 * The {@code fake} backend: always available, lowest priority. Created by the
 * {@link java.util.ServiceLoader} (for {@code FsViews.provider("fake")} and the command line's
 * dry run), it serves one process-wide {@link FakeHost} and, when a view is opened, first imports
 * into memory from the real disk the spec's root and bind sources that the host does not hold yet:
 * reads behave as on Linux, writes stay in memory. A test's own host gives a provider that imports
 * nothing: {@link FakeHost#provider()}.
 */
public final class FakeProvider implements FsViewProvider {
    private final FakeHost host;
    private final boolean importFromDisk;

    /** The service: the process-wide host, importing from disk. */
    public FakeProvider() {
        this(FakeHost.shared(), true);
    }

    FakeProvider(FakeHost host, boolean importFromDisk) {
        this.host = host;
        this.importFromDisk = importFromDisk;
    }

    /** @return the host this provider opens views on */
    public FakeHost host() {
        return host;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability() {
        return Availability.available(Set.of("in-memory"));
    }

    @Override
    public FsView open(ViewSpec spec) throws IOException {
        if (importFromDisk) {
            host.importMissing(spec);
        }
        return FakeView.open(host, spec);
    }

    @Override
    public String toString() {
        return "fake provider" + (importFromDisk ? " (importing from disk)" : "");
    }
}
