package dev.fsview.cli.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.cli.archive.Archive;
import dev.fsview.cli.tar.TarEntry;
import dev.fsview.cli.tar.TarType;
import dev.fsview.cli.tar.TarWriter;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A tar stream spooled from standard input: its file has no name while the copy runs (no way the
 * JVM ends can leave it behind), and each entry reads back its own bytes, also interleaved with
 * another's.
 */
class SpooledTarTest {
    private static final Instant T = Instant.parse("2026-12-06T00:00:00Z");

    @Test
    void theSpoolHasNoNameWhileOpenAndEveryEntryReadsBackItsOwnBytes() throws IOException {
        byte[] tar = tar("a", "first file", "b", "the second file, longer");
        try (SpooledTar spooled = SpooledTar.read(new ByteArrayInputStream(tar))) {
            assertThat(spoolLinks())
                    .as("the spool's fd, its name unlinked")
                    .anyMatch(l -> l.endsWith(".tar (deleted)"))
                    .noneMatch(l -> l.endsWith(".tar"));
            List<Archive.Item> items = spooled.archive().items();
            assertThat(items).extracting(i -> i.entry().name()).containsExactly("a", "b");
            try (InputStream a = items.get(0).content().open();
                    InputStream b = items.get(1).content().open()) {
                // Interleaved: each slice keeps its own position in the one spool.
                byte[] a1 = a.readNBytes(5);
                byte[] b1 = b.readNBytes(4);
                assertThat(new String(a1, StandardCharsets.UTF_8) + a.readAllBytes().length)
                        .isEqualTo("first5");
                assertThat(new String(b1, StandardCharsets.UTF_8)
                                + new String(b.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("the second file, longer");
            }
        }
        assertThat(spoolLinks()).as("closed").noneMatch(l -> l.contains("/fsview-"));
    }

    private static byte[] tar(String... namesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter w = new TarWriter(out);
        for (int i = 0; i < namesAndContents.length; i += 2) {
            byte[] content = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
            w.write(
                    new TarEntry(
                            namesAndContents[i],
                            TarType.REGULAR,
                            0644,
                            0,
                            0,
                            content.length,
                            T,
                            "",
                            0,
                            0),
                    new ByteArrayInputStream(content));
        }
        w.finish();
        return out.toByteArray();
    }

    /** The targets of this process's fds that name a spool file ({@code fsview-*.tar}). */
    private static List<String> spoolLinks() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.contains("/fsview-") && target.contains(".tar")) {
                        out.add(target);
                    }
                } catch (IOException closedMeanwhile) {
                    // the listing's own fd
                }
            }
        }
        return out;
    }
}
