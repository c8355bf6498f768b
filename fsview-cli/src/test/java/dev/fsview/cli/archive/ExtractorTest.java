package dev.fsview.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.cli.tar.TarEntry;
import dev.fsview.cli.tar.TarType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

class ExtractorTest {
    static final Instant T = Instant.ofEpochSecond(1_500_000_000L);

    @TempDir
    Path dest;

    @TempDir
    Path outside;

    final List<String> warnings = new ArrayList<>();
    final AtomicLong written = new AtomicLong();

    static Archive.Item file(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return new Archive.Item(
                new TarEntry(name, TarType.REGULAR, 0640, 0, 0, bytes.length, T, "", 0, 0),
                () -> new ByteArrayInputStream(bytes));
    }

    static Archive.Item dir(String name) {
        return new Archive.Item(
                new TarEntry(name, TarType.DIRECTORY, 0750, 0, 0, 0, T, "", 0, 0), null);
    }

    static Archive.Item link(String name, TarType type, String target) {
        return new Archive.Item(new TarEntry(name, type, 0777, 0, 0, 0, T, target, 0, 0), null);
    }

    void extract(WriteGuard guard, Archive.Item... items) throws IOException {
        new Extractor(dest, guard, warnings::add)
                .extract(new Archive(List.of(items)).counting(written::addAndGet));
    }

    void extract(Archive.Item... items) throws IOException {
        extract(p -> {}, items);
    }

    List<String> tree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(p -> root.relativize(p).toString())
                    .filter(n -> !n.isEmpty())
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    @Test
    void extractsFilesDirectoriesAndLinksWithTheirModesAndTimes() throws IOException {
        extract(
                dir("top"),
                file("top/a", "alpha"),
                dir("top/sub"),
                file("top/sub/b", "beta"),
                link("top/sym", TarType.SYMLINK, "/etc/passwd"),
                link("top/hard", TarType.HARDLINK, "top/a"));
        // docker's extraction: the access time is the modification time, for every kind (read
        // first: with relatime, the reads below move an access time that old to now)
        for (String name : List.of("top", "top/a", "top/sub", "top/sub/b", "top/sym")) {
            assertThat(Files.readAttributes(
                                    dest.resolve(name),
                                    BasicFileAttributes.class,
                                    LinkOption.NOFOLLOW_LINKS)
                            .lastAccessTime()
                            .toInstant())
                    .as("access time of %s", name)
                    .isEqualTo(T);
        }
        assertThat(tree(dest))
                .containsExactly("top", "top/a", "top/hard", "top/sub", "top/sub/b", "top/sym");
        assertThat(Files.readString(dest.resolve("top/sub/b"))).isEqualTo("beta");
        assertThat(Files.readSymbolicLink(dest.resolve("top/sym")).toString())
                .isEqualTo("/etc/passwd");
        assertThat(Files.isSameFile(dest.resolve("top/hard"), dest.resolve("top/a")))
                .isTrue();
        assertThat(Files.getAttribute(dest.resolve("top/a"), "unix:mode")).isEqualTo(0100640);
        assertThat(Files.getAttribute(dest.resolve("top"), "unix:mode")).isEqualTo(040750);
        // directory times are set after their entries were written
        assertThat(Files.getLastModifiedTime(dest.resolve("top")).toInstant()).isEqualTo(T);
        assertThat(Files.getLastModifiedTime(dest.resolve("top/sub")).toInstant())
                .isEqualTo(T);
        assertThat(written.get()).isEqualTo(9);
    }

    static Archive.Item timed(String name, TarType type, Instant mtime, Instant atime) {
        String link = type == TarType.SYMLINK ? "target" : type == TarType.HARDLINK ? "f" : "";
        return new Archive.Item(
                new TarEntry(name, type, 0755, 0, 0, 0, mtime, link, 0, 0, atime),
                type == TarType.REGULAR ? () -> InputStream.nullInputStream() : null);
    }

