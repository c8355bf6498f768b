package dev.fsview.cli.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

class TarRoundTripTest {
    static final Instant T = Instant.ofEpochSecond(1_700_000_000L);

    static TarEntry file(String name, int size) {
        return new TarEntry(name, TarType.REGULAR, 0644, 0, 0, size, T, "", 0, 0);
    }

    static TarEntry of(String name, TarType type, String link) {
        return new TarEntry(
                name, type, type == TarType.DIRECTORY ? 0755 : 0777, 1000, 1000, 0, T, link, 0, 0);
    }

    static byte[] write(List<TarEntry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TarWriter w = new TarWriter(out);
        for (TarEntry e : entries) {
            w.write(e, new ByteArrayInputStream(content(e)));
        }
        w.finish();
        return out.toByteArray();
    }

    static byte[] content(TarEntry e) {
        byte[] b = new byte[(int) e.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (e.name().hashCode() + i);
        }
        return b;
    }

    static List<Object[]> read(byte[] tar) throws IOException {
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        List<Object[]> out = new ArrayList<>();
        for (TarEntry e = r.next(); e != null; e = r.next()) {
            out.add(new Object[] {e, r.content().readAllBytes()});
        }
        return out;
    }

    @Test
    void entriesComeBackExactlyWithTheirContent() throws IOException {
        List<TarEntry> entries = List.of(
                of("top", TarType.DIRECTORY, ""),
                file("top/empty", 0),
                file("top/block", 512),
                file("top/odd", 1000),
                of("top/link", TarType.SYMLINK, "/etc/passwd"),
                of("top/hard", TarType.HARDLINK, "top/odd"),
                of("top/fifo", TarType.FIFO, ""),
                new TarEntry("top/tty", TarType.CHAR_DEVICE, 0620, 0, 5, 0, T, "", 136, 3),
                new TarEntry("top/setuid", TarType.REGULAR, 04755, 0, 0, 3, T, "", 0, 0));
        List<Object[]> back = read(write(entries));
        assertThat(back).hasSize(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            assertThat(back.get(i)[0]).isEqualTo(entries.get(i));
            assertThat((byte[]) back.get(i)[1]).isEqualTo(content(entries.get(i)));
        }
    }

