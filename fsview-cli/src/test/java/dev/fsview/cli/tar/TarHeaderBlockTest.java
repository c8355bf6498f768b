package dev.fsview.cli.tar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Numbers and names are laid into a header block in place, byte for byte as Go's archive/tar
 * formats them: zero-padded octal digits, the field's last byte left for the NUL; names with
 * only their ASCII characters, cut at the field's length.
 */
class TarHeaderBlockTest {
    /** Go's formatOctal, spelled with strings: the digits padded to the field, then the NUL. */
    private static byte[] reference(int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
        byte[] field = new byte[length];
        byte[] b = padded.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, field, 0, Math.min(b.length, length));
        return field;
    }

    private static byte[] put(int length, long value) {
        byte[] block = new byte[TarHeaderBlock.SIZE];
        TarHeaderBlock.putOctal(block, 100, length, value);
        return Arrays.copyOfRange(block, 100, 100 + length);
    }

    @Test
    void everyFieldWidthsNumbersAreTheDigitsGoWrites() {
        SplittableRandom random = new SplittableRandom(42);
        for (int length : new int[] {7, 8, 12}) {
            long max = (1L << 3 * (length - 1)) - 1;
            for (long v : new long[] {0, 1, 7, 8, 0755, max - 1, max}) {
                assertThat(put(length, v))
                        .as("%d in %d bytes", v, length)
                        .isEqualTo(reference(length, v));
            }
            for (int i = 0; i < 10_000; i++) {
                long v = random.nextLong(max + 1);
                assertThat(put(length, v))
                        .as("%d in %d bytes", v, length)
                        .isEqualTo(reference(length, v));
            }
        }
    }

    @Test
    void aNumberTooLargeForItsFieldIsWrittenAsBeforeCutToTheField() {
        // The callers never ask (pax carries such values); kept as the string path wrote it.
        assertThat(put(8, 010000000L)).isEqualTo(reference(8, 010000000L));
        assertThat(put(8, -1L)).isEqualTo(reference(8, -1L));
    }

    @Test
    void theLastByteOfTheFieldIsLeftAsItWas() {
        byte[] block = new byte[TarHeaderBlock.SIZE];
        Arrays.fill(block, (byte) ' ');
        TarHeaderBlock.putOctal(block, TarHeaderBlock.CHKSUM, 7, 01234);
        assertThat(new String(block, TarHeaderBlock.CHKSUM, 8, StandardCharsets.US_ASCII))
                .isEqualTo("001234  ");
    }

    @Test
    void namesKeepTheirAsciiCharactersOnlyCutAtTheField() {
        byte[] block = new byte[TarHeaderBlock.SIZE];
        TarHeaderBlock.putAscii(block, 0, 10, "ab\u00e9c\u0000d\u65e5efghijklmnop");
        assertThat(new String(block, 0, 11, StandardCharsets.US_ASCII)).isEqualTo("abcdefghij\0");
        byte[] empty = new byte[TarHeaderBlock.SIZE];
        TarHeaderBlock.putAscii(empty, 0, 10, "");
        assertThat(empty).isEqualTo(new byte[TarHeaderBlock.SIZE]);
    }
}
