package dev.fsview.cli.copy;

import dev.fsview.cli.archive.Archive;
import dev.fsview.cli.tar.TarEntry;
import dev.fsview.cli.tar.TarReader;
import dev.fsview.cli.tar.TarType;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A tar stream from standard input, spooled to a private temporary file and read in full before
 * anything is extracted: a truncated or malformed stream, or an entry the extractor refuses, then
 * fails the copy with nothing written, instead of half-way through.
 *
 * <p>The spool file is unlinked as soon as it is open: it has no name while the copy runs, so no
 * way the JVM ends (a signal, an exit on another thread, a crash) can leave it in the temporary
 * directory. Entries are read from the one open channel by position, from any thread.
 */
final class SpooledTar implements Closeable {
    private final FileChannel spool;
    private final Archive archive;

    private SpooledTar(FileChannel spool, Archive archive) {
        this.spool = spool;
        this.archive = archive;
    }

    /**
     * Spools and indexes a tar stream.
     *
     * @param in the stream (not closed)
     * @return the spooled archive; close it to release the spool file
     * @throws IOException if the stream is not a valid tar archive or cannot be spooled
     */
    public static SpooledTar read(InputStream in) throws IOException {
        FileChannel spool = openUnlinked();
        try {
            in.transferTo(Channels.newOutputStream(spool));
            return new SpooledTar(spool, index(spool));
        } catch (IOException | RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    /** A new private file (mode 0600), open for reading and writing, its name already gone. */
    private static FileChannel openUnlinked() throws IOException {
        Path file = Files.createTempFile("fsview-", ".tar");
        FileChannel spool = null;
        try {
            spool = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Files.delete(file);
            return spool;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            if (spool != null) {
                spool.close();
            }
            throw e;
        }
    }

    private static Archive index(FileChannel spool) throws IOException {
        List<Archive.Item> items = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(new Slice(spool, 0, spool.size()))) {
            TarReader reader = new TarReader(in);
            for (TarEntry e = reader.next(); e != null; e = reader.next()) {
                long offset = reader.contentOffset();
                long size = e.size();
                Archive.Content content =
                        e.type() == TarType.REGULAR ? () -> new Slice(spool, offset, size) : null;
                items.add(new Archive.Item(e, content));
            }
        }
        return new Archive(items);
    }

    /**
     * The bytes {@code [offset, offset + size)} of the spool, read by position ({@code pread}): the
     * channel's own position never moves, so slices are read on several threads at once.
     * Closing a slice leaves the spool open.
     */
    private static final class Slice extends InputStream {
        private final FileChannel spool;
        private final long end;
        private long position;

        Slice(FileChannel spool, long offset, long size) {
            this.spool = spool;
            this.position = offset;
            this.end = offset + size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int n = spool.read(
                    ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }

    /**
     * Returns the archive.
     *
     * @return the entries, content read from the spool file
     */
    public Archive archive() {
        return archive;
    }

    @Override
    public void close() throws IOException {
        spool.close();
    }
}
