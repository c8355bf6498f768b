package dev.fsview.cli.tar;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The 512-byte ustar header block: field offsets, octal and base-256 numbers, NUL-terminated
 * strings and the checksum, as POSIX {@code pax} and Go's {@code archive/tar} lay them out.
 */
final class TarHeaderBlock {
    static final int SIZE = 512;

    static final int NAME = 0;
    static final int NAME_LEN = 100;
    static final int MODE = 100;
    static final int UID = 108;
    static final int GID = 116;
    static final int NUM8_LEN = 8;
    static final int SIZE_FIELD = 124;
    static final int MTIME = 136;
    static final int NUM12_LEN = 12;
    static final int CHKSUM = 148;
    static final int TYPEFLAG = 156;
    static final int LINKNAME = 157;
    static final int MAGIC = 257;
    static final int VERSION = 263;
    static final int UNAME = 265;
    static final int GNAME = 297;
    static final int DEVMAJOR = 329;
    static final int DEVMINOR = 337;
    static final int PREFIX = 345;
    static final int PREFIX_LEN = 155;
    /** GNU headers keep an access time where ustar keeps the name's prefix. */
    static final int GNU_ATIME = 345;

    /** The largest value an 8-byte octal field holds (7 digits and a NUL). */
    static final long MAX_OCTAL8 = 07777777L;
    /** The largest value a 12-byte octal field holds (11 digits and a NUL). */
    static final long MAX_OCTAL12 = 077777777777L;

    private TarHeaderBlock() {}

    static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Writes a number as Go does: zero-padded octal digits, then a NUL. */
    static void putOctal(byte[] block, int offset, int length, long value) {
        if (value >= 0 && value < 1L << 3 * (length - 1)) {
            // The digits in place, right to left: no string per field of every header.
            long rest = value;
            for (int i = offset + length - 2; i >= offset; i--) {
                block[i] = (byte) ('0' + (rest & 7));
                rest >>>= 3;
            }
            return;
        }
        String digits = Long.toOctalString(value);
        StringBuilder b = new StringBuilder();
        for (int i = digits.length(); i < length - 1; i++) {
            b.append('0');
        }
        b.append(digits);
        putString(block, offset, length, b.toString());
    }

    /**
     * Writes the ASCII characters of {@code s} other than NUL, at most {@code length} of them:
     * what a ustar field holds when pax carries the real value, without a copy of the string.
     */
    static void putAscii(byte[] block, int offset, int length, String s) {
        int at = offset;
        int end = offset + length;
        for (int i = 0; i < s.length() && at < end; i++) {
            char c = s.charAt(i);
            if (c > 0 && c <= 0x7f) {
                block[at++] = (byte) c;
            }
        }
    }

    /** Writes ASCII bytes, NUL-padded; the caller made sure they fit. */
    static void putString(byte[] block, int offset, int length, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, block, offset, Math.min(bytes.length, length));
    }

    static void putChecksum(byte[] block) {
        Arrays.fill(block, CHKSUM, CHKSUM + 8, (byte) ' ');
        long sum = unsignedSum(block);
        putOctal(block, CHKSUM, 7, sum);
        block[CHKSUM + 7] = ' ';
    }

    static long unsignedSum(byte[] block) {
        long sum = 0;
        for (byte b : block) {
            sum += b & 0xff;
        }
        return sum;
    }

    static long signedSum(byte[] block) {
        long sum = 0;
        for (byte b : block) {
            sum += b;
        }
        return sum;
    }

    /** Verifies the checksum, accepting the signed sum old Sun tars wrote. */
    static void verifyChecksum(byte[] block) throws TarFormatException {
        long stored = parseNumber(block, CHKSUM, 8, "checksum");
        byte[] copy = block.clone();
        Arrays.fill(copy, CHKSUM, CHKSUM + 8, (byte) ' ');
        if (stored != unsignedSum(copy) && stored != signedSum(copy)) {
            throw new TarFormatException("invalid tar header: checksum mismatch");
        }
    }

    /** Reads a NUL-terminated string field. */
    static String getString(byte[] block, int offset, int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        return new String(block, offset, end - offset, StandardCharsets.UTF_8);
    }

    /**
     * Reads a numeric field: octal digits surrounded by spaces or NULs, or GNU's base-256 (the
     * high bit of the first byte set) for values that do not fit.
     */
    static long parseNumber(byte[] block, int offset, int length, String field)
            throws TarFormatException {
        if ((block[offset] & 0x80) != 0) {
            return parseBase256(block, offset, length, field);
        }
        int start = offset;
        int end = offset + length;
        while (start < end && (block[start] == ' ' || block[start] == 0)) {
            start++;
        }
        while (end > start && (block[end - 1] == ' ' || block[end - 1] == 0)) {
            end--;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int d = block[i] - '0';
            if (d < 0 || d > 7) {
                throw new TarFormatException(
                        "invalid tar header: " + field + " is not an octal number");
            }
            if (value > (Long.MAX_VALUE >> 3)) {
                throw new TarFormatException("invalid tar header: " + field + " is too large");
            }
            value = (value << 3) | d;
        }
        return value;
    }

    /**
     * Reads a time field, which may be negative (before 1970): GNU and Go write such a time in
     * base-256, two's complement, as Go's reader (and so docker's) reads it.
     */
    static long parseTime(byte[] block, int offset, int length, String field)
            throws TarFormatException {
        if ((block[offset] & 0xc0) == 0xc0) {
            // -a-1 == ~a: invert the bytes, read them as a positive number, invert it back.
            return ~base256(block, offset, length, field, 0xff);
        }
        return parseNumber(block, offset, length, field);
    }

    /** Whether the block is a GNU header (magic {@code "ustar "}, version {@code " \0"}). */
    static boolean isGnu(byte[] block) {
        return getString(block, MAGIC, 8).equals("ustar  ");
    }

    private static long parseBase256(byte[] block, int offset, int length, String field)
            throws TarFormatException {
        if ((block[offset] & 0x40) != 0) {
            throw new TarFormatException("invalid tar header: negative " + field);
        }
        return base256(block, offset, length, field, 0);
    }

    /** The field's bits after the marker bit, each byte XORed with {@code invert}. */
    private static long base256(byte[] block, int offset, int length, String field, int invert)
            throws TarFormatException {
        long value = (block[offset] ^ invert) & 0x7f;
        for (int i = offset + 1; i < offset + length; i++) {
            if (value > (Long.MAX_VALUE >> 8)) {
                throw new TarFormatException("invalid tar header: " + field + " is too large");
            }
            value = (value << 8) | ((block[i] ^ invert) & 0xff);
        }
        return value;
    }
}
