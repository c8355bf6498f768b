package dev.fsview.cli.tar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One writer reuses one header block for a whole stream, clearing and summing only what each
 * header uses: every header it writes is the one a new writer would write for that entry alone,
 * whatever came before it (longer names, links, prefixes, devices, pax entries).
 */
class TarWriterHeaderReuseTest {
    private static final Instant T = Instant.ofEpochSecond(1_700_000_000L);

    private static String name(SplittableRandom r) {
        StringBuilder b = new StringBuilder("./");
        int parts = 1 + r.nextInt(6);
        for (int p = 0; p < parts; p++) {
            if (p > 0) {
                b.append('/');
            }
            // Mostly short, some long enough for the prefix field or for pax, some not ASCII.
            int len = r.nextInt(10) == 0 ? 40 + r.nextInt(60) : 1 + r.nextInt(12);
            for (int i = 0; i < len; i++) {
                b.append(r.nextInt(30) == 0 ? 'é' : (char) ('a' + r.nextInt(26)));
            }
        }
        return b.toString();
    }

    private static TarEntry entry(SplittableRandom r) {
        TarType[] types = {
            TarType.REGULAR,
            TarType.DIRECTORY,
            TarType.SYMLINK,
            TarType.HARDLINK,
            TarType.CHAR_DEVICE,
            TarType.FIFO
        };
        TarType type = types[r.nextInt(types.length)];
        boolean link = type == TarType.SYMLINK || type == TarType.HARDLINK;
        boolean device = type == TarType.CHAR_DEVICE;
        return new TarEntry(
                name(r),
                type,
                r.nextInt(07777 + 1),
                r.nextInt(5) == 0 ? 3_000_000L : r.nextInt(70_000),
                r.nextInt(70_000),
                type == TarType.REGULAR ? r.nextInt(2_000) : 0,
                T.plusSeconds(r.nextInt(1_000_000)),
                link ? name(r) : "",
                device ? r.nextInt(300) : 0,
                device ? r.nextInt(300) : 0);
    }

    private static byte[] content(TarEntry e) {
        byte[] b = new byte[(int) e.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + e.name().length());
        }
        return b;
    }

    private static void write(TarWriter w, TarEntry e) throws IOException {
        w.write(e, new ByteArrayInputStream(content(e)));
    }

    @Test
    void everyHeaderOfAStreamIsTheOneANewWriterWritesForItsEntryAlone() throws IOException {
        SplittableRandom r = new SplittableRandom(20261207);
        List<TarEntry> entries = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            entries.add(entry(r));
        }
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        TarWriter one = new TarWriter(stream);
        ByteArrayOutputStream alone = new ByteArrayOutputStream();
        for (TarEntry e : entries) {
            write(one, e);
            write(new TarWriter(alone), e);
        }
        assertThat(stream.toByteArray()).isEqualTo(alone.toByteArray());
        // And every checksum holds, read back.
        one.finish();
        TarReader back = new TarReader(new ByteArrayInputStream(stream.toByteArray()));
        int read = 0;
        for (TarEntry e = back.next(); e != null; e = back.next()) {
            read++;
        }
        assertThat(read).isEqualTo(entries.size());
    }
}
