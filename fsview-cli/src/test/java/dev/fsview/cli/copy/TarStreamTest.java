package dev.fsview.cli.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.cli.archive.Archive;
import dev.fsview.cli.archive.Extractor;
import dev.fsview.cli.archive.TreeArchiver;
import dev.fsview.cli.tar.TarEntry;
import dev.fsview.cli.tar.TarReader;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The tar stream of {@code cp :/... -}: a file swapped between the walk and the open gives its
 * header only, never another file's bytes; progress never touches the stream; the kernel-copied
 * path ({@code sendfile}) writes the same bytes as the buffered one.
 */
class TarStreamTest {
    @TempDir
    Path dir;

    final List<String> warnings = new ArrayList<>();
    byte[] big;

    @BeforeEach
    void tree() throws IOException {
        Files.createDirectories(dir.resolve("top/sub"));
        Files.writeString(dir.resolve("top/a.txt"), "alpha\n");
        Files.writeString(dir.resolve("top/b.txt"), "bravo\n");
        big = new byte[3 * 1024 * 1024 + 17];
        new Random(12).nextBytes(big);
        Files.write(dir.resolve("top/sub/big.bin"), big);
        Files.writeString(dir.resolve("other.txt"), "a secret that was never walked\n");
    }

    Archive walk() throws IOException {
        return TreeArchiver.archive(dir.resolve("top"), false, "top", warnings::add);
    }

    static byte[] stream(Archive a, boolean direct, List<String> warnings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Copier.writeTar(a, out, direct ? Channels.newChannel(out) : null, warnings::add);
        return out.toByteArray();
    }

    static List<String> entries(byte[] tar) throws IOException {
        List<String> names = new ArrayList<>();
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        for (TarEntry e = r.next(); e != null; e = r.next()) {
            names.add(e.type().flag() + " " + e.name() + " " + e.size());
        }
        return names;
    }

    @Test
    void aFileSwappedForAFifoAfterTheWalkGivesItsHeaderOnlyAndNeverBlocks() throws Exception {
        Archive a = walk();
        Files.delete(dir.resolve("top/a.txt"));
        Process p = new ProcessBuilder("mkfifo", dir.resolve("top/a.txt").toString()).start();
        assertThat(p.waitFor()).isZero();
        byte[] tar = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(30), () -> stream(a, false, warnings));
        assertThat(entries(tar))
                .containsExactly(
                        "5 top 0",
                        "0 top/a.txt 0",
                        "0 top/b.txt 6",
                        "5 top/sub 0",
                        "0 top/sub/big.bin " + big.length);
        assertThat(warnings)
                .containsExactly(
                        "copied only the header of top/a.txt: it is no longer a regular file");
    }

    @Test
    void aFileRenamedIntoPlaceAfterTheWalkIsNotCopiedUnderTheWalkedName() throws Exception {
        Archive a = walk();
        Files.move(
                dir.resolve("other.txt"),
                dir.resolve("top/b.txt"),
                StandardCopyOption.REPLACE_EXISTING);
        byte[] tar = stream(a, true, warnings);
        assertThat(entries(tar)).contains("0 top/b.txt 0", "0 top/a.txt 6");
        assertThat(new String(tar, StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        assertThat(warnings)
                .containsExactly(
                        "copied only the header of top/b.txt: it was replaced since it was listed");
        // extracted to a directory: an empty file, same warning
        warnings.clear();
        Path out = Files.createDirectories(dir.resolve("out"));
        new Extractor(out, d -> {}, warnings::add).extract(a);
        assertThat(Files.size(out.resolve("top/b.txt"))).isZero();
        assertThat(out.resolve("top/a.txt")).hasContent("alpha");
        assertThat(Files.readAllBytes(out.resolve("top/sub/big.bin"))).isEqualTo(big);
        assertThat(warnings)
                .containsExactly(
                        "copied only the header of top/b.txt: it was replaced since it was listed");
    }

    @Test
    void theKernelCopiedStreamIsTheBufferedStreamByteForByte() throws IOException {
        byte[] buffered = stream(walk(), false, warnings);
        byte[] direct = stream(walk(), true, warnings);
        assertThat(direct).isEqualTo(buffered);
        assertThat(warnings).isEmpty();
    }

    @Test
    void progressOnATerminalLeavesTheStreamByteIdentical() throws Exception {
        byte[] plain = stream(walk(), true, warnings);
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        byte[] withProgress;
        try (Progress p = Progress.start(
                err, true, "Copying from container", Duration.ZERO, Duration.ofMillis(1))) {
            withProgress = stream(walk().counting(p::add), true, warnings);
            while (!errBytes.toString(StandardCharsets.UTF_8)
                    .contains("Copying from container - ")) {
                Thread.sleep(1);
            }
        }
        assertThat(withProgress).isEqualTo(plain);
        assertThat(errBytes.toString(StandardCharsets.UTF_8))
                .contains("\r\033[2KCopying from container - ");
    }
}
