package dev.fsview.cli.runtime;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@link ContainerLookup} looks for container runtimes: Docker's data roots (each holds
 * {@code containers/<id>/config.v2.json}), containerd's task state roots (each holds
 * {@code <namespace>/<id>/init.pid}) and the directories searched for {@code podman} and
 * {@code crictl}. The defaults are the runtimes' own; the system properties
 * {@code fsview.docker.roots}, {@code fsview.containerd.roots} and {@code fsview.path}
 * (path lists, {@code :}-separated) replace them, e.g. for a daemon started with
 * {@code --data-root}.
 *
 * @param dockerRoots Docker data roots
 * @param containerdRoots containerd v2 task state roots
 * @param searchPath where the {@code podman} and {@code crictl} executables are looked for
 */
public record Runtimes(List<Path> dockerRoots, List<Path> containerdRoots, List<Path> searchPath) {
    /** Docker's default data root, and the state directory some installations use. */
    public static final String DOCKER_DEFAULT = "/var/lib/docker:/var/run/docker";
    /** containerd's runtime v2 task state (shim) root. */
    public static final String CONTAINERD_DEFAULT = "/run/containerd/io.containerd.runtime.v2.task";

    /**
     * Copies the lists.
     *
     * @param dockerRoots Docker data roots
     * @param containerdRoots containerd task roots
     * @param searchPath executable search path
     */
    public Runtimes {
        dockerRoots = List.copyOf(dockerRoots);
        containerdRoots = List.copyOf(containerdRoots);
        searchPath = List.copyOf(searchPath);
    }

    /**
     * The runtimes of this machine: defaults, or the system properties, and {@code PATH}.
     *
     * @return the places to look
     */
    public static Runtimes ofThisMachine() {
        String path = System.getenv("PATH");
        return new Runtimes(
                paths(System.getProperty("fsview.docker.roots", DOCKER_DEFAULT)),
                paths(System.getProperty("fsview.containerd.roots", CONTAINERD_DEFAULT)),
                paths(System.getProperty("fsview.path", path == null ? "" : path)));
    }

    private static List<Path> paths(String list) {
        List<Path> out = new ArrayList<>();
        for (String p : list.split(File.pathSeparator)) {
            if (!p.isBlank()) {
                out.add(Path.of(p));
            }
        }
        return out;
    }
}
