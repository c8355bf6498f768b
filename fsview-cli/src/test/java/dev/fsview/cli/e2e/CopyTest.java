package dev.fsview.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.cli.tar.TarEntry;
import dev.fsview.cli.tar.TarReader;
import dev.fsview.cli.tar.TarType;
import dev.fsview.cli.tar.TarWriter;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * docker cp's rules ("docker container cp", extended description) in both directions, on both
 * backends. Into the container, results are read back through the tool (the fake keeps writes in
 * memory); on linux they are also checked on disk.
 */
@ExtendWith(LeakCheck.class)
class CopyTest {
    @TempDir
    Path tmp;

    HostileContainer c;
    Path local;
    Cli cli;
    String backend;

    void setUp(String backendName) throws IOException {
        Backends.assumeAvailable(backendName);
        backend = backendName;
        c = new HostileContainer(tmp.resolve("c"));
        local = Files.createDirectories(tmp.resolve("local")).toRealPath();
        Files.writeString(local.resolve("f.txt"), "from host\n");
        Files.createDirectories(local.resolve("src/sub"));
        Files.writeString(local.resolve("src/x.txt"), "x\n");
        Files.writeString(local.resolve("src/sub/y.txt"), "y\n");
        cli = c.cli(backend);
    }

    Cli.Result ok(Cli.Result r) {
        assertThat(r.status()).as(r.toString()).isZero();
        return r;
    }

    void fails(Cli.Result r, String message) {
        assertThat(r.status()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).contains(message).doesNotContain("\tat ");
        assertThat(r.stdout()).isEmpty();
    }

    String inContainer(String path) {
        Cli.Result r = cli.run("cat", path);
        assertThat(r.status()).as(path + ": " + r).isZero();
        return r.out();
    }

    boolean existsInContainer(String path) {
        return cli.run("stat", path).status() == 0;
    }

    String host(String rel) throws IOException {
        return Files.readString(local.resolve(rel));
    }

    Cli.Result cp(String src, String dst) {
        return cli.run("cp", src, dst);
    }

