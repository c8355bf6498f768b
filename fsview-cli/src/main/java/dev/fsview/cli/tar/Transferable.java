package dev.fsview.cli.tar;

import java.io.IOException;
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
}