    @Test
    void directoriesAreWrittenWithATrailingSlashAndTheArchiveEndsWithTwoZeroBlocks()
            throws IOException {
        byte[] tar = write(List.of(of("d", TarType.DIRECTORY, "")));
        assertThat(new String(tar, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("d/");
        assertThat(tar).hasSize(3 * 512);
        assertThat(Arrays.copyOfRange(tar, 512, 1536)).containsOnly((byte) 0);
        assertThat(new String(tar, 257, 8, StandardCharsets.US_ASCII)).isEqualTo("ustar\u000000");
    }

    @Test
    void longAsciiNamesUseTheUstarPrefixWhenTheyFitAndPaxOtherwise() throws IOException {
        String splittable = "a".repeat(120) + "/" + "b".repeat(90);
        String unsplittable = "c".repeat(300);
        String unicode = "données/été.txt";
        String longLink = "/" + "l".repeat(150);
        byte[] tar = write(List.of(
                file(splittable, 1),
                file(unsplittable, 2),
                file(unicode, 3),
                of("sym", TarType.SYMLINK, longLink)));
        assertThat(new String(tar, 345, 120, StandardCharsets.US_ASCII)).isEqualTo("a".repeat(120));
        assertThat(tar[156]).isEqualTo((byte) '0'); // no pax header before the splittable name
        List<Object[]> back = read(tar);
        assertThat(back)
                .extracting(o -> ((TarEntry) o[0]).name())
                .containsExactly(splittable, unsplittable, unicode, "sym");
        assertThat(((TarEntry) back.get(3)[0]).linkName()).isEqualTo(longLink);
    }

    @Test
    void splitUstarFollowsGo() {
        assertThat(TarWriter.splitUstar("x".repeat(100))).isNull();
        assertThat(TarWriter.splitUstar("p/" + "n".repeat(100)))
                .containsExactly("p", "n".repeat(100));
        assertThat(TarWriter.splitUstar("p/" + "n".repeat(101))).isNull();
        assertThat(TarWriter.splitUstar("p".repeat(156) + "/n")).isNull();
        assertThat(TarWriter.splitUstar("/" + "n".repeat(100))).isNull();
    }

    @Test
    void idsAndTimesOutOfOctalRangeGoToPax() throws IOException {
        TarEntry big = new TarEntry(
                "f",
                TarType.REGULAR,
                0600,
                1L << 30,
                3_000_000L,
                0,
                Instant.ofEpochSecond(1L << 40),
                "",
                0,
                0);
        TarEntry negative = new TarEntry(
                "g", TarType.REGULAR, 0600, 0, 0, 0, Instant.ofEpochSecond(-86400), "", 0, 0);
        List<Object[]> back = read(write(List.of(big, negative)));
        assertThat(back.get(0)[0]).isEqualTo(big);
        assertThat(((TarEntry) back.get(1)[0]).mtime()).isEqualTo(Instant.ofEpochSecond(-86400));
    }

    @Test
    void paxRecordLengthCountsItself() {
        assertThat(TarWriter.paxRecord("path", "x")).isEqualTo("9 path=x\n");
        String v = "y".repeat(91); // " path=" + 91 + "\n" is 98: two digits make 100, so three: 101
        String r = TarWriter.paxRecord("path", v);
        assertThat(r).startsWith("101 ");
        assertThat(r.getBytes(StandardCharsets.UTF_8)).hasSize(101);
    }

    @Test
    void theWriterRefusesAFileThatShrankWhileBeingArchived() {
        TarWriter w = new TarWriter(new ByteArrayOutputStream());
        assertThatThrownBy(() -> w.write(file("f", 10), new ByteArrayInputStream(new byte[4])))
                .hasMessageContaining("changed size")
                .hasMessageContaining("6 bytes missing");
    }

    @Test
    void anArchiveCutAtABlockBoundaryEndsButOneCutInsideAnEntryIsAnError() throws IOException {
        byte[] tar = write(List.of(file("f", 600)));
        assertThat(read(Arrays.copyOf(tar, 512 * 3))).hasSize(1);
        assertThatThrownBy(() -> read(Arrays.copyOf(tar, 700)))
                .isInstanceOf(TarFormatException.class)
                .hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> read(Arrays.copyOf(tar, 300)))
                .isInstanceOf(TarFormatException.class)
                .hasMessageContaining("inside a header");
    }

    @Test
    void aCorruptedHeaderFailsItsChecksum() throws IOException {
        byte[] tar = write(List.of(file("f", 1)));
        tar[0] = 'g';
        assertThatThrownBy(() -> read(tar))
                .isInstanceOf(TarFormatException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void unsupportedAndHostileHeadersAreRefused() throws IOException {
        assertThatThrownBy(() -> read(withType(write(List.of(file("s", 0))), 'S')))
                .hasMessageContaining("sparse files are not supported");
        assertThatThrownBy(() -> read(withType(write(List.of(file("v", 0))), 'V')))
                .hasMessageContaining("unsupported tar entry type 'V'");
        byte[] hugePax = withType(write(List.of(file("p", 0))), 'x');
        TarHeaderBlock.putOctal(
                hugePax, TarHeaderBlock.SIZE_FIELD, 12, TarReader.MAX_META_SIZE + 1L);
        TarHeaderBlock.putChecksum(hugePax);
        assertThatThrownBy(() -> read(hugePax)).hasMessageContaining("too large");
    }

    @Test
    void aPaxPathWithANulByteIsRefused() throws IOException {
        byte[] tar = withPax("path", "a\0b", file("a", 0));
        assertThatThrownBy(() -> read(tar)).hasMessageContaining("NUL");
    }

    /** One entry after a pax header of one record, as a tar. */
    static byte[] withPax(String key, String value, TarEntry entry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] records = TarWriter.paxRecord(key, value).getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[512];
        TarHeaderBlock.putString(header, 0, 100, "PaxHeaders.0/" + entry.name());
        TarHeaderBlock.putOctal(header, TarHeaderBlock.SIZE_FIELD, 12, records.length);
        header[TarHeaderBlock.TYPEFLAG] = 'x';
        TarHeaderBlock.putChecksum(header);
        out.write(header);
        out.write(Arrays.copyOf(records, 512));
        out.write(write(List.of(entry)));
        return out.toByteArray();
    }

    @Test
    void numbersInBase256AreRead() throws TarFormatException {
        byte[] block = new byte[512];
        block[124] = (byte) 0x80;
        block[134] = 0x01;
        block[135] = 0x00;
        assertThat(TarHeaderBlock.parseNumber(block, 124, 12, "size")).isEqualTo(256);
    }

    @Test
    void accessTimesComeFromPaxRecordsAndGnuHeadersAndAreAbsentOtherwise() throws IOException {
        // What Go's reader (and so docker's extraction) takes as the access time.
        byte[] pax = withPax("atime", "1600000000.25", file("p", 0));
        assertThat(((TarEntry) read(pax).get(0)[0]).atime())
                .isEqualTo(Instant.ofEpochSecond(1_600_000_000L, 250_000_000));

        byte[] gnu = write(List.of(file("g", 0)));
        TarHeaderBlock.putString(gnu, TarHeaderBlock.MAGIC, 8, "ustar  \0");
        TarHeaderBlock.putOctal(gnu, TarHeaderBlock.GNU_ATIME, 12, 1_600_000_000L);
        TarHeaderBlock.putChecksum(gnu);
        assertThat(((TarEntry) read(gnu).get(0)[0]).atime())
                .isEqualTo(Instant.ofEpochSecond(1_600_000_000L));

        // A ustar name's prefix sits where GNU keeps the access time: never read as one.
        String prefixed = "p".repeat(120) + "/n";
        List<Object[]> plain = read(write(List.of(file("u", 0), file(prefixed, 0))));
        assertThat(((TarEntry) plain.get(0)[0]).atime()).isNull();
        assertThat(((TarEntry) plain.get(1)[0]).name()).isEqualTo(prefixed);
        assertThat(((TarEntry) plain.get(1)[0]).atime()).isNull();
    }

    @Test
    void timesBefore1970InBase256AreReadAsGoReadsThemButOtherNegativeNumbersAreRefused()
            throws TarFormatException {
        byte[] block = new byte[512];
        // -86400 in 12 bytes of two's complement, the marker bit set: as GNU tar writes it.
        Arrays.fill(block, TarHeaderBlock.MTIME, TarHeaderBlock.MTIME + 12, (byte) 0xff);
        block[TarHeaderBlock.MTIME + 9] = (byte) 0xfe;
        block[TarHeaderBlock.MTIME + 10] = (byte) 0xae;
        block[TarHeaderBlock.MTIME + 11] = (byte) 0x80;
        assertThat(TarHeaderBlock.parseTime(block, TarHeaderBlock.MTIME, 12, "mtime"))
                .isEqualTo(-86400);
        assertThatThrownBy(
                        () -> TarHeaderBlock.parseNumber(block, TarHeaderBlock.MTIME, 12, "size"))
                .isInstanceOf(TarFormatException.class)
                .hasMessageContaining("negative size");
        Arrays.fill(block, TarHeaderBlock.MTIME, TarHeaderBlock.MTIME + 12, (byte) 0);
        block[TarHeaderBlock.MTIME] = (byte) 0x80; // positive: read as any number is
        block[TarHeaderBlock.MTIME + 10] = 0x01;
        assertThat(TarHeaderBlock.parseTime(block, TarHeaderBlock.MTIME, 12, "mtime"))
                .isEqualTo(256);
    }

    private static byte[] withType(byte[] tar, char type) {
        tar[TarHeaderBlock.TYPEFLAG] = (byte) type;
        byte[] header = Arrays.copyOf(tar, 512);
        TarHeaderBlock.putChecksum(header);
        System.arraycopy(header, 0, tar, 0, 512);
        return tar;
    }

    static InputStream stream(byte[] b) {
        return new ByteArrayInputStream(b);
    }
}
