package dev.fsview.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;

/** stat, ls, cat and mounts on both backends: the container's symlinks resolve inside it. */
@ExtendWith(LeakCheck.class)
class ReadCommandsTest {
    @TempDir
    Path tmp;

    HostileContainer container(String backend) throws IOException {
        Backends.assumeAvailable(backend);
        return new HostileContainer(tmp);
    }

    static String ok(Cli.Result r) {
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.stderr()).isEmpty();
        return r.out();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void statPrintsOneJsonObjectAndResolvesLinkTargetsInsideTheContainer(String backend)
            throws IOException {
        Cli cli = container(backend).cli(backend);
        assertThat(ok(cli.run("stat", "/var/run")))
                .isEqualTo(
                        "{\"name\":\"run\",\"size\":4,\"mode\":"
                                + "\"0777\",\"type\":\"symlink\",\"mtime\":\"2023-11-14T22:13:20Z\",\"linkTarget\":\"/run\"}\n");
        assertThat(ok(cli.run("stat", "/etc/hostname")))
                .isEqualTo(
                        "{\"name\":\"hostname\",\"size\":10,"
                                + "\"mode\":\"0644\",\"type\":\"file\",\"mtime\":\"2023-11-14T22:13:20Z\",\"linkTarget\":\"\"}\n");
        // '..' chains stop at the container root; links to "/" stay in the container
        assertThat(ok(cli.run("stat", "/escape"))).contains("\"linkTarget\":\"/\"");
        assertThat(ok(cli.run("stat", "/var/lib/app/up"))).contains("\"linkTarget\":\"/\"");
        assertThat(ok(cli.run("stat", "/shadow-link"))).contains("\"linkTarget\":\"/etc/shadow\"");
        // a trailing slash follows the link
        assertThat(ok(cli.run("stat", "/var/run/")))
                .contains("\"name\":\"run\"", "\"type\":\"directory\"", "\"linkTarget\":\"\"");
        // container paths are relative to / and '..' never leaves it
        assertThat(ok(cli.run("stat", "../../etc/hostname"))).contains("\"name\":\"hostname\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void catReadsTheContainersFilesWhateverTheLinksSay(String backend) throws IOException {
        HostileContainer c = container(backend);
        Cli cli = c.cli(backend);
        assertThat(ok(cli.run("cat", "/shadow-link"))).isEqualTo("root:*:1:0:::::\n");
        assertThat(ok(cli.run("cat", "/escape/etc/hostname"))).isEqualTo("container\n");
        assertThat(ok(cli.run("cat", "/var/lib/app/up/etc/hostname"))).isEqualTo("container\n");
        assertThat(ok(cli.run("cat", "/host/run/app.pid"))).isEqualTo("42\n");
        assertThat(ok(cli.run("cat", "/var/run/app.pid"))).isEqualTo("42\n");
        assertThat(ok(cli.run("cat", "/rolink/file.txt"))).isEqualTo("read-only volume\n");
        // an absolute link to a real host path resolves inside the container, where it is missing
        Cli.Result r = cli.run("cat", "/hostpath/sentinel.txt");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void lsListsNamesInByteOrderAndFollowsCommandLineLinksAsLsDoes(String backend)
            throws IOException {
        Cli cli = container(backend).cli(backend);
        assertThat(ok(cli.run("ls")))
                .isEqualTo(String.join(
                        "\n",
                        "dir",
                        "escape",
                        "etc",
                        "host",
                        "hostpath",
                        "ro",
                        "rolink",
                        "run",
                        "rw",
                        "rwlink",
                        "shadow-link",
                        "var",
                        ""));
        assertThat(ok(cli.run("ls", "/var/run"))).isEqualTo("app.pid\n");
        assertThat(ok(cli.run("ls", "/host/rolink"))).isEqualTo("file.txt\n");
        assertThat(ok(cli.run("ls", "/etc/hostname"))).isEqualTo("/etc/hostname\n");
        String longLink = ok(cli.run("ls", "-l", "/var/run"));
        assertThat(longLink)
                .matches("lrwxrwxrwx 1 \\d+ \\d+ 4 2023-11-14 22:13 /var/run -> /run\n");
        assertThat(ok(cli.run("ls", "-l", "/var/run/")))
                .matches("-rw-r--r-- 1 \\d+ \\d+ 3 2023-11-14 22:13 app.pid\n");
        String all = ok(cli.run("ls", "-a", "/dir"));
        assertThat(all).isEqualTo(".\n..\na.txt\nsub\n");
        String escape = ok(cli.run("ls", "-l", "/"));
        assertThat(escape)
                .contains(
                        "escape -> ../../../../../../../../..",
                        "host -> /",
                        "hostpath -> " + tmp.toRealPath().resolve("outside"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void mountsShowsTheTableAsTheViewSeesIt(String backend) throws IOException {
        HostileContainer c = container(backend);
        Cli cli = Cli.with(
                "--backend",
                backend,
                "--root",
                c.root.toString(),
                "--mount",
                "type=bind,src=" + c.volRo + ",dst=/rwlink/inner,readonly",
                "--mount",
                "type=bind,src=" + c.volRw + ",dst=/var/run/data",
                "--mount",
                "type=bind,src=" + c.volRo + ",dst=/ro,readonly,bind-recursive=writable",
                "--mount",
                "type=bind,src=" + c.volRw + ",dst=/rw,bind-recursive=disabled",
                "--mount",
                "type=tmpfs,dst=/tmp,tmpfs-size=1m,tmpfs-mode=1770");
        // applied parent first; mount points as resolved inside the container
        String table = ok(cli.run("mounts"));
        assertThat(table.lines().map(l -> String.join(" ", l.split(" +"))))
                .containsExactly(
                        "TARGET SOURCE FSTYPE OPTIONS",
                        "/ " + c.root + " rootfs rw",
                        "/ro " + c.volRo + " bind ro,rbind,rro=no",
                        "/rw " + c.volRw + " bind rw,bind",
                        "/tmp tmpfs tmpfs rw,size=1048576,mode=1770",
                        "/rw/inner " + c.volRo + " bind ro,rbind,rro=best-effort",
                        "/run/data " + c.volRw + " bind rw,rbind");
        assertThat(table.lines().map(ReadCommandsTest::thirdColumn).distinct())
                .as("aligned columns")
                .hasSize(1);
    }

    /** Where the third column starts: after the second column's value and its padding. */
    private static int thirdColumn(String line) {
        String[] f = line.split(" +");
        int afterSecond = line.indexOf(f[1], f[0].length()) + f[1].length();
        return line.indexOf(f[2], afterSecond);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void aMountInsideAReadOnlyVolumeCannotCreateItsMountPoint(String backend) throws IOException {
        HostileContainer c = container(backend);
        Cli.Result r = Cli.with(
                        "--backend",
                        backend,
                        "--root",
                        c.root.toString(),
                        "--mount",
                        "type=bind,src=" + c.volRo + ",dst=/ro,readonly",
                        "--mount",
                        "type=bind,src=" + c.volRw + ",dst=/rolink/inner")
                .run("mounts");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.stderr())
                .contains(
                        "cannot open a view of " + c.root,
                        "/rolink/inner",
                        "Read-only file system");
        assertThat(c.volRo.resolve("inner")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void aReadOnlyRootShowsInTheTable(String backend) throws IOException {
        HostileContainer c = container(backend);
        assertThat(ok(c.cli(backend).and("--read-only").run("mounts"))).contains(" rootfs ro\n");
    }
}
