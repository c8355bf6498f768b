package dev.fsview.cli.e2e;

import static dev.fsview.cli.e2e.CopyTest.file;
import static dev.fsview.cli.e2e.CopyTest.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.fsview.cli.tar.TarEntry;
import dev.fsview.cli.tar.TarReader;
import dev.fsview.testkit.host.LoopDevice;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 12 through the CLI: only regular files are opened (a FIFO never blocks, a device node never
 * reads a device), and a tar into the container follows the destination's symlinks inside the
 * container only.
 */
@ExtendWith(LeakCheck.class)
class SpecialFilesTest {
    static final Duration NEVER_BLOCKS = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    HostileContainer c;
    Cli cli;

    void setUp(String backend) throws IOException, InterruptedException {
        Backends.assumeAvailable(backend);
        c = new HostileContainer(tmp.resolve("c"));
        // (times are not stamped again: setting a FIFO's times opens it, and that blocks)
        run("mkfifo", c.root.resolve("dir/fifo").toString());
        // 1:3 is the host's /dev/null: read through the view, it would be the host's device.
        run("mknod", c.root.resolve("dir/null").toString(), "c", "1", "3");
        Files.createSymbolicLink(c.root.resolve("dir/to-fifo"), Path.of("/dir/fifo"));
        Files.createSymbolicLink(c.root.resolve("dir/to-null"), Path.of("null"));
        cli = c.cli(backend);
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    }

