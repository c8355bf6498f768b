package dev.fsview.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fsview.cli.tar.TarEntry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

class TreeArchiverTest {
    @TempDir
    Path dir;

    final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void tree() throws IOException {
        Files.createDirectories(dir.resolve("top/b/deeper"));
        Files.writeString(dir.resolve("top/a.txt"), "alpha");
        Files.writeString(dir.resolve("top/b/deeper/c"), "c");
        Files.writeString(dir.resolve("top/z"), "zz");
        Files.createSymbolicLink(dir.resolve("top/b/up"), Path.of("../.."));
        Files.createSymbolicLink(dir.resolve("link-to-top"), Path.of("top"));
    }

    List<String> names(Archive a) {
        return a.items().stream()
                .map(i -> i.entry().type().flag() + " " + i.entry().name()
                        + (i.entry().linkName().isEmpty()
                                ? ""
                                : " -> " + i.entry().linkName()))
                .collect(Collectors.toList());
    }

    @Test
    void aDirectoryIsWalkedParentsFirstInNameOrderUnderTheTopName() throws IOException {
        Archive a = TreeArchiver.archive(dir.resolve("top"), false, "top", warnings::add);
        assertThat(names(a))
                .containsExactly(
                        "5 top",
                        "0 top/a.txt",
                        "5 top/b",
                        "5 top/b/deeper",
                        "0 top/b/deeper/c",
                        "2 top/b/up -> ../..",
                        "0 top/z");
    }

    @Test
    void theTopNameDotArchivesTheContents() throws IOException {
        Archive a = TreeArchiver.archive(dir.resolve("top/b"), false, ".", warnings::add);
        assertThat(names(a))
                .containsExactly("5 .", "5 ./deeper", "0 ./deeper/c", "2 ./up -> ../..");
    }

    @Test
    void aSymlinkAtTheTopIsArchivedAsASymlinkUnlessFollowed() throws IOException {
        assertThat(names(TreeArchiver.archive(
                        dir.resolve("link-to-top"), false, "link-to-top", warnings::add)))
                .containsExactly("2 link-to-top -> top");
        assertThat(names(TreeArchiver.archive(
                        dir.resolve("link-to-top"), true, "link-to-top", warnings::add)))
                .startsWith("5 link-to-top", "0 link-to-top/a.txt");
    }

    @Test
    void followingAFileIsNotADirectory() {
        assertThatThrownBy(() -> TreeArchiver.archive(
                        dir.resolve("top/a.txt"), true, "a.txt", warnings::add))
                .isInstanceOf(NotDirectoryException.class);
    }

    @Test
    void contentIsReadLazilyAndModesAndSecondsAreKept() throws IOException {
        Files.setLastModifiedTime(
                dir.resolve("top/a.txt"),
                FileTime.from(Instant.ofEpochSecond(1_600_000_000L, 123_456_789)));
        Files.setAttribute(dir.resolve("top/a.txt"), "unix:mode", 04751);
        Archive a = TreeArchiver.archive(dir.resolve("top/a.txt"), false, "renamed", warnings::add);
        TarEntry e = a.items().get(0).entry();
        assertThat(e.name()).isEqualTo("renamed");
        assertThat(e.mode()).isEqualTo(04751);
        assertThat(e.size()).isEqualTo(5);
        assertThat(e.mtime()).isEqualTo(Instant.ofEpochSecond(1_600_000_000L));
        Files.writeString(dir.resolve("top/a.txt"), "ALPHA");
        try (InputStream in = a.items().get(0).content().open()) {
            assertThat(new String(in.readAllBytes())).isEqualTo("ALPHA");
        }
    }

    @Test
    void aSecondNameOfTheSameFileBecomesAHardLink() throws IOException {
        Files.createLink(dir.resolve("top/b/hard"), dir.resolve("top/a.txt"));
        Archive a = TreeArchiver.archive(dir.resolve("top"), false, "top", warnings::add);
        assertThat(names(a)).contains("0 top/a.txt", "1 top/b/hard -> top/a.txt");
        TarEntry hard = a.items().stream()
                .map(Archive.Item::entry)
                .filter(e -> e.name().equals("top/b/hard"))
                .findFirst()
                .orElseThrow();
        assertThat(hard.size()).isZero();
    }

    @Test
    void socketsAreSkippedWithAWarning() throws IOException {
        try (ServerSocketChannel s =
                ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(dir.resolve("top/sock")));
            Archive a = TreeArchiver.archive(dir.resolve("top"), false, "top", warnings::add);
            assertThat(names(a)).noneMatch(n -> n.contains("sock"));
            assertThat(warnings).containsExactly("skipping top/sock: sockets cannot be archived");
        }
    }

    @Test
    void renamingRebasesTheTopAndHardLinksButNothingElse() throws IOException {
        Files.createLink(dir.resolve("top/hard"), dir.resolve("top/a.txt"));
        Archive a = TreeArchiver.archive(dir.resolve("top"), false, "top", warnings::add)
                .rename("top", "new");
        assertThat(names(a))
                .contains("5 new", "0 new/a.txt", "1 new/hard -> new/a.txt", "2 new/b/up -> ../..");
        Archive dot = TreeArchiver.archive(dir.resolve("top/b"), false, ".", warnings::add)
                .rename(".", "b2");
        assertThat(names(dot))
                .containsExactly("5 b2", "5 b2/deeper", "0 b2/deeper/c", "2 b2/up -> ../..");
        assertThat(Archive.rebase("topper", "top", "x")).isEqualTo("topper");
    }

    @Test
    void majorAndMinorDecodeLinuxDevNumbers() {
        long ttyS0 = (4L << 8) | 64;
        assertThat(DevNumbers.major(ttyS0)).isEqualTo(4);
        assertThat(DevNumbers.minor(ttyS0)).isEqualTo(64);
        long big = (0x123L << 8)
                | (0xabcdeL & 0xff)
                | ((0xabcdeL & ~0xffL) << 12)
                | ((0x12345L & ~0xfffL) << 32);
        assertThat(DevNumbers.minor(big)).isEqualTo(0xabcdeL);
    }
}
