package dev.fsview.cli.copy;

import dev.fsview.cli.archive.Archive;
import dev.fsview.cli.archive.SafeOpen;
import dev.fsview.cli.tar.ChannelOutput;
import dev.fsview.cli.tar.TarWriter;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.WritableByteChannel;
import java.util.function.Consumer;

/**
 * The tar stream of a copy out of the container, one entry at a time, in the order given. A file
 * swapped since the walk for a FIFO, a device or another file gives its header only, as docker cp
 * writes it, and none of that file's bytes.
 */
final class TarOutput {
    private final OutputStream buffered;
    private final TarWriter writer;
    private final Consumer<String> warnings;

    /**
     * Starts a stream.
     *
     * @param out where the archive goes; not closed
     * @param direct the channel under {@code out}, for {@code sendfile}; or {@code null}
     * @param warnings receives one line per file refused at its open
     * @throws IOException if what {@code out} holds cannot be flushed to {@code direct}
     */
    TarOutput(OutputStream out, WritableByteChannel direct, Consumer<String> warnings)
            throws IOException {
        this.buffered = direct != null
                ? new ChannelOutput(flushed(out, direct), 256 * 1024)
                : new BufferedOutputStream(out, 256 * 1024);
        this.writer = new TarWriter(buffered, direct);
        this.warnings = warnings;
    }

    /**
     * Writes one entry, opening a regular file's content only now.
     *
     * @param item the entry
     * @throws IOException if the content cannot be opened (other than a refusal) or writing fails
     */
    void write(Archive.Item item) throws IOException {
        if (item.content() == null) {
            writer.write(item.entry(), null);
            return;
        }
        InputStream in;
        try {
            in = item.content().open();
        } catch (IOException e) {
            if (!SafeOpen.isRefusal(e)) {
                throw e;
            }
            warnings.accept(SafeOpen.describeRefusal(item.entry().name(), e));
            writer.write(item.entry().withSize(0), null);
            return;
        }
        try (in) {
            writer.write(item.entry(), in);
        }
    }

    /**
     * Ends the archive and flushes it.
     *
     * @throws IOException if writing fails
     */
    void finish() throws IOException {
        writer.finish();
        buffered.flush();
    }

    /** The channel under {@code out}, once what {@code out} holds has reached it. */
    private static WritableByteChannel flushed(OutputStream out, WritableByteChannel direct)
            throws IOException {
        out.flush();
        return direct;
    }
}