    void refusedAsNotRegular(Cli.Result r, String path) {
        assertThat(r.status()).as(r.toString()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("fsview: cat: " + path + ": not a regular file\n");
        assertThat(r.stdout()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void catRefusesFifosAndDeviceNodesWithoutBlocking(String backend) throws Exception {
        setUp(backend);
        assertTimeoutPreemptively(NEVER_BLOCKS, () -> {
            refusedAsNotRegular(cli.run("cat", "/dir/fifo"), "/dir/fifo");
            refusedAsNotRegular(cli.run("cat", "/dir/to-fifo"), "/dir/to-fifo");
            refusedAsNotRegular(cli.run("cat", "/dir/null"), "/dir/null");
            refusedAsNotRegular(cli.run("cat", "/dir/to-null"), "/dir/to-null");
        });
        assertThat(cli.run("cat", "/dir/a.txt").status()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void cpArchivesFifosAndDeviceNodesAsHeadersWithoutOpeningThem(String backend) throws Exception {
        setUp(backend);
        Cli.Result r = assertTimeoutPreemptively(NEVER_BLOCKS, () -> cli.run("cp", ":/dir", "-"));
        assertThat(r.status()).as(r.toString()).isZero();
        List<String> entries = new ArrayList<>();
        TarReader reader = new TarReader(new ByteArrayInputStream(r.stdout()));
        for (TarEntry e = reader.next(); e != null; e = reader.next()) {
            entries.add(e.type().flag() + " " + e.name() + " " + e.size() + " " + e.devMajor() + ":"
                    + e.devMinor());
        }
        assertThat(entries)
                .contains(
                        "6 dir/fifo 0 0:0",
                        "3 dir/null 0 1:3",
                        "2 dir/to-fifo 0 0:0",
                        "0 dir/a.txt 2 0:0");
        Path out = tmp.resolve("out");
        Cli.Result toDir = assertTimeoutPreemptively(
                NEVER_BLOCKS, () -> cli.run("cp", ":/dir", out.toString()));
        assertThat(toDir.status()).as(toDir.toString()).isZero();
        assertThat(out.resolve("a.txt")).hasContent("a");
        assertThat(out.resolve("null")).doesNotExist();
        assertThat(toDir.stderr()).contains("skipped 2 device nodes or pipes");
    }

    /**
     * A block device node with the major:minor of a real host device (a loop device over a file
     * of marker bytes), as an attacker plants it to read a host disk: cat refuses it, cp archives
     * its header, and no byte of the device ever reaches the output.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void aNodeOfAHostBlockDeviceIsNeverRead(String backend) throws Exception {
        setUp(backend);
        org.junit.jupiter.api.Assumptions.assumeTrue(LoopDevice.available(), "losetup is missing");
        try (LoopDevice loop = LoopDevice.attach((byte) 'Q')) {
            run(
                    "mknod",
                    c.root.resolve("dir/disk").toString(),
                    "b",
                    String.valueOf(loop.major()),
                    String.valueOf(loop.minor()));
            assertTimeoutPreemptively(
                    NEVER_BLOCKS,
                    () -> refusedAsNotRegular(cli.run("cat", "/dir/disk"), "/dir/disk"));
            Cli.Result r =
                    assertTimeoutPreemptively(NEVER_BLOCKS, () -> cli.run("cp", ":/dir/disk", "-"));
            assertThat(r.status()).as(r.toString()).isZero();
            TarEntry e = new TarReader(new ByteArrayInputStream(r.stdout())).next();
            assertThat(e.type().flag() + " " + e.name() + " " + e.size() + " " + e.devMajor() + ":"
                            + e.devMinor())
                    .isEqualTo("4 disk 0 " + loop.major() + ":" + loop.minor());
            assertThat(new String(r.stdout(), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain("QQQQ");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void aTarIntoTheContainerFollowsTheDestinationsLinksInsideTheContainerOnly(String backend)
            throws Exception {
        setUp(backend);
        // absolute and relative links in the destination, to a writable volume and to the root
        Files.createSymbolicLink(c.root.resolve("dir/abs"), Path.of("/rw"));
        Files.createSymbolicLink(c.root.resolve("dir/rel"), Path.of("../run"));
        Files.createSymbolicLink(c.root.resolve("dir/ro-abs"), Path.of("/ro"));
        // a host path that exists on the host and not in the container
        Files.createSymbolicLink(c.root.resolve("dir/host-abs"), c.outside);
        Files.createSymbolicLink(c.root.resolve("dir/final"), Path.of("/etc/hostname"));
        Map<String, String> before = c.protectedState();
        Cli.Result ok = cli.runWithInput(
                tar(
                        file("abs/x.txt", "x\n"),
                        file("rel/y.txt", "y\n"),
                        file("final", "replaced\n")),
                "cp",
                "-",
                ":/dir");
        assertThat(ok.status()).as(ok.toString()).isZero();
        assertThat(cat("/rw/x.txt")).isEqualTo("x\n");
        assertThat(cat("/run/y.txt")).isEqualTo("y\n");
        // a link where a file goes is replaced, never written through
        assertThat(cat("/dir/final")).isEqualTo("replaced\n");
        assertThat(cat("/etc/hostname")).isEqualTo("container\n");
        if (backend.equals("linux")) {
            assertThat(c.volRw.resolve("x.txt")).hasContent("x");
            assertThat(c.root.resolve("run/y.txt")).hasContent("y");
            assertThat(Files.isRegularFile(
                            c.root.resolve("dir/final"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .isTrue();
        }
        Cli.Result ro = cli.runWithInput(tar(file("ro-abs/z.txt", "z\n")), "cp", "-", ":/dir");
        assertThat(ro.status()).as(ro.toString()).isEqualTo(1);
        assertThat(ro.stderr()).contains("mounted volume /ro is marked read-only");
        Cli.Result host =
                cli.runWithInput(tar(file("host-abs/evil.txt", "evil\n")), "cp", "-", ":/dir");
        assertThat(host.status()).as(host.toString()).isEqualTo(1);
        assertThat(c.protectedState()).isEqualTo(before);
    }

    /**
     * A racer renames FIFOs and regular files over {@code /race/f} while {@code cp :/race -} runs
     * again and again: no copy blocks, and the entry is either the regular file's bytes, a FIFO's
     * header (the walk saw one), or a header only (swapped after the walk), never a FIFO's
     * content. Linux only: the racer changes the real root, which the fake imported at open.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux"})
    void aRegularFileSwappedForAFifoDuringCpNeverBlocksAndIsNeverCopiedAsOne(String backend)
            throws Exception {
        setUp(backend);
        Path race = c.root.resolve("race");
        Path stage = c.root.resolve("stage");
        Files.createDirectories(race);
        Files.createDirectories(stage);
        Files.writeString(race.resolve("f"), "data");
        java.util.concurrent.atomic.AtomicBoolean stop =
                new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger swaps =
                new java.util.concurrent.atomic.AtomicInteger();
        Thread racer = new Thread(
                () -> {
                    try {
                        for (int batch = 0; !stop.get(); batch++) {
                            List<String> fifos = new ArrayList<>(List.of("mkfifo"));
                            for (int i = 0; i < 100; i++) {
                                fifos.add(stage.resolve("p" + batch + "-" + i).toString());
                                Files.writeString(stage.resolve("r" + batch + "-" + i), "data");
                            }
                            run(fifos.toArray(new String[0]));
                            for (int i = 0; i < 100 && !stop.get(); i++) {
                                Files.move(
                                        stage.resolve("p" + batch + "-" + i),
                                        race.resolve("f"),
                                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                                Files.move(
                                        stage.resolve("r" + batch + "-" + i),
                                        race.resolve("f"),
                                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                                java.util.concurrent.locks.LockSupport.parkNanos(200_000);
                                swaps.addAndGet(2);
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                },
                "fifo-swapper");
        racer.setDaemon(true);
        racer.start();
        java.util.Set<String> seen = new java.util.TreeSet<>();
        try {
            for (int i = 0; i < 40; i++) {
                Cli.Result r = assertTimeoutPreemptively(
                        NEVER_BLOCKS,
                        () -> cli.run("cp", ":/race", "-"),
                        "cp blocked on a FIFO swapped in");
                assertThat(r.status()).as(r.toString()).isZero();
                TarReader reader = new TarReader(new ByteArrayInputStream(r.stdout()));
                for (TarEntry e = reader.next(); e != null; e = reader.next()) {
                    if (!e.name().equals("race/f")) {
                        continue;
                    }
                    String what = e.type().flag() + " " + e.size();
                    assertThat(what).isIn("0 4", "0 0", "6 0");
                    if (e.size() == 4) {
                        assertThat(reader.content().readAllBytes()).isEqualTo("data".getBytes());
                    }
                    seen.add(what);
                }
            }
        } finally {
            stop.set(true);
            racer.join(NEVER_BLOCKS.toMillis());
        }
        assertThat(racer.isAlive()).isFalse();
        assertThat(swaps.get()).as("the racer swapped during the copies").isPositive();
        assertThat(seen).as("the copies saw the file").isNotEmpty();
    }

    String cat(String path) {
        Cli.Result r = cli.run("cat", path);
        assertThat(r.status()).as(path + ": " + r).isZero();
        return r.out();
    }
}
