package dev.fsview.cli.archive;

import dev.fsview.cli.tar.Transferable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One regular file of an extraction, made by {@link #run} — created, filled, given its mode and
 * time — possibly on another thread ({@link FileFinisher}); a file that a hard link names is
 * {@link #create created} first by the extracting thread, before the link.
 */
final class RegularFile implements FileFinisher.Task {
    private final Path target;
    private final Archive.Item item;
    private final Consumer<String> warnings;
    private static final Set<OpenOption> CREATE_NEW_FOR_WRITING = Set.of(
            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    private FileChannel out;
    private boolean modeSet;

    /**
     * A file to make.
     *
     * @param target where; nothing may be there
     * @param item the entry and its content
     * @param warnings receives a line if the content turns out not to be a regular file
     */
    RegularFile(Path target, Archive.Item item, Consumer<String> warnings) {
        this.target = target;
        this.item = item;
        this.warnings = warnings;
    }

    /**
     * Creates the file, empty, if it is not yet: before a hard link to it is made.
     *
     * @throws IOException if it cannot be created
     */
    void create() throws IOException {
        if (out == null) {
            int mode = item.entry().mode();
            // Created with its final mode where the umask keeps it whole: no chmod afterwards,
            // which by name (without following a link) is an open, an fchmod and a close.
            modeSet = ProcessUmask.createsExactly(mode);
            // CREATE_NEW with NOFOLLOW_LINKS: a symlink planted at the name is never written
            // through.
            out = FileChannel.open(
                    target,
                    CREATE_NEW_FOR_WRITING,
                    modeSet
                            ? new FileAttribute<?>[] {
                                PosixFilePermissions.asFileAttribute(
                                        EntryMetadata.permissions(mode))
                            }
                            : new FileAttribute<?>[0]);
        }
    }

    @Override
    public void run() throws IOException {
        create();
        try (FileChannel channel = out) {
            write(channel);
        }
        if (!modeSet) {
            EntryMetadata.setMode(target, item.entry().mode());
        }
        EntryMetadata.setTime(target, item.entry(), false);
    }

    @Override
    public void abandon() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            // given up: nothing more to do with it
        }
    }

    private void write(FileChannel channel) throws IOException {
        long remaining = item.entry().size();
        InputStream source;
        try {
            source = item.content().open();
        } catch (IOException e) {
            if (!SafeOpen.isRefusal(e)) {
                throw e;
            }
            // Swapped since the walk for a FIFO, a device or another file: an empty file, as
            // docker cp's header-only entry extracts, and none of that file's bytes.
            warnings.accept(SafeOpen.describeRefusal(item.entry().name(), e));
            source = InputStream.nullInputStream();
            remaining = 0;
        }
        try (InputStream in = source) {
            if (in instanceof Transferable) {
                remaining -= ((Transferable) in).transferTo(channel, remaining);
            }
            byte[] buffer = remaining > 0 ? new byte[(int) Math.min(remaining, 256 * 1024)] : null;
            while (remaining > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                if (n < 0) {
                    throw new IOException("file changed size while it was copied (" + remaining
                            + " bytes missing): " + item.entry().name());
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
                remaining -= n;
            }
        }
    }
}