    BasicFileAttributes lstat(String name) throws IOException {
        return Files.readAttributes(
                dest.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void theAccessTimeIsTheLaterOfTheHeadersTwoTimesAsInDocker() throws IOException {
        Instant later = T.plusSeconds(3600);
        Instant earlier = T.minusSeconds(3600);
        extract(
                timed("d", TarType.DIRECTORY, T, later),
                timed("d/later", TarType.REGULAR, T, later),
                timed("d/earlier", TarType.REGULAR, T, earlier),
                timed("d/none", TarType.REGULAR, T, null),
                timed("d/sym", TarType.SYMLINK, T, later));
        // read before anything else: with relatime, a read moves an access time that old to now
        assertThat(lstat("d/later").lastAccessTime().toInstant()).isEqualTo(later);
        assertThat(lstat("d/earlier").lastAccessTime().toInstant()).isEqualTo(T);
        assertThat(lstat("d/none").lastAccessTime().toInstant()).isEqualTo(T);
        assertThat(lstat("d/sym").lastAccessTime().toInstant()).isEqualTo(later);
        assertThat(lstat("d").lastAccessTime().toInstant()).isEqualTo(later);
        for (String name : List.of("d", "d/later", "d/earlier", "d/none", "d/sym")) {
            assertThat(lstat(name).lastModifiedTime().toInstant()).as(name).isEqualTo(T);
        }
    }

    @Test
    void timesOutsideDockersRangeBecomeTheEpoch() throws IOException {
        Instant before1970 = Instant.ofEpochSecond(-86400);
        Instant after2262 = Instant.ofEpochSecond(10_000_000_000L);
        extract(
                timed("d", TarType.DIRECTORY, before1970, null),
                timed("d/old", TarType.REGULAR, before1970, null),
                timed("d/far", TarType.REGULAR, T, after2262),
                timed("d/sym", TarType.SYMLINK, after2262, null));
        assertThat(lstat("d/far").lastAccessTime().toInstant()).isEqualTo(Instant.EPOCH);
        assertThat(lstat("d/far").lastModifiedTime().toInstant()).isEqualTo(T);
        for (String name : List.of("d", "d/old", "d/sym")) {
            assertThat(lstat(name).lastModifiedTime().toInstant())
                    .as(name)
                    .isEqualTo(Instant.EPOCH);
            assertThat(lstat(name).lastAccessTime().toInstant()).as(name).isEqualTo(Instant.EPOCH);
        }
    }

    @Test
    void aHardLinksHeaderTimesItsFileAsTheLastEntryNamingIt() throws IOException {
        Instant linked = T.plusSeconds(60);
        extract(
                timed("f", TarType.REGULAR, T, null),
                timed("h", TarType.HARDLINK, linked, null),
                // a link whose name a later entry takes no longer times anything
                timed("g", TarType.REGULAR, T, null),
                new Archive.Item(
                        new TarEntry("gone", TarType.HARDLINK, 0, 0, 0, 0, linked, "g", 0, 0),
                        null),
                timed("gone", TarType.REGULAR, T.plusSeconds(120), null),
                // a link to a symlink leaves the symlink's times as they are, as docker does
                timed("sym", TarType.SYMLINK, T, null),
                new Archive.Item(
                        new TarEntry(
                                "symlink-link", TarType.HARDLINK, 0, 0, 0, 0, linked, "sym", 0, 0),
                        null));
        assertThat(lstat("f").lastModifiedTime().toInstant()).isEqualTo(linked);
        assertThat(Files.isSameFile(dest.resolve("f"), dest.resolve("h"))).isTrue();
        assertThat(lstat("g").lastModifiedTime().toInstant()).isEqualTo(T);
        assertThat(lstat("gone").lastModifiedTime().toInstant()).isEqualTo(T.plusSeconds(120));
        assertThat(lstat("sym").lastModifiedTime().toInstant()).isEqualTo(T);
        assertThat(lstat("symlink-link").isSymbolicLink()).isTrue();
    }

    @Test
    void existingDirectoriesMergeAndOtherEntriesAreReplaced() throws IOException {
        Files.createDirectories(dest.resolve("top"));
        Files.writeString(dest.resolve("top/keep"), "kept");
        Files.writeString(dest.resolve("top/a"), "old");
        Files.writeString(outside.resolve("target"), "untouched");
        Files.createSymbolicLink(dest.resolve("top/b"), outside.resolve("target"));
        extract(dir("top"), file("top/a", "new"), file("top/b", "replaced the link"));
        assertThat(Files.readString(dest.resolve("top/keep"))).isEqualTo("kept");
        assertThat(Files.readString(dest.resolve("top/a"))).isEqualTo("new");
        assertThat(Files.isSymbolicLink(dest.resolve("top/b"))).isFalse();
        assertThat(Files.readString(outside.resolve("target"))).isEqualTo("untouched");
    }

    @Test
    void aNameTwiceInOneArchiveEndsAsItsLastEntry() throws IOException {
        Archive.Item second = new Archive.Item(
                new TarEntry("a", TarType.REGULAR, 0600, 0, 0, 6, T.plusSeconds(60), "", 0, 0),
                () -> new ByteArrayInputStream("second".getBytes(StandardCharsets.UTF_8)));
        extract(
                file("a", "first"),
                second,
                file("b", "a file first"),
                link("b", TarType.SYMLINK, "a"),
                link("c", TarType.SYMLINK, "a"),
                file("c", "a file last"));
        assertThat(Files.readString(dest.resolve("a"))).isEqualTo("second");
        assertThat(Files.getAttribute(dest.resolve("a"), "unix:mode")).isEqualTo(0100600);
        assertThat(Files.getLastModifiedTime(dest.resolve("a")).toInstant())
                .isEqualTo(T.plusSeconds(60));
        assertThat(Files.readSymbolicLink(dest.resolve("b")).toString()).isEqualTo("a");
        assertThat(Files.isSymbolicLink(dest.resolve("c"))).isFalse();
        assertThat(Files.readString(dest.resolve("c"))).isEqualTo("a file last");
    }

    @Test
    void manyFilesAndHardLinksToThemAreAllMadeWithTheirContent() throws IOException {
        List<Archive.Item> items = new ArrayList<>();
        items.add(dir("d"));
        for (int i = 0; i < 500; i++) {
            items.add(file("d/f" + i, "content " + i));
            items.add(link("d/h" + i, TarType.HARDLINK, "d/f" + i));
        }
        extract(items.toArray(new Archive.Item[0]));
        for (int i = 0; i < 500; i++) {
            assertThat(Files.readString(dest.resolve("d/h" + i))).isEqualTo("content " + i);
            assertThat(Files.getAttribute(dest.resolve("d/f" + i), "unix:mode")).isEqualTo(0100640);
            assertThat(Files.getLastModifiedTime(dest.resolve("d/f" + i)).toInstant())
                    .isEqualTo(T);
        }
        assertThat(Files.getLastModifiedTime(dest.resolve("d")).toInstant()).isEqualTo(T);
    }

    @Test
    void aFileThatCannotBeReadFailsTheExtractionWithItsError() {
        Archive.Item unreadable = new Archive.Item(
                new TarEntry("bad", TarType.REGULAR, 0640, 0, 0, 3, T, "", 0, 0), () -> {
                    throw new IOException("cannot read bad");
                });
        assertThatThrownBy(() -> extract(file("a", "x"), unreadable, file("z", "y")))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot read bad");
    }

    @Test
    void theDotEntryLeavesTheDestinationItselfAlone() throws IOException {
        Files.setAttribute(dest, "unix:mode", 0700);
        extract(dir("."), file("./a", "x"));
        assertThat(Files.getAttribute(dest, "unix:mode")).isEqualTo(040700);
        assertThat(Files.readString(dest.resolve("a"))).isEqualTo("x");
    }

    @Test
    void aDirectoryNeverReplacesAFileAndNothingIsWritten() throws IOException {
        Files.writeString(dest.resolve("x"), "file");
        assertThatThrownBy(() -> extract(file("first", "1"), dir("x"), file("x/y", "2")))
                .isInstanceOf(ExtractionRefusedException.class)
                .hasMessageContaining("cannot overwrite non-directory")
                .hasMessageContaining("with directory \"x\"");
        assertThat(tree(dest)).containsExactly("x");
    }

    @Test
    void aFileNeverReplacesADirectoryAndNothingIsWritten() throws IOException {
        Files.createDirectories(dest.resolve("d"));
        assertThatThrownBy(() -> extract(file("first", "1"), file("d", "2")))
                .isInstanceOf(ExtractionRefusedException.class)
                .hasMessageContaining("cannot overwrite directory");
        assertThat(tree(dest)).containsExactly("d");
    }

    @Test
    void conflictsBetweenEntriesOfTheSameArchiveAreCaughtBeforeWriting() {
        assertThatThrownBy(() -> extract(dir("a"), file("a", "x")))
                .isInstanceOf(ExtractionRefusedException.class);
        assertThatThrownBy(() -> extract(file("a", "x"), file("a/b", "y")))
                .isInstanceOf(ExtractionRefusedException.class)
                .hasMessageContaining("is not a directory");
        assertThat(dest.toFile().list()).isEmpty();
    }

    @Test
    void aSymlinkInTheDestinationIsNeverWrittenThrough() throws IOException {
        // The host side's defence: an archive that names "a" as a directory cannot use an existing
        // symlink "a" (planted or not) to put "a/evil" somewhere else.
        Files.createSymbolicLink(dest.resolve("a"), outside);
        assertThatThrownBy(() -> extract(dir("a"), file("a/evil", "x")))
                .isInstanceOf(ExtractionRefusedException.class);
        assertThat(tree(outside)).isEmpty();
    }

    @Test
    void aSymlinkInTheMiddleOfANameIsNotEnteredInAHostDestination() throws IOException {
        // Only "a/evil", no "a" entry: the planted link "a" must not take the file elsewhere.
        Files.createSymbolicLink(dest.resolve("a"), outside);
        assertThatThrownBy(() -> extract(file("a/evil", "x")))
                .isInstanceOf(ExtractionRefusedException.class)
                .hasMessageContaining("is not a directory");
        Files.createSymbolicLink(dest.resolve("rel"), dest.relativize(outside));
        assertThatThrownBy(() -> extract(file("rel/evil", "x")))
                .isInstanceOf(ExtractionRefusedException.class)
                .hasMessageContaining("is not a directory");
        assertThat(tree(outside)).isEmpty();
    }

    @Test
    void inAContainerALinkInTheMiddleOfANameIsFollowedAndTheGuardSeesWhereItLands()
            throws IOException {
        // In a view the link resolves inside the container root (the e2e tests prove that part);
        // here: it is followed, and the guard is asked about the directory it leads to.
        Path target = Files.createDirectories(dest.resolve("target"));
        Files.createSymbolicLink(dest.resolve("abs"), target);
        Files.createSymbolicLink(dest.resolve("rel"), Path.of("target"));
        List<Path> guarded = new ArrayList<>();
        Extractor.inScope(dest, dir -> guarded.add(dir.toRealPath()), warnings::add)
                .extract(new Archive(List.of(file("abs/x", "1"), file("rel/y", "2"))));
        assertThat(target.resolve("x")).hasContent("1");
        assertThat(target.resolve("y")).hasContent("2");
        assertThat(guarded).containsOnly(target.toRealPath());
    }

    @Test
    void namesThatClimbOutAreRefusedAsEscapes() throws IOException {
        for (String name : List.of("../evil", "a/../../evil", "..")) {
            assertThatThrownBy(() -> extract(file("ok", "1"), file(name, "x")))
                    .isInstanceOf(ExtractionRefusedException.class)
                    .hasMessageContaining("escape refused");
        }
        assertThat(dest.toFile().list()).isEmpty();
        extract(file("/abs/name", "x"));
        assertThat(Files.readString(dest.resolve("abs/name"))).isEqualTo("x");
    }

    @Test
    void linksThatPointOutAreRefused() {
        assertThatThrownBy(() -> extract(link("up", TarType.SYMLINK, "../etc")))
                .hasMessageContaining("escape refused");
        assertThatThrownBy(() -> extract(dir("a"), link("a/up", TarType.SYMLINK, "../../etc")))
                .hasMessageContaining("escape refused");
        assertThatThrownBy(() -> extract(link("h", TarType.HARDLINK, "../../etc/passwd")))
                .hasMessageContaining("escape refused");
        assertThatThrownBy(() -> extract(link("h", TarType.HARDLINK, "missing")))
                .hasMessageContaining("not a file of the archive or the destination");
        assertThat(dest.toFile().list()).isEmpty();
    }

    @Test
    void absoluteAndInsideRelativeSymlinksAreKept() throws IOException {
        extract(
                dir("a"),
                link("a/abs", TarType.SYMLINK, "/run"),
                link("a/rel", TarType.SYMLINK, "../a"));
        assertThat(Files.readSymbolicLink(dest.resolve("a/abs")).toString()).isEqualTo("/run");
        assertThat(Files.readSymbolicLink(dest.resolve("a/rel")).toString()).isEqualTo("../a");
    }

    @Test
    void missingParentsAreCreated() throws IOException {
        extract(file("p/q/r", "x"));
        assertThat(Files.readString(dest.resolve("p/q/r"))).isEqualTo("x");
        assertThat(Files.isDirectory(dest.resolve("p/q"), LinkOption.NOFOLLOW_LINKS))
                .isTrue();
    }

    @Test
    void specialFilesAreSkippedWithOneWarning() throws IOException {
        extract(
                link("fifo", TarType.FIFO, ""),
                new Archive.Item(
                        new TarEntry("null", TarType.CHAR_DEVICE, 0666, 0, 0, 0, T, "", 1, 3),
                        null),
                file("f", "x"));
        assertThat(tree(dest)).containsExactly("f");
        assertThat(warnings)
                .containsExactly(
                        "skipped 2 device nodes or pipes: fsview cannot create special files");
    }

    @Test
    void theGuardIsAskedBeforeAnythingIsWrittenAndItsRefusalStops() throws IOException {
        Files.createDirectories(dest.resolve("ro"));
        List<Path> asked = new ArrayList<>();
        WriteGuard guard = p -> {
            asked.add(p);
            if (p.endsWith("ro")) {
                throw new ExtractionRefusedException("cannot write to " + p + ": read-only");
            }
        };
        assertThatThrownBy(() -> extract(guard, file("a", "1"), file("ro/b", "2")))
                .hasMessageContaining("read-only");
        assertThat(tree(dest)).containsExactly("ro");
        assertThat(asked).containsExactly(dest.resolve("."), dest.resolve("ro"));
    }

    @Test
    void theExtractionPointMustBeAnExistingDirectory() throws IOException {
        Files.writeString(dest.resolve("f"), "");
        assertThatThrownBy(() -> new Extractor(dest.resolve("missing"), p -> {}, warnings::add)
                        .extract(new Archive(List.of())))
                .isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> new Extractor(dest.resolve("f"), p -> {}, warnings::add)
                        .extract(new Archive(List.of())))
                .isInstanceOf(NotDirectoryException.class);
    }
}
