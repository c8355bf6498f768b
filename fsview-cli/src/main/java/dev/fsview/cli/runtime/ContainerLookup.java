package dev.fsview.cli.runtime;

import dev.fsview.cli.json.JsonException;
import dev.fsview.cli.json.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Finds the pid of a running container by name or id, through the runtimes' own files or
 * commands, each tried only if it is there: Docker's state ({@code containers/<id>/config.v2.json}:
 * {@code ID}, {@code Name}, {@code State.Running}, {@code State.Pid}), containerd's
 * ({@code <namespace>/<id>/init.pid}), {@code podman inspect} and {@code crictl inspect}. An id may
 * be a unique prefix, as docker takes it. No daemon is needed: the files are read directly.
 */
public final class ContainerLookup {
    private static final long COMMAND_SECONDS = 20;

    private final Runtimes runtimes;

    /**
     * Creates a lookup.
     *
     * @param runtimes where to look
     */
    public ContainerLookup(Runtimes runtimes) {
        this.runtimes = runtimes;
    }

    /** Why a lookup found no running container; lists what was tried. */
    public static final class NotFound extends Exception {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    /**
     * Finds the container's pid.
     *
     * @param nameOrId a container name, id or unique id prefix
     * @return the pid of its init process
     * @throws NotFound if no runtime here knows a running container by that name, if a prefix is
     *     ambiguous, or if the container is not running; the message says which runtimes were
     *     tried and what each answered
     */
    public long pidOf(String nameOrId) throws NotFound {
        if (nameOrId.isEmpty()
                || nameOrId.contains("/")
                || nameOrId.contains("\0")
                || nameOrId.startsWith("-")) {
            // A name with '/' would walk out of the state directories; one with '-' would be read
            // as an option by podman or crictl.
            throw new NotFound("not a container name or id: '" + nameOrId + "'");
        }
        List<String> tried = new ArrayList<>();
        Long pid = docker(nameOrId, tried);
        if (pid == null) {
            pid = containerd(nameOrId, tried);
        }
        if (pid == null) {
            pid = command(
                    "podman",
                    List.of("inspect", "--format", "{{.State.Pid}}", nameOrId),
                    nameOrId,
                    tried);
        }
        if (pid == null) {
            pid = command(
                    "crictl",
                    List.of(
                            "inspect",
                            "--output",
                            "go-template",
                            "--template",
                            "{{.info.pid}}",
                            nameOrId),
                    nameOrId,
                    tried);
        }
        if (pid == null) {
            throw new NotFound(
                    tried.isEmpty()
                            ? "no container runtime found here (looked for Docker state in "
                                    + runtimes.dockerRoots() + ", containerd state in "
                                    + runtimes.containerdRoots()
                                    + ", and podman and crictl on the PATH)"
                            : "no running container '" + nameOrId + "'; tried "
                                    + String.join("; ", tried));
        }
        return pid;
    }

    private Long docker(String nameOrId, List<String> tried) throws NotFound {
        List<Path> roots = new ArrayList<>();
        for (Path r : runtimes.dockerRoots()) {
            if (Files.isDirectory(r.resolve("containers"))) {
                roots.add(r);
            }
        }
        if (roots.isEmpty()) {
            return null;
        }
        List<Map<?, ?>> matches = new ArrayList<>();
        for (Path root : roots) {
            try (DirectoryStream<Path> dirs =
                    Files.newDirectoryStream(root.resolve("containers"))) {
                for (Path dir : dirs) {
                    Path config = dir.resolve("config.v2.json");
                    if (!Files.isRegularFile(config)) {
                        continue;
                    }
                    Map<?, ?> c = json(config);
                    String id = string(c.get("ID"));
                    String name = string(c.get("Name"));
                    if (name.equals("/" + nameOrId) || id.equals(nameOrId)) {
                        return dockerPid(nameOrId, c);
                    }
                    if (id.startsWith(nameOrId)) {
                        matches.add(c);
                    }
                }
            } catch (IOException e) {
                tried.add("docker (" + root + "): unreadable: " + e.getMessage());
                return null;
            }
        }
        if (matches.size() > 1) {
            throw new NotFound("container id prefix '" + nameOrId + "' is ambiguous in Docker's "
                    + "state: it matches " + matches.size() + " containers");
        }
        if (matches.isEmpty()) {
            tried.add("docker " + roots + ": no such container");
            return null;
        }
        return dockerPid(nameOrId, matches.get(0));
    }