    // ---- into the container

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void aFileIntoTheContainerFollowsDockersTable(String b) throws IOException {
        setUp(b);
        String f = local.resolve("f.txt").toString();
        ok(cp(f, ":/dir/new.txt"));
        assertThat(inContainer("/dir/new.txt")).isEqualTo("from host\n");
        fails(cp(f, ":/dir/newdir/"), "the destination directory must exist");
        ok(cp(f, ":/dir/a.txt"));
        assertThat(inContainer("/dir/a.txt")).isEqualTo("from host\n");
        ok(cp(f, ":/dir"));
        assertThat(inContainer("/dir/f.txt")).isEqualTo("from host\n");
        ok(cp(f, ":dir/sub/"));
        assertThat(inContainer("/dir/sub/f.txt")).isEqualTo("from host\n");
        if (backend.equals("linux")) {
            assertThat(c.root.resolve("dir/new.txt")).hasContent("from host");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void aDirectoryIntoTheContainerFollowsDockersTable(String b) throws IOException {
        setUp(b);
        String src = local.resolve("src").toString();
        ok(cp(src, ":/dir/newdir"));
        assertThat(inContainer("/dir/newdir/sub/y.txt")).isEqualTo("y\n");
        fails(cp(src, ":/dir/a.txt"), "cannot copy a directory onto a file: :/dir/a.txt");
        ok(cp(src, ":/dir"));
        assertThat(inContainer("/dir/src/x.txt")).isEqualTo("x\n");
        ok(cp(src + "/.", ":/etc"));
        assertThat(inContainer("/etc/x.txt")).isEqualTo("x\n");
        assertThat(existsInContainer("/etc/src")).isFalse();
        ok(cp(src + "/", ":/run"));
        assertThat(inContainer("/run/src/sub/y.txt")).isEqualTo("y\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void aDestinationSymlinkIsFollowedInsideTheContainer(String b) throws IOException {
        setUp(b);
        ok(cp(local.resolve("f.txt").toString(), ":/rwlink"));
        assertThat(inContainer("/rw/f.txt")).isEqualTo("from host\n");
        ok(cp(local.resolve("f.txt").toString(), ":/var/run/"));
        assertThat(inContainer("/run/f.txt")).isEqualTo("from host\n");
        if (backend.equals("linux")) {
            assertThat(c.volRw.resolve("f.txt")).hasContent("from host");
            assertThat(c.root.resolve("run/f.txt")).hasContent("from host");
        }
    }

    // ---- out of the container

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void aFileOutOfTheContainerFollowsDockersTable(String b) throws IOException {
        setUp(b);
        ok(cp(":/dir/a.txt", local.resolve("new.txt").toString()));
        assertThat(host("new.txt")).isEqualTo("a\n");
        fails(
                cp(":/dir/a.txt", local.resolve("newdir").toString() + "/"),
                "the destination directory must exist");
        ok(cp(":/dir/a.txt", local.resolve("f.txt").toString()));
        assertThat(host("f.txt")).isEqualTo("a\n");
        ok(cp(":/dir/a.txt", local.resolve("src").toString()));
        assertThat(host("src/a.txt")).isEqualTo("a\n");
        fails(
                cp(":/dir/a.txt", local.resolve("missing/x").toString()),
                "cp: " + local.resolve("missing") + ": No such file or directory");
        fails(cp(":/dir/a.txt/", local.toString()), "cp: :/dir/a.txt/: Not a directory");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void aDirectoryOutOfTheContainerFollowsDockersTable(String b) throws IOException {
        setUp(b);
        ok(cp(":/dir", local.resolve("newdir").toString()));
        assertThat(host("newdir/sub/b.txt")).isEqualTo("b\n");
        fails(
                cp(":/dir", local.resolve("f.txt").toString()),
                "cannot copy a directory onto a file");
        ok(cp(":/dir", local.resolve("src").toString()));
        assertThat(host("src/dir/a.txt")).isEqualTo("a\n");
        Path into = Files.createDirectories(local.resolve("into"));
        ok(cp(":/dir/.", into.toString()));
        assertThat(host("into/a.txt")).isEqualTo("a\n");
        assertThat(into.resolve("dir")).doesNotExist();
        ok(cp(":/etc", local.resolve("etc").toString()));
        assertThat(host("etc/hostname")).isEqualTo("container\n");
        // docker's untar refuses a relative link climbing out of the destination ("breakout"):
        // the root holds one, so copying it out is refused whole, before anything is written
        fails(
                cp(":/", local.resolve("whole").toString()),
                "refusing symlink \"whole/escape\" -> \"../../../../../../../../..\"");
        assertThat(local.resolve("whole")).doesNotExist();
        // modes and times come along
        assertThat(Files.getLastModifiedTime(local.resolve("newdir/a.txt")).toInstant())
                .isEqualTo(HostileContainer.T);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void symlinksAreCopiedAsLinksUnlessFollowedWithinTheContainer(String b) throws IOException {
        setUp(b);
        ok(cp(":/var/run", local.resolve("link").toString()));
        assertThat(Files.readSymbolicLink(local.resolve("link")).toString()).isEqualTo("/run");
        ok(cp(":/var/run/", local.resolve("dir").toString()));
        assertThat(host("dir/app.pid")).isEqualTo("42\n");
        cli = cli.and();
        ok(cli.run("cp", "-L", ":/var/run", local.resolve("followed").toString()));
        assertThat(host("followed/app.pid")).isEqualTo("42\n");
        ok(cli.run("cp", "-L", ":/shadow-link", local.resolve("shadow").toString()));
        assertThat(host("shadow")).isEqualTo("root:*:1:0:::::\n");
        // an absolute link to a real host path is followed inside the container: nothing there
        fails(
                cli.run("cp", "-L", ":/hostpath", local.resolve("h").toString()),
                "No such file or directory");
        assertThat(local.resolve("h")).doesNotExist();
    }

    // ---- tar streams

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void aContainerDirectoryStreamsAsATarOnStdout(String b) throws IOException {
        setUp(b);
        Cli.Result r = ok(cp(":/dir", "-"));
        assertThat(r.stderr()).isEmpty();
        List<String> names = new ArrayList<>();
        TarReader reader = new TarReader(new ByteArrayInputStream(r.stdout()));
        for (TarEntry e = reader.next(); e != null; e = reader.next()) {
            names.add(e.type().flag() + " " + e.name() + " " + e.size() + " " + e.mtime());
        }
        assertThat(names)
                .containsExactly(
                        "5 dir 0 " + HostileContainer.T,
                        "0 dir/a.txt 2 " + HostileContainer.T,
                        "5 dir/sub 0 " + HostileContainer.T,
                        "0 dir/sub/b.txt 2 " + HostileContainer.T);
        Cli.Result dot = ok(cp(":/dir/.", "-"));
        assertThat(new TarReader(new ByteArrayInputStream(dot.stdout())).next().name())
                .isEqualTo(".");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void aTarOnStdinIsExtractedIntoAContainerDirectory(String b) throws IOException {
        setUp(b);
        byte[] tar = tar(file("t/one.txt", "1\n"), file("t/two/deep.txt", "2\n"));
        ok(cli.runWithInput(tar, "cp", "-", ":/dir"));
        assertThat(inContainer("/dir/t/two/deep.txt")).isEqualTo("2\n");
        fails(
                cli.runWithInput(tar, "cp", "-", ":/dir/a.txt"),
                "destination :/dir/a.txt must be a directory");
        fails(
                cli.runWithInput(tar, "cp", "-", ":/nowhere"),
                "destination :/nowhere must be a directory");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void aTimeOutsideDockersRangeIsExtractedAsTheEpoch(String b) throws IOException {
        setUp(b);
        Object[] old = {
            new TarEntry(
                    "old.txt",
                    TarType.REGULAR,
                    0644,
                    0,
                    0,
                    2,
                    Instant.ofEpochSecond(-86400),
                    "",
                    0,
                    0),
            "o\n"
        };
        ok(cli.runWithInput(tar(old), "cp", "-", ":/dir"));
        assertThat(ok(cli.run("stat", "/dir/old.txt")).out())
                .contains("\"mtime\":\"1970-01-01T00:00:00Z\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void aBadTarOnStdinWritesNothing(String b) throws IOException {
        setUp(b);
        byte[] good = tar(file("first.txt", "1\n"), file("second.txt", "2\n"));
        byte[] truncated = java.util.Arrays.copyOf(good, 700);
        fails(cli.runWithInput(truncated, "cp", "-", ":/dir"), "unexpected end of tar stream");
        byte[] escape = tar(file("ok.txt", "1\n"), file("../../escaped.txt", "2\n"));
        fails(cli.runWithInput(escape, "cp", "-", ":/dir"), "escape refused");
        byte[] linkThenFile = tar(link("evil", TarType.SYMLINK, "/"), file("evil/etc/pwned", "x"));
        fails(cli.runWithInput(linkThenFile, "cp", "-", ":/dir"), "is not a directory");
        assertThat(existsInContainer("/dir/first.txt")).isFalse();
        assertThat(existsInContainer("/dir/ok.txt")).isFalse();
        assertThat(existsInContainer("/dir/evil")).isFalse();
        assertThat(existsInContainer("/escaped.txt")).isFalse();
    }

    static Object[] file(String name, String content) {
        return new Object[] {
            new TarEntry(
                    name,
                    TarType.REGULAR,
                    0644,
                    0,
                    0,
                    content.getBytes(StandardCharsets.UTF_8).length,
                    Instant.EPOCH,
                    "",
                    0,
                    0),
            content
        };
    }

    static Object[] link(String name, TarType type, String target) {
        return new Object[] {
            new TarEntry(name, type, 0777, 0, 0, 0, Instant.EPOCH, target, 0, 0), ""
        };
    }

    static byte[] tar(Object[]... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter w = new TarWriter(out);
        for (Object[] e : entries) {
            w.write(
                    (TarEntry) e[0],
                    new ByteArrayInputStream(((String) e[1]).getBytes(StandardCharsets.UTF_8)));
        }
        w.finish();
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void destinationsThatCannotTakeACopyAreRefused(String b) throws Exception {
        setUp(b);
        Process mkfifo =
                new ProcessBuilder("mkfifo", c.root.resolve("dir/fifo").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        cli = c.cli(backend);
        fails(
                cp(local.resolve("f.txt").toString(), ":/dir/fifo"),
                "destination :/dir/fifo must be a directory or a regular file");
        Files.createSymbolicLink(local.resolve("loop1"), local.resolve("loop2"));
        Files.createSymbolicLink(local.resolve("loop2"), local.resolve("loop1"));
        fails(cp(":/dir/a.txt", local.resolve("loop1").toString()), "too many symlinks in");
        Cli.Result missing = cp(":/nope", "-");
        fails(missing, ":/nope: No such file or directory");
    }

    // ---- the fake is a dry run

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fake"})
    void theFakeBackendSaysDryRunAndLeavesTheDiskAsItWas(String b) throws IOException {
        setUp(b);
        Map<String, String> before = HostileContainer.snapshot(c.base, p -> true);
        Cli.Result r = ok(cp(local.resolve("f.txt").toString(), ":/rw/"));
        assertThat(r.stderr()).contains("dry run");
        assertThat(inContainer("/rw/f.txt")).isEqualTo("from host\n");
        assertThat(HostileContainer.snapshot(c.base, p -> true)).isEqualTo(before);
    }
}
