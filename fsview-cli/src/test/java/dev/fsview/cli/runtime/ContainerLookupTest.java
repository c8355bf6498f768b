package dev.fsview.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Finding a container's pid from fake runtime state directories and fake executables. */
class ContainerLookupTest {
    @TempDir
    Path tmp;

    private Path docker(String id, String name, boolean running, long pid) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("docker/containers/" + id));
        Files.writeString(
                dir.resolve("config.v2.json"),
                "{\"ID\":\"" + id + "\",\"Name\":\"/" + name + "\",\"State\":{\"Running\":"
                        + running + ",\"Pid\":" + pid + "}}");
        return tmp.resolve("docker");
    }

    private Path containerd(String ns, String id, String pid) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("containerd/" + ns + "/" + id));
        if (pid != null) {
            Files.writeString(dir.resolve("init.pid"), pid);
        }
        return tmp.resolve("containerd");
    }

    private Path executable(String name, String script) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private ContainerLookup lookup(List<Path> docker, List<Path> containerd, List<Path> path) {
        return new ContainerLookup(new Runtimes(docker, containerd, path));
    }

    @Test
    void findsADockerContainerByNameIdAndUniquePrefix() throws Exception {
        Path d = docker("4f1e0c2b9a7d", "web", true, 4242);
        docker("9b0000000000", "db", true, 4343);
        ContainerLookup l = lookup(List.of(d), List.of(), List.of());
        assertThat(l.pidOf("web")).isEqualTo(4242);
        assertThat(l.pidOf("4f1e0c2b9a7d")).isEqualTo(4242);
        assertThat(l.pidOf("4f1")).isEqualTo(4242);
        assertThat(l.pidOf("db")).isEqualTo(4343);
    }

    @Test
    void aStoppedDockerContainerOrAnAmbiguousPrefixIsRefused() throws Exception {
        Path d = docker("abc111", "stopped", false, 0);
        docker("abc222", "other", true, 7);
        ContainerLookup l = lookup(List.of(d), List.of(), List.of());
        assertThatThrownBy(() -> l.pidOf("stopped"))
                .hasMessage("container 'stopped' (Docker) is not running");
        assertThatThrownBy(() -> l.pidOf("abc"))
                .hasMessageContaining("ambiguous")
                .hasMessageContaining("2 containers");
    }

    @Test
    void findsAContainerdTaskByIdInAnyNamespace() throws Exception {
        Path c = containerd("k8s.io", "d00dfeed", "5151\n");
        containerd("moby", "cafe", null);
        ContainerLookup l = lookup(List.of(), List.of(c), List.of());
        assertThat(l.pidOf("d00dfeed")).isEqualTo(5151);
        assertThat(l.pidOf("d00")).isEqualTo(5151);
        assertThatThrownBy(() -> l.pidOf("cafe")).hasMessageContaining("not running");
    }

    @Test
    void asksPodmanThenCrictlWhenTheyAreOnThePath() throws Exception {
        Path bin = executable(
                "podman",
                "[ \"$1\" = inspect ] && [ \"$4\" = pod1 ] && echo 6161 "
                        + "&& exit 0; echo 'Error: no such object' >&2; exit 125");
        executable(
                "crictl",
                "[ \"$6\" = cri1 ] && echo 7171 && exit 0; echo 'not found' >&2; " + "exit 1");
        ContainerLookup l = lookup(List.of(), List.of(), List.of(bin));
        assertThat(l.pidOf("pod1")).isEqualTo(6161);
        assertThat(l.pidOf("cri1")).isEqualTo(7171);
        assertThatThrownBy(() -> l.pidOf("nope"))
                .hasMessage("no running container 'nope'; "
                        + "tried podman inspect: Error: no such object; crictl inspect: not found");
    }

    @Test
    void theErrorSaysWhichRuntimesWereTried() throws Exception {
        Path d = docker("aaa", "web", true, 1);
        Path c = containerd("default", "bbb", "2");
        ContainerLookup l = lookup(List.of(d), List.of(c), List.of(tmp.resolve("empty-bin")));
        assertThatThrownBy(() -> l.pidOf("zzz"))
                .hasMessage("no running container 'zzz'; tried " + "docker [" + d
                        + "]: no such container; containerd [" + c + "]: no such task");
    }

    @Test
    void withNoRuntimeHereTheErrorSaysWhereItLooked() {
        ContainerLookup l = lookup(
                List.of(tmp.resolve("no-docker")),
                List.of(tmp.resolve("no-containerd")),
                List.of());
        assertThatThrownBy(() -> l.pidOf("web"))
                .hasMessageStartingWith(
                        "no container runtime found here (looked for Docker state in [" + tmp
                                + "/no-docker]");
    }

    @Test
    void namesThatWouldLeaveTheStateDirectoryOrLookLikeOptionsAreRefused() {
        ContainerLookup l = lookup(List.of(), List.of(), List.of());
        for (String bad : new String[] {"", "../x", "a/b", "-rf", "a\0b"}) {
            assertThatThrownBy(() -> l.pidOf(bad)).hasMessageContaining("not a container name");
        }
    }
}
