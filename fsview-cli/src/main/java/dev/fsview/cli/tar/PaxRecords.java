package dev.fsview.cli.tar;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses the records of a pax extended header: {@code "LEN key=value\n"}, repeated. */
final class PaxRecords {
    private PaxRecords() {}

    static Map<String, String> parse(byte[] data) throws TarFormatException {
        Map<String, String> records = new LinkedHashMap<>();
        int pos = 0;
        while (pos < data.length) {
            int space = indexOf(data, (byte) ' ', pos);
            if (space < 0) {
                throw new TarFormatException("invalid pax header: record without a length");
            }
            int length;
            try {
                length = Integer.parseInt(
                        new String(data, pos, space - pos, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new TarFormatException("invalid pax header: bad record length");
            }
            int end = pos + length;
            if (length <= 0 || end > data.length || end <= space + 1 || data[end - 1] != '\n') {
                throw new TarFormatException("invalid pax header: bad record length");
            }
            String record = new String(data, space + 1, end - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq <= 0) {
                throw new TarFormatException("invalid pax header: record without a key");
            }
            records.put(record.substring(0, eq), record.substring(eq + 1));
            pos = end;
        }
        return records;
    }

    static long number(Map<String, String> pax, String key) throws TarFormatException {
        String v = pax.get(key);
        try {
            long n = Long.parseLong(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new TarFormatException("invalid pax header: " + key + "=" + v);
        }
    }

    /** A pax time: decimal seconds since the epoch, with an optional fraction. */
    static Instant time(Map<String, String> pax, String key) throws TarFormatException {
        String v = pax.get(key);
        try {
            BigDecimal seconds = new BigDecimal(v);
            long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole))
                    .movePointRight(9)
                    .setScale(0, java.math.RoundingMode.FLOOR)
                    .longValueExact();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            throw new TarFormatException("invalid pax header: " + key + "=" + v);
        }
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
