package dev.fsview.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.cli.tar.TarType;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whatever symlinks the root holds, a copy into the container writes only inside the root and the
 * writable volumes; read-only volumes and a read-only rootfs are refused before anything is
 * written.
 */
@ExtendWith(LeakCheck.class)
class ContainmentTest {
    @TempDir
    Path tmp;

    HostileContainer c;
    Path payload;
    Path payloadDir;

    HostileContainer setUp(String backend) throws IOException {
        Backends.assumeAvailable(backend);
        c = new HostileContainer(tmp.resolve("c"));
        payload = Files.writeString(tmp.resolve("payload.txt"), "payload\n");
        payloadDir = Files.createDirectories(tmp.resolve("payload-dir/inner"));
        Files.writeString(payloadDir.resolve("p.txt"), "p\n");
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void writesThroughHostileLinksStayInsideTheContainer(String backend) throws IOException {
        setUp(backend);
        Cli cli = c.cli(backend);
        Map<String, String> before = c.protectedState();
        String out = c.outside.toString();
        String[] destinations = {
            ":/host" + out + "/",
            ":/host" + out,
            ":/hostpath",
            ":/hostpath/",
            ":/hostpath/sentinel.txt",
            ":/escape" + out + "/new.txt",
            ":/escape/escape/escape" + out,
            ":/var/lib/app/up" + out + "/x",
            ":/../../../../" + out + "/x",
            ":/host/host/escape/",
            ":/var/run/../../" + out,
        };
        for (String dst : destinations) {
            Cli.Result file = cli.run("cp", payload.toString(), dst);
            Cli.Result dir = cli.run("cp", payloadDir.getParent().toString(), dst);
            assertThat(file.stderr() + dir.stderr()).doesNotContain("\tat ");
        }
        byte[] tar = CopyTest.tar(
                CopyTest.link("l", TarType.SYMLINK, out), CopyTest.file("l/sentinel.txt", "pwned"));
        cli.runWithInput(tar, "cp", "-", ":/");
        cli.runWithInput(
                CopyTest.tar(CopyTest.file("../../../../../.." + out + "/x", "pwned")),
                "cp",
                "-",
                ":/dir");
        assertThat(c.protectedState())
                .as("the host outside the root and the writable volume")
                .isEqualTo(before);
        assertThat(Files.readString(c.outside.resolve("sentinel.txt"))).isEqualTo("host\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void aLinkToAHostPathIsResolvedInsideTheContainer(String backend) throws IOException {
        setUp(backend);
        Cli cli = c.cli(backend);
        // /host -> / : the outside path, seen from inside, is under the container root
        Files.createDirectories(c.root.resolve(c.outside.toString().substring(1)));
        HostileContainer.stampTimes(c.root);
        Cli.Result r = cli.run("cp", payload.toString(), ":/host" + c.outside + "/");
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(cli.run("cat", c.outside + "/payload.txt").out()).isEqualTo("payload\n");
        assertThat(c.outside.resolve("payload.txt")).doesNotExist();
        if (backend.equals("linux")) {
            assertThat(c.root.resolve(c.outside.toString().substring(1)).resolve("payload.txt"))
                    .hasContent("payload");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void readOnlyVolumesAreRefusedBeforeAnythingIsWritten(String backend) throws IOException {
        setUp(backend);
        Cli cli = c.cli(backend);
        Map<String, String> before = HostileContainer.snapshot(c.volRo, p -> true);
        for (String dst : new String[] {
            ":/ro",
            ":/ro/",
            ":/rolink",
            ":/rolink/new.txt",
            ":/ro/file.txt",
            ":/host/ro/",
            ":/rolink/."
        }) {
            Cli.Result r = cli.run("cp", payload.toString(), dst);
            assertThat(r.status()).as(dst + ": " + r).isEqualTo(1);
            assertThat(r.stderr()).as(dst).contains("read-only").doesNotContain("\tat ");
            assertThat(r.stderr().strip().lines()).hasSize(1);
        }
        Cli.Result stream =
                cli.runWithInput(CopyTest.tar(CopyTest.file("t.txt", "t")), "cp", "-", ":/ro");
        assertThat(stream.stderr()).contains("mounted volume /ro is marked read-only");
        assertThat(cli.run("cat", "/ro/file.txt").out()).isEqualTo("read-only volume\n");
        assertThat(cli.run("stat", "/ro/payload.txt").status()).isEqualTo(1);
        assertThat(HostileContainer.snapshot(c.volRo, p -> true)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void aCopyThatWouldReachAReadOnlySubmountWritesNothingAtAll(String backend) throws IOException {
        setUp(backend);
        Files.createDirectories(c.volRw.resolve("inner"));
        HostileContainer.stampTimes(c.volRw);
        Cli cli = Cli.with(
                "--backend",
                backend,
                "--root",
                c.root.toString(),
                "--mount",
                "type=bind,src=" + c.volRw + ",dst=/rw",
                "--mount",
                "type=bind,src=" + c.volRo + ",dst=/rw/inner,readonly");
        Map<String, String> before = HostileContainer.snapshot(c.base, p -> true);
        // payload-dir/. holds inner/p.txt: its contents land on /rw/inner, a read-only submount
        Cli.Result dot = cli.run("cp", tmp.resolve("payload-dir") + "/.", ":/rw");
        assertThat(dot.status()).as(dot.toString()).isEqualTo(1);
        assertThat(dot.stderr()).contains("mounted volume /rw/inner is marked read-only");
        assertThat(cli.run("stat", "/rw/p.txt").status()).isEqualTo(1);
        assertThat(HostileContainer.snapshot(c.base, p -> true)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void aReadOnlyRootfsTakesWritesOnlyInWritableVolumes(String backend) throws IOException {
        setUp(backend);
        Cli cli = c.cli(backend, "--read-only");
        Map<String, String> rootBefore = HostileContainer.snapshot(c.root, p -> true);
        Cli.Result r = cli.run("cp", payload.toString(), ":/");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr())
                .isEqualTo("fsview: cp: cannot write to /: container rootfs is marked read-only\n");
        assertThat(cli.run("cp", payload.toString(), ":/dir/sub/").stderr()).contains("read-only");
        Cli.Result rw = cli.run("cp", payload.toString(), ":/rwlink/");
        assertThat(rw.status()).as(rw.toString()).isZero();
        assertThat(cli.run("cat", "/rw/payload.txt").out()).isEqualTo("payload\n");
        assertThat(HostileContainer.snapshot(c.root, p -> true)).isEqualTo(rootBefore);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void copiesOutNeverFollowTheContainersLinksOnTheHost(String backend) throws IOException {
        setUp(backend);
        Cli cli = c.cli(backend);
        Path out = Files.createDirectories(tmp.resolve("out"));
        // the container's "host -> /" arrives as a link, and nothing is written through it
        assertThat(cli.run("cp", ":/host", out.toString()).status()).isZero();
        assertThat(Files.readSymbolicLink(out.resolve("host")).toString()).isEqualTo("/");
        Path planted = Files.createDirectories(tmp.resolve("planted"));
        Files.createSymbolicLink(out.resolve("dir"), planted);
        Cli.Result r = cli.run("cp", ":/dir", out.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr()).contains("cannot overwrite non-directory");
        assertThat(planted.toFile().list()).isEmpty();
    }
}
