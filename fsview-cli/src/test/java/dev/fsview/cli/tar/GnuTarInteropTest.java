package dev.fsview.cli.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Our reader and writer against GNU tar, the reference every tar user has. */
class GnuTarInteropTest {
    static final String LONG = "deep/" + "d".repeat(120) + "/" + "f".repeat(110) + ".txt";

    @BeforeAll
    static void gnuTarIsInstalled() throws Exception {
        boolean present;
        try {
            present = new ProcessBuilder("tar", "--version").start().waitFor() == 0;
        } catch (IOException e) {
            present = false;
        }
        assumeTrue(present, "GNU tar is not installed: the interop checks need it");
    }

    static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    @ParameterizedTest(name = "GNU tar --format={0}")
    @ValueSource(strings = {"ustar", "pax", "gnu", "posix", "v7"})
    void readsWhatGnuTarWrites(String format, @TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src);
        Files.createDirectories(src.resolve("top/sub"));
        Files.writeString(src.resolve("top/a.txt"), "alpha\n");
        Files.writeString(src.resolve("top/sub/b.txt"), "beta".repeat(300));
        Files.createSymbolicLink(src.resolve("top/link"), Path.of("a.txt"));
        Files.createLink(src.resolve("top/hard"), src.resolve("top/a.txt"));
        boolean longNames = !format.equals("ustar") && !format.equals("v7");
        if (longNames) {
            Files.createDirectories(src.resolve("top/" + LONG).getParent());
            Files.writeString(src.resolve("top/" + LONG), "long");
        }
        run(src, "tar", "--format=" + format, "--sort=name", "-cf", "../out.tar", "top");

        Map<String, String> seen = new TreeMap<>();
        TarReader r =
                new TarReader(new ByteArrayInputStream(Files.readAllBytes(dir.resolve("out.tar"))));
        for (TarEntry e = r.next(); e != null; e = r.next()) {
            String body = new String(r.content().readAllBytes(), StandardCharsets.UTF_8);
            seen.put(
                    e.name(),
                    e.type()
                            + (e.linkName().isEmpty() ? "" : "->" + e.linkName())
                            + (body.isEmpty() ? "" : ":" + body.length()));
        }
        assertThat(seen)
                .containsEntry("top", "DIRECTORY")
                .containsEntry("top/a.txt", "REGULAR:6")
                .containsEntry("top/sub/b.txt", "REGULAR:1200")
                .containsEntry("top/link", "SYMLINK->a.txt");
        assertThat(seen.get("top/hard")).isIn("HARDLINK->top/a.txt", "REGULAR:6");
        assertThat(seen.get("top/a.txt")).isIn("REGULAR:6", "HARDLINK->top/hard");
        if (longNames) {
            assertThat(seen).containsEntry("top/" + LONG, "REGULAR:4");
        }
    }

    @Test
    void readsTheAccessTimesAndTheTimesBefore1970ThatGnuTarWrites(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("f"), "hi\n");
        run(dir, "touch", "-m", "-d", "@1500000000", "f");
        run(dir, "touch", "-a", "-d", "@1600000000.25", "f");
        // pax: GNU tar records the access time it read before reading the file
        run(dir, "tar", "--format=posix", "-cf", "posix.tar", "f");
        // gnu: a time before 1970 in base-256
        run(dir, "tar", "--format=gnu", "--mtime=@-86400", "-cf", "gnu.tar", "f");

        TarEntry posix = first(dir.resolve("posix.tar"));
        assertThat(posix.mtime()).isEqualTo(Instant.ofEpochSecond(1_500_000_000L));
        assertThat(posix.atime()).isEqualTo(Instant.ofEpochSecond(1_600_000_000L, 250_000_000));
        assertThat(first(dir.resolve("gnu.tar")).mtime()).isEqualTo(Instant.ofEpochSecond(-86400));
    }

    private static TarEntry first(Path tar) throws IOException {
        return new TarReader(new ByteArrayInputStream(Files.readAllBytes(tar))).next();
    }

    @Test
    void gnuTarExtractsWhatWeWrite(@TempDir Path dir) throws Exception {
        Instant t = Instant.ofEpochSecond(1_600_000_000L);
        List<TarEntry> entries = new ArrayList<>();
        entries.add(new TarEntry("top", TarType.DIRECTORY, 0750, 0, 0, 0, t, "", 0, 0));
        entries.add(new TarEntry("top/a.txt", TarType.REGULAR, 0640, 0, 0, 6, t, "", 0, 0));
        entries.add(new TarEntry(
                "top/" + LONG.replace('/', '_'), TarType.REGULAR, 0644, 0, 0, 6, t, "", 0, 0));
        entries.add(new TarEntry("top/été", TarType.REGULAR, 0644, 0, 0, 6, t, "", 0, 0));
        entries.add(new TarEntry(
                "top/abs", TarType.SYMLINK, 0777, 0, 0, 0, t, "/" + "t".repeat(150), 0, 0));
        entries.add(
                new TarEntry("top/hard", TarType.HARDLINK, 0640, 0, 0, 0, t, "top/a.txt", 0, 0));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        TarWriter w = new TarWriter(out);
        for (TarEntry e : entries) {
            w.write(e, new ByteArrayInputStream("alpha\n".getBytes(StandardCharsets.UTF_8)));
        }
        w.finish();
        Files.write(dir.resolve("ours.tar"), out.toByteArray());
        Path x = Files.createDirectories(dir.resolve("x"));
        run(x, "tar", "-xf", "../ours.tar");
        assertThat(Files.readString(x.resolve("top/a.txt"))).isEqualTo("alpha\n");
        assertThat(Files.readString(x.resolve("top/" + LONG.replace('/', '_'))))
                .isEqualTo("alpha\n");
        assertThat(Files.readString(x.resolve("top/été"))).isEqualTo("alpha\n");
        assertThat(Files.readSymbolicLink(x.resolve("top/abs")).toString())
                .isEqualTo("/" + "t".repeat(150));
        assertThat(Files.isSameFile(x.resolve("top/hard"), x.resolve("top/a.txt")))
                .isTrue();
        assertThat(Files.getLastModifiedTime(x.resolve("top/a.txt")).toInstant())
                .isEqualTo(t);
        assertThat(Files.getPosixFilePermissions(x.resolve("top/a.txt")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        String listing = run(dir, "tar", "-tvf", "ours.tar");
        assertThat(listing).contains("top/").doesNotContain("PaxHeaders");
    }
}
