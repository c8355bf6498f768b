package dev.fsview.fake.host;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes of a regular file: a growable array. Writes past the end fill the gap with zeros, as
 * a sparse file reads back on Linux.
 */
public final class ByteStore {
    /** The largest size a file can have here. */
    public static final long MAX_SIZE = Integer.MAX_VALUE - 8;

    /** Shared by every store still empty: the first write replaces it, nothing writes into it. */
    private static final byte[] EMPTY = new byte[0];

    private byte[] data = EMPTY;
    private int size;

    /** @return the size in bytes */
    public long size() {
        return size;
    }

    /**
     * Reads into a buffer.
     *
     * @param position where to start
     * @param dst the buffer
     * @return bytes read, or {@code -1} at or past the end
     */
    public int read(long position, ByteBuffer dst) {
        if (position >= size) {
            return dst.hasRemaining() ? -1 : 0;
        }
        int n = (int) Math.min(dst.remaining(), size - position);
        dst.put(data, (int) position, n);
        return n;
    }

    /**
     * Writes from a buffer; the caller has checked that the result fits.
     *
     * @param position where to start
     * @param src the buffer
     * @param max the largest number of bytes to take
     * @return bytes written
     */
    public int write(long position, ByteBuffer src, long max) {
        int n = (int) Math.min(src.remaining(), max);
        long end = position + n;
        ensure(end);
        src.get(data, (int) position, n);
        if (end > size) {
            size = (int) end;
        }
        return n;
    }

    /**
     * Sets the size, zero-filling when it grows.
     *
     * @param newSize the new size
     */
    public void truncate(long newSize) {
        if (newSize < size) {
            Arrays.fill(data, (int) newSize, size, (byte) 0);
        } else {
            ensure(newSize);
        }
        size = (int) newSize;
    }

    /**
     * Takes an array as the whole content (a lazily imported file's bytes, read once).
     *
     * @param bytes the content; owned by this store from now on
     */
    public void replace(byte[] bytes) {
        data = bytes;
        size = bytes.length;
    }

    /** @return a copy of the content */
    public byte[] toArray() {
        return Arrays.copyOf(data, size);
    }

    private void ensure(long capacity) {
        if (capacity > data.length) {
            long grown = Math.max(capacity, Math.min(MAX_SIZE, Math.max(64, data.length * 2L)));
            data = Arrays.copyOf(data, (int) grown);
        }
    }
}
