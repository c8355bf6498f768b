package dev.fsview.linux.ns;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a file of {@code /proc} whole into a buffer kept from one read to the next. A spare view
 * thread reads two mountinfo files each time it comes back from a view ({@link SpareThreads});
 * {@code Files.readAllBytes} would allocate and grow fresh arrays, and ask the size that a proc
 * file does not have, every time. The buffer grows to the largest file read and stays.
 *
 * <p>Not thread-safe: one per thread that reads.
 */
final class ProcReads {
    private static final int INITIAL = 8192;
    private byte[] buf;
    private int length;

    ProcReads() {
        this(INITIAL);
    }

    /** With a first buffer of {@code initial} bytes (tests: a small one, to see it grow). */
    ProcReads(int initial) {
        buf = new byte[initial];
    }

    /**
     * Reads the file from its start to its end: a proc file is generated as it is read, so it is
     * read until end-of-file, never by a size asked beforehand.
     *
     * @param path the file
     * @return this, holding its bytes
     * @throws IOException if it cannot be opened or read
     */
    ProcReads read(String path) throws IOException {
        length = 0;
        try (FileInputStream in = new FileInputStream(path)) {
            while (true) {
                if (length == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, length, buf.length - length);
                if (n < 0) {
                    return this;
                }
                length += n;
            }
        }
    }

    /**
     * Whether the last reads of both hold the same bytes.
     *
     * @param other another reader
     * @return true if equal, byte for byte
     */
    boolean sameAs(ProcReads other) {
        return Arrays.equals(buf, 0, length, other.buf, 0, other.length);
    }

    /** The length of the last read. */
    int length() {
        return length;
    }
}
