package dev.fsview.cli.view;

import dev.fsview.BackendUnavailableException;
import dev.fsview.FsView;
import dev.fsview.FsViewBackend;
import dev.fsview.FsViews;
import dev.fsview.MountSpec;
import dev.fsview.cli.console.Console;
import dev.fsview.cli.console.Failure;
import dev.fsview.cli.container.ContainerSpec;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One open view of the chosen container, with its mount table, for the duration of a command.
 * Every access to the container goes through {@link #view()}: its file system resolves paths
 * inside the container root, so no symlink the container holds can lead a command outside the root
 * and the volumes.
 */
public final class ContainerSession implements Closeable {
    private final ContainerSpec container;
    private final FsView view;
    private final MountTable table;
    private final boolean dryRun;

    private ContainerSession(
            ContainerSpec container, FsView view, MountTable table, boolean dryRun) {
        this.container = container;
        this.view = view;
        this.table = table;
        this.dryRun = dryRun;
    }

    /**
     * Checks the host paths, picks the backend and opens the view.
     *
     * @param container the container
     * @param backend the backend asked for
     * @param console where the backend choice is reported
     * @return the open session; close it
     * @throws Failure if a host path is missing, the backend is unavailable or the view fails to
     * open
     */
    public static ContainerSession open(ContainerSpec container, Backend backend, Console console)
            throws Failure {
        if (container.view().process().isEmpty()) {
            checkHostPaths(container); // a process view's root is the process's, checked on open
        }
        FsViewBackend provider = provider(backend, console);
        FsView view;
        try {
            view = provider.open(container.view());
        } catch (IOException e) {
            throw new Failure(
                    "cannot open a view of "
                            + (container.view().process().isPresent()
                                    ? "process " + container.view().process().getAsLong()
                                    : container.view().root())
                            + ": " + e.getMessage(),
                    e);
        }
        console.debugLine("opened a " + view.backend() + " view of " + container.view());
        try {
            MountTable table = MountTable.of(view, container.rootReadOnly());
            return new ContainerSession(container, view, table, provider.name().equals("fake"));
        } catch (IOException | RuntimeException e) {
            closeQuietly(view, e);
            throw new Failure("cannot read the mount table of the view: " + e.getMessage(), e);
        }
    }

    private static void checkHostPaths(ContainerSpec container) throws Failure {
        Path root = Path.of(container.view().root());
        if (!Files.exists(root)) {
            throw new Failure("root directory does not exist: " + root);
        }
        if (!Files.isDirectory(root)) {
            throw new Failure("root is not a directory: " + root);
        }
        for (MountSpec m : container.view().mounts()) {
            if (m.source().isPresent() && !Files.exists(Path.of(m.source().get()))) {
                throw new Failure("invalid mount config for type \"bind\": "
                        + "bind source path does not exist: " + m.source().get());
            }
        }
    }

    private static FsViewBackend provider(Backend backend, Console console) throws Failure {
        try {
            switch (backend) {
                case LINUX:
                    return FsViews.provider("linux");
                case FAKE:
                    return FsViews.provider("fake");
                default:
                    return auto(console);
            }
        } catch (BackendUnavailableException e) {
            throw new Failure(e.getMessage(), e);
        }
    }

    private static FsViewBackend auto(Console console) throws BackendUnavailableException {
        for (FsViewBackend p : FsViews.providers()) {
            if (p.name().equals("linux")) {
                if (p.availability().isAvailable()) {
                    return p;
                }
                console.note(
                        "the linux backend is unavailable (" + p.availability().reason()
                                + "): using the fake backend, a dry run whose writes stay in memory");
            }
        }
        return FsViews.provider("fake");
    }

    private static void closeQuietly(FsView view, Exception failure) {
        try {
            view.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Returns the view.
     *
     * @return the open view
     */
    public FsView view() {
        return view;
    }

    /**
     * Returns the view's mount table.
     *
     * @return the table
     */
    public MountTable table() {
        return table;
    }

    /**
     * Returns the container.
     *
     * @return what was asked for
     */
    public ContainerSpec container() {
        return container;
    }

    /**
     * Returns whether writes stay in memory (the fake backend).
     *
     * @return {@code true} for a dry run
     */
    public boolean isDryRun() {
        return dryRun;
    }

    @Override
    public void close() throws IOException {
        view.close();
    }
}
