package dev.fsview.cli.e2e;

import static dev.fsview.cli.e2e.CopyTest.file;
import static dev.fsview.cli.e2e.CopyTest.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.FsView;
import dev.fsview.FsViews;
import dev.fsview.MountSpec;
import dev.fsview.ViewSpec;
import dev.fsview.cli.archive.Archive;
import dev.fsview.cli.archive.Extractor;
import dev.fsview.cli.tar.TarEntry;
import dev.fsview.cli.tar.TarType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Issue 12: {@code --read-only} is kept by the kernel ({@code ViewSpec.Builder.readOnlyRoot()}),
 * not only by the CLI's early check. A process in the container that renames directories of the
 * root while copies go in (here: swapping a real directory of the root and a symlink to a writable
 * volume under the same name) never gets a byte written into the root. The number of racing copies
 * is {@code fsview.cli.raceCount}: small by default, 10,000 with {@code -Psoak}.
 */
@ExtendWith(LeakCheck.class)
class ReadOnlyRootRaceTest {
    static final int RACES = Integer.getInteger("fsview.cli.raceCount", 100);

    @TempDir
    Path tmp;

    @Test
    void aRacerRenamingDirectoriesOfAReadOnlyRootGetsNothingWrittenIntoIt() throws Exception {
        Backends.assumeAvailable("linux");
        HostileContainer c = new HostileContainer(tmp.resolve("c"));
        // "a" is either the real directory a/b of the root or a symlink to the writable volume:
        // the CLI's check may see the link and the write the directory.
        Files.createDirectories(c.root.resolve("a/b"));
        Files.createSymbolicLink(c.root.resolve("l"), Path.of("/rw"));
        Map<String, String> rootBefore = tree(c.root);
        Path payload = Files.writeString(tmp.resolve("payload.txt"), "payload\n");
        Cli cli = c.cli("linux", "--read-only");

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong swaps = new AtomicLong();
        List<Throwable> racerFailed = new ArrayList<>();
        Thread racer = new Thread(
                () -> {
                    try {
                        while (!stop.get()) {
                            move(c.root, "a", "c");
                            move(c.root, "l", "a");
                            move(c.root, "a", "l");
                            move(c.root, "c", "a");
                            swaps.incrementAndGet();
                        }
                    } catch (IOException | RuntimeException e) {
                        racerFailed.add(e);
                    }
                },
                "cli-read-only-racer");
        racer.start();
        List<String> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < RACES; i++) {
                Cli.Result r = i % 2 == 0
                        ? cli.runWithInput(tar(file("b/t" + i, "tar\n")), "cp", "-", ":/a")
                        : cli.run("cp", payload.toString(), ":/a/b/f" + i);
                // 0: it went to the volume through the link; 1: refused or renamed away
                assertThat(r.status()).as(r.toString()).isIn(0, 1);
                assertThat(r.stderr()).as(r.toString()).doesNotContain("\tat ");
                outcomes.add(r.status() == 0 ? "written" : r.stderr());
            }
        } finally {
            stop.set(true);
            racer.join();
        }
        assertThat(racerFailed).isEmpty();
        assertThat(swaps.get()).as("the racer ran").isPositive();
        assertThat(tree(c.root))
                .as(
                        "the read-only root after %d racing copies: %s",
                        RACES, outcomes.stream().distinct().limit(8).toList())
                .isEqualTo(rootBefore);
    }

    /** Renames one entry of the root, as a process in the container would. */
    private static void move(Path root, String from, String to) throws IOException {
        Files.move(root.resolve(from), root.resolve(to), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The kernel, not the CLI's check, is the guarantee: an extraction that skips the check (a
     * guard that allows everything) into a read-only root fails with EROFS and writes nothing.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linux", "fake"})
    void withoutTheClisCheckTheReadOnlyRootStillRefusesEveryWrite(String backend) throws Exception {
        Backends.assumeAvailable(backend);
        HostileContainer c = new HostileContainer(tmp.resolve("c"));
        Map<String, String> rootBefore = tree(c.root);
        byte[] content = "x\n".getBytes(StandardCharsets.UTF_8);
        Archive archive = new Archive(List.of(
                new Archive.Item(
                        new TarEntry(
                                "new", TarType.DIRECTORY, 0755, 0, 0, 0, Instant.EPOCH, "", 0, 0),
                        null),
                new Archive.Item(
                        new TarEntry(
                                "new/x",
                                TarType.REGULAR,
                                0644,
                                0,
                                0,
                                content.length,
                                Instant.EPOCH,
                                "",
                                0,
                                0),
                        () -> new ByteArrayInputStream(content))));
        ViewSpec spec = ViewSpec.builder(c.root.toString())
                .readOnlyRoot()
                .mount(MountSpec.bind(c.volRw.toString(), "/rw").writable().build())
                .build();
        try (FsView view = FsViews.provider(backend).open(spec)) {
            assertThatThrownBy(() -> Extractor.inScope(view.path("/dir"), d -> {}, w -> {})
                            .extract(archive))
                    .isInstanceOfSatisfying(
                            FileSystemException.class,
                            e -> assertThat(e.getReason()).isEqualTo("Read-only file system"));
            // the writable volume still takes the same archive
            Extractor.inScope(view.path("/rw"), d -> {}, w -> {}).extract(archive);
            assertThat(Files.readString(view.path("/rw/new/x"))).isEqualTo("x\n");
        }
        assertThat(tree(c.root)).isEqualTo(rootBefore);
    }

    /** Every path under a directory with its type and a file's content (no times: renames touch them). */
    static Map<String, String> tree(Path top) throws IOException {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String what;
                if (Files.isSymbolicLink(p)) {
                    what = "-> " + Files.readSymbolicLink(p);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    what = "dir";
                } else {
                    what = Files.readString(p);
                }
                state.put(top.relativize(p).toString(), what);
            }
        }
        return state;
    }
}
