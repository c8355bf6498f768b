package dev.fsview.cli.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * The native-memory output of a tar stream: what is written and what is read into it from a file
 * leave in order, whatever the buffer's size; content that ends early is reported short; closing
 * flushes and leaves the channel (standard output) open.
 */
class ChannelOutputTest {
    @TempDir
    Path dir;

    /** A file's content read from a position, as the archive's file content does. */
    static final class FileSource implements Transferable {
        private final FileChannel channel;
        private long position;

        FileSource(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public long transferTo(WritableByteChannel target, long count) throws IOException {
            throw new AssertionError("not used by the output");
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            int n = channel.read(target, position);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }

    @Test
    void writesAndFileContentLeaveInOrderAcrossManyFillsOfASmallBuffer() throws IOException {
        byte[] content = new byte[1000];
        new Random(5).nextBytes(content);
        Path file = Files.write(dir.resolve("f"), content);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (FileChannel in = FileChannel.open(file)) {
            ChannelOutput out = new ChannelOutput(Channels.newChannel(sink), 7);
            out.write(new byte[] {1, 2, 3});
            assertThat(out.copyFrom(new FileSource(in), content.length)).isEqualTo(1000);
            out.write(9);
            out.flush();
        }
        byte[] expected = new byte[1004];
        expected[0] = 1;
        expected[1] = 2;
        expected[2] = 3;
        System.arraycopy(content, 0, expected, 3, 1000);
        expected[1003] = 9;
        assertThat(sink.toByteArray()).isEqualTo(expected);
    }

    /**
     * Asks for {@code count} bytes of a file holding {@code content}, through a buffer of
     * {@code size} bytes; checks the count {@code copyFrom} reports and returns what reached the
     * channel.
     */
    private String copied(String content, int size, long count, long reported) throws IOException {
        Path file = Files.write(dir.resolve("f"), content.getBytes());
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (FileChannel in = FileChannel.open(file)) {
            ChannelOutput out = new ChannelOutput(Channels.newChannel(sink), size);
            assertThat(out.copyFrom(new FileSource(in), count)).isEqualTo(reported);
            out.flush();
        }
        return new String(sink.toByteArray());
    }

    @Test
    void copiesNoMoreThanAskedEvenWhenTheFileIsLonger() throws IOException {
        assertThat(copied("0123456789", 4, 6, 6)).isEqualTo("012345");
    }

    @Test
    void contentThatEndsEarlyIsCopiedAsFarAsItGoesAndReportedShort() throws IOException {
        assertThat(copied("abc", 64, 10, 3)).isEqualTo("abc");
    }

    @Test
    void nothingLeavesBeforeAFlushAndClosingFlushesButLeavesTheChannelOpen() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        WritableByteChannel channel = Channels.newChannel(sink);
        ChannelOutput out = new ChannelOutput(channel, 64);
        byte[] block = new byte[40];
        Arrays.fill(block, (byte) 'x');
        out.write(block);
        assertThat(sink.size()).isZero();
        out.close();
        assertThat(sink.size()).isEqualTo(40);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void aNonBlockingChannelThatTakesNothingFailsInsteadOfSpinning() throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink();
                Pipe.SourceChannel unread = pipe.source()) {
            sink.configureBlocking(false);
            ChannelOutput out = new ChannelOutput(sink, 64 * 1024);
            byte[] block = new byte[64 * 1024];
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 1024; i++) { // far more than any pipe holds
                            out.write(block);
                        }
                        out.flush();
                    })
                    .isInstanceOf(IOException.class)
                    .hasMessage(
                            "standard output is non-blocking and full: cannot write the stream");
        }
    }
}
