package dev.fsview.cli.archive;

import dev.fsview.cli.tar.TarEntry;
import dev.fsview.cli.tar.TarType;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * What a copy moves: an ordered list of tar entries (parents before children) and, for regular
 * files, a way to open their content. The metadata is complete before anything is written, so a
 * copy can be checked in full first and then carried out; content is read only while writing.
 *
 * @param items the entries, in archive order
 */
public record Archive(List<Item> items) {

    /** Opens the content of one regular file. */
    @FunctionalInterface
    public interface Content {
        /**
         * Opens the content.
         *
         * @return a stream of exactly the entry's size, or a shorter one if the file shrank
         * @throws IOException if it cannot be opened
         */
        InputStream open() throws IOException;
    }

    /**
     * One entry and its content.
     *
     * @param entry the metadata
     * @param content the content of a regular file; {@code null} for other types
     */
    public record Item(TarEntry entry, Content content) {
        /**
         * The same entry whose content stream reports every byte read, for progress.
         *
         * @param bytesRead receives the number of bytes of each read
         * @return the counting item ({@code this} when there is no content)
         */
        public Item counting(LongConsumer bytesRead) {
            Content c = content;
            if (c == null) {
                return this;
            }
            return new Item(entry, () -> {
                InputStream in = c.open();
                return in instanceof FileContent
                        ? ((FileContent) in).counting(bytesRead)
                        : new CountingStream(in, bytesRead);
            });
        }
    }

    /**
     * Creates an archive.
     *
     * @param items the entries
     */
    public Archive {
        items = List.copyOf(items);
    }

    /**
     * Renames the top entry and everything under it, and hard links that point there (docker's
     * {@code RebaseArchiveEntries}): {@code from} becomes {@code to}, {@code from/x} becomes
     * {@code to/x}.
     *
     * @param from the current top name, e.g. {@code "hostname"} or {@code "."}
     * @param to the new one
     * @return the renamed archive
     */
    public Archive rename(String from, String to) {
        List<Item> renamed = new ArrayList<>(items.size());
        for (Item item : items) {
            TarEntry e = item.entry().withName(rebase(item.entry().name(), from, to));
            if (e.type() == TarType.HARDLINK) {
                e = e.withLinkName(rebase(e.linkName(), from, to));
            }
            renamed.add(new Item(e, item.content()));
        }
        return new Archive(renamed);
    }

    static String rebase(String name, String from, String to) {
        if (name.equals(from)) {
            return to;
        }
        if (name.startsWith(from + "/")) {
            return to + name.substring(from.length());
        }
        return name;
    }

    /**
     * Returns the same archive whose content streams report every byte read, for progress.
     *
     * @param bytesRead receives the number of bytes of each read
     * @return the counting archive
     */
    public Archive counting(LongConsumer bytesRead) {
        List<Item> counted = new ArrayList<>(items.size());
        for (Item item : items) {
            counted.add(item.counting(bytesRead));
        }
        return new Archive(counted);
    }

    /**
     * The content of a regular file as an open {@link FileChannel}: read as a stream, or sent to
     * another channel by the kernel ({@link FileChannel#transferTo}, {@code sendfile(2)}) without
     * passing through the Java heap.
     */
    public static final class FileContent extends InputStream
            implements dev.fsview.cli.tar.Transferable {
        private final FileChannel channel;
        private final LongConsumer bytesRead;
        /**
         * Where the next read starts, kept here and passed to each read ({@code pread},
         * {@code sendfile} with an offset): the channel's own position is never asked nor moved,
         * two {@code lseek} calls less per file.
         */
        private long position;

        /**
         * Wraps an open channel; closing the stream closes it.
         *
         * @param channel the file, read from its start
         */
        public FileContent(FileChannel channel) {
            this(channel, n -> {}, 0);
        }

        private FileContent(FileChannel channel, LongConsumer bytesRead, long position) {
            this.channel = channel;
            this.bytesRead = bytesRead;
            this.position = position;
        }

        FileContent counting(LongConsumer counter) {
            return new FileContent(
                    channel,
                    n -> {
                        bytesRead.accept(n);
                        counter.accept(n);
                    },
                    position);
        }

        /**
         * Sends up to {@code count} bytes from the current position to {@code target}.
         *
         * @param target where to
         * @param count how many bytes at most
         * @return the bytes sent; fewer than {@code count} only at the end of the file
         * @throws IOException if reading or writing fails
         */
        @Override
        public long transferTo(WritableByteChannel target, long count) throws IOException {
            long done = 0;
            while (done < count) {
                long n = channel.transferTo(position, count - done, target);
                if (n <= 0) {
                    break; // end of file (it shrank)
                }
                done += n;
                position += n;
                bytesRead.accept(n);
            }
            return done;
        }

        @Override
        public int read(ByteBuffer target) throws IOException {
            int n = channel.read(target, position);
            if (n > 0) {
                position += n;
                bytesRead.accept(n);
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return read(ByteBuffer.wrap(b, off, len));
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** Reports the bytes read through it. */
    private static final class CountingStream extends FilterInputStream {
        private final LongConsumer bytesRead;

        CountingStream(InputStream in, LongConsumer bytesRead) {
            super(in);
            this.bytesRead = bytesRead;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytesRead.accept(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesRead.accept(n);
            }
            return n;
        }
    }

    /**
     * Returns the total size of the regular files' content.
     *
     * @return bytes
     */
    public long contentBytes() {
        long total = 0;
        for (Item item : items) {
            total += item.entry().size();
        }
        return total;
    }
}
