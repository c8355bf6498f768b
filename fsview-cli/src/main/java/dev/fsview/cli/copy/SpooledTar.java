package dev.fsview.cli.copy;

import dev.fsview.cli.archive.Archive;
import dev.fsview.cli.tar.TarEntry;
import dev.fsview.cli.tar.TarReader;
import dev.fsview.cli.tar.TarType;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
 */
final class SpooledTar implements Closeable {
    private final Path file;
    private final Archive archive;

    private SpooledTar(Path file, Archive archive) {
        this.file = file;
        this.archive = archive;
    }

    /**
     * Spools and indexes a tar stream.
     *
     * @param in the stream (not closed)
     * @return the spooled archive; close it to delete the temporary file
     * @throws IOException if the stream is not a valid tar archive or cannot be spooled
     */
    public static SpooledTar read(InputStream in) throws IOException {
        Path file = Files.createTempFile("fsview-", ".tar"); // mode 0600: private to this user
        try {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return new SpooledTar(file, index(file));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static Archive index(Path file) throws IOException {
        List<Archive.Item> items = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            TarReader reader = new TarReader(in);
            for (TarEntry e = reader.next(); e != null; e = reader.next()) {
                long offset = reader.contentOffset();
                long size = e.size();
                Archive.Content content =
                        e.type() == TarType.REGULAR ? () -> slice(file, offset, size) : null;
                items.add(new Archive.Item(e, content));
            }
        }
        return new Archive(items);
    }

    private static InputStream slice(Path file, long offset, long size) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ch.position(offset);
        return new FilterInputStream(Channels.newInputStream(ch)) {
            private long left = size;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
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
        Files.deleteIfExists(file);
    }
}
