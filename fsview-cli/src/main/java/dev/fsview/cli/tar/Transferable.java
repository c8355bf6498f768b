package dev.fsview.cli.tar;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Content that the kernel can send to a channel itself ({@code sendfile(2)} through
 * {@link java.nio.channels.FileChannel#transferTo}), without a copy through the Java heap.
 */
public interface Transferable {
    /**
     * Sends up to {@code count} bytes to {@code target}.
     *
     * @param target where to
     * @param count how many bytes at most
     * @return the bytes sent; fewer than {@code count} only at the end of the content
     * @throws IOException if reading or writing fails
     */
    long transferTo(WritableByteChannel target, long count) throws IOException;

    /**
     * Reads bytes at the current position into {@code target}, as
     * {@link java.nio.channels.ReadableByteChannel#read} does: into native memory, the kernel
     * copies the content straight there.
     *
     * @param target where to, up to its limit
     * @return the bytes read, or -1 at the end of the content
     * @throws IOException if reading fails
     */
    int read(ByteBuffer target) throws IOException;
}
