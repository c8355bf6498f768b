package dev.fsview.cli.tar;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A tar stream's output buffer in native memory, written to a channel: file content is read
 * straight into it ({@link #copyFrom}, {@code pread(2)} into the buffer) and written from it, two
 * copies per byte as {@code tar}'s read and write make. Through a heap array, a
 * {@code BufferedOutputStream} and a {@code FileOutputStream}, each byte was copied five times:
 * into the JDK's temporary native buffer, into the array, into the stream's buffer, into the
 * native copy {@code FileOutputStream} makes for {@code write(2)}, and to the pipe.
 *
 * <p>{@link #close()} flushes and leaves the channel open: it is standard output.
 */
public final class ChannelOutput extends OutputStream {
    private final WritableByteChannel channel;
    private final ByteBuffer buffer;

    /**
     * Creates an output.
     *
     * @param channel where the bytes go; not closed
     * @param size the buffer's size in bytes
     */
    public ChannelOutput(WritableByteChannel channel, int size) {
        this.channel = channel;
        this.buffer = ByteBuffer.allocateDirect(size);
    }

    @Override
    public void write(int b) throws IOException {
        if (!buffer.hasRemaining()) {
            drain();
        }
        buffer.put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (!buffer.hasRemaining()) {
                drain();
            }
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    /**
     * Reads up to {@code count} bytes of content into the buffer, writing it out as it fills.
     *
     * @param content where to read from, at its current position
     * @param count how many bytes at most
     * @return the bytes copied; fewer than {@code count} only where the content ended
     * @throws IOException if reading or writing fails
     */
    public long copyFrom(Transferable content, long count) throws IOException {
        long done = 0;
        while (done < count) {
            if (!buffer.hasRemaining()) {
                drain();
            }
            int limit = buffer.limit();
            buffer.limit(buffer.position() + (int) Math.min(buffer.remaining(), count - done));
            int n;
            try {
                n = content.read(buffer);
            } finally {
                buffer.limit(limit);
            }
            if (n <= 0) {
                break; // the end of the content: it shrank since its size was read
            }
            done += n;
        }
        return done;
    }

    @Override
    public void flush() throws IOException {
        drain();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void drain() throws IOException {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    // Only a non-blocking descriptor (O_NONBLOCK set on a shared pipe by another
                    // process) writes nothing: failed, as FileOutputStream fails on EAGAIN, rather
                    // than retried in a loop that would spin a core until the reader drains it.
                    throw new IOException("standard output is non-blocking and full:"
                            + " cannot write the stream");
                }
            }
        } finally {
            buffer.clear();
        }
    }
}