    private static Long dockerPid(String nameOrId, Map<?, ?> config) throws NotFound {
        Object state = config.get("State");
        if (state instanceof Map) {
            Map<?, ?> s = (Map<?, ?>) state;
            long pid = s.get("Pid") instanceof Number ? ((Number) s.get("Pid")).longValue() : 0;
            if (Boolean.TRUE.equals(s.get("Running")) && pid > 0) {
                return pid;
            }
        }
        throw new NotFound("container '" + nameOrId + "' (Docker) is not running");
    }

    private Long containerd(String nameOrId, List<String> tried) throws NotFound {
        List<Path> found = new ArrayList<>();
        boolean any = false;
        for (Path root : runtimes.containerdRoots()) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            any = true;
            try (DirectoryStream<Path> namespaces = Files.newDirectoryStream(root)) {
                for (Path ns : namespaces) {
                    if (!Files.isDirectory(ns)) {
                        continue;
                    }
                    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(ns)) {
                        for (Path task : tasks) {
                            String id = task.getFileName().toString();
                            if (id.equals(nameOrId)) {
                                return initPid(task, nameOrId);
                            }
                            if (id.startsWith(nameOrId)) {
                                found.add(task);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                tried.add("containerd (" + root + "): unreadable: " + e.getMessage());
                return null;
            }
        }
        if (!any) {
            return null;
        }
        if (found.size() > 1) {
            throw new NotFound("container id prefix '" + nameOrId + "' is ambiguous in "
                    + "containerd's state: it matches " + found.size() + " tasks");
        }
        if (found.isEmpty()) {
            tried.add("containerd " + runtimes.containerdRoots() + ": no such task");
            return null;
        }
        return initPid(found.get(0), nameOrId);
    }

    private static Long initPid(Path task, String nameOrId) throws NotFound {
        try {
            return positive(
                    Files.readString(task.resolve("init.pid")).trim(), nameOrId, "containerd");
        } catch (IOException e) {
            throw new NotFound("container '" + nameOrId + "' (containerd) has no init.pid: it is "
                    + "not running");
        }
    }

    private Long command(String name, List<String> args, String nameOrId, List<String> tried)
            throws NotFound {
        Path exe = null;
        for (Path dir : runtimes.searchPath()) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                exe = p;
                break;
            }
        }
        if (exe == null) {
            return null;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                tried.add(name + " inspect: no answer within " + COMMAND_SECONDS + "s");
                return null;
            }
            if (p.exitValue() != 0) {
                String why = err.strip();
                tried.add(name + " inspect: "
                        + (why.isEmpty()
                                ? "exit " + p.exitValue()
                                : why.lines().findFirst().orElse("")));
                return null;
            }
            return positive(new String(out, StandardCharsets.UTF_8).trim(), nameOrId, name);
        } catch (IOException e) {
            tried.add(name + " inspect: cannot run " + exe + ": " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotFound("interrupted while running " + name + " inspect");
        }
    }

    private static long positive(String text, String nameOrId, String runtime) throws NotFound {
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new NotFound(
                    runtime + " gave no pid for container '" + nameOrId + "': '" + text + "'");
        }
        if (pid <= 0) {
            throw new NotFound("container '" + nameOrId + "' (" + runtime + ") is not running");
        }
        return pid;
    }

    private static Map<?, ?> json(Path config) throws IOException {
        try {
            Object o = JsonParser.parse(Files.readString(config));
            if (o instanceof Map) {
                return (Map<?, ?>) o;
            }
            throw new IOException(config + ": not a JSON object");
        } catch (JsonException e) {
            throw new IOException(config + ": " + e.getMessage(), e);
        }
    }

    private static String string(Object o) {
        return o instanceof String ? (String) o : "";
    }
}
