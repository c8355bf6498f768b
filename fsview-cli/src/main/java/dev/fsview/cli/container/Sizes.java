package dev.fsview.cli.container;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as docker and mount(8) write them. */
final class Sizes {
    /** go-units' RAMInBytes: a number, an optional binary unit letter, optional "i" and "b". */
    private static final Pattern RAM =
            Pattern.compile("^(\\d+(?:\\.\\d+)*) ?([kmgtp])?i?b?$", Pattern.CASE_INSENSITIVE);
    /** tmpfs(5)'s size=: a whole number with an optional k, m or g suffix (1024-based). */
    private static final Pattern TMPFS =
            Pattern.compile("^(\\d+)([kmg])?$", Pattern.CASE_INSENSITIVE);

    private Sizes() {}

    /**
     * Parses a size as docker's {@code tmpfs-size} does (go-units {@code RAMInBytes}):
     * {@code 64m}, {@code 1.5g}, {@code 512KiB}, {@code 1048576}.
     */
    static long ramInBytes(String value) {
        Matcher m = RAM.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size: '" + value + "'");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size: '" + value + "'");
        }
        long unit = unit(m.group(2));
        return number.multiply(BigDecimal.valueOf(unit)).longValue();
    }

    /** Parses the {@code size=} option of a tmpfs in an OCI config ({@code 65536k}). */
    static long tmpfsOption(String value) {
        Matcher m = TMPFS.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported tmpfs size '" + value
                    + "' (fsview takes bytes with an optional k, m or g suffix)");
        }
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit(m.group(2)));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("tmpfs size too large: '" + value + "'");
        }
    }

    private static long unit(String letter) {
        if (letter == null) {
            return 1;
        }
        switch (letter.toLowerCase(Locale.ROOT)) {
            case "k":
                return 1L << 10;
            case "m":
                return 1L << 20;
            case "g":
                return 1L << 30;
            case "t":
                return 1L << 40;
            default:
                return 1L << 50;
        }
    }
}
