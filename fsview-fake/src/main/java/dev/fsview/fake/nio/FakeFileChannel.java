package dev.fsview.fake.nio;

import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.vfs.OpenFile;
import dev.fsview.spi.HostJdk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A file channel on an open file of the fake, with {@code FileChannelImpl}'s contract: the
 * access mode decides what it may do (NonReadable/NonWritableChannelException), append mode
 * writes at the end, truncate never grows the file, a position past the end reads nothing and
 * writes leave a zero-filled gap, locks are advisory and in-process (an overlapping lock held
 * anywhere in this JVM throws {@link java.nio.channels.OverlappingFileLockException}). Read and
 * write errors are plain {@link IOException}s with the errno's text, as the JDK's. Transfers
 * check what the JDK they run on checks (see {@link HostJdk}). Memory mapping
 * is not supported. Usable from any thread, also after its view closed.
 */
final class FakeFileChannel extends FileChannel {
    private static final int TRANSFER_CHUNK = 64 * 1024;

    private final OpenFile file;
    private volatile boolean locked;

    FakeFileChannel(OpenFile file) {
        this.file = file;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        requireReadable();
        try {
            return file.read(dst);
        } catch (ErrnoException e) {
            throw Errors.io(e);
        }
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        checkBounds(dsts.length, offset, length);
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            if (!dsts[i].hasRemaining()) {
                continue;
            }
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ensureOpen();
        requireWritable();
        try {
            return file.write(src);
        } catch (ErrnoException e) {
            throw Errors.io(e);
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        checkBounds(srcs.length, offset, length);
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
            if (srcs[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return file.append() ? file.size() : file.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException();
        }
        file.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return file.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        ensureOpen();
        if (size < 0) {
            throw new IllegalArgumentException("Negative size");
        }
        requireWritable();
        try {
            if (size < file.size()) {
                file.truncate(size);
            }
        } catch (ErrnoException e) {
            throw Errors.io(e);
        }
        if (file.position() > size) {
            file.position(size);
        }
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        ensureOpen(); // memory is as durable as it gets
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target)
            throws IOException {
        ensureOpen();
        if (!target.isOpen()) {
            throw new ClosedChannelException();
        }
        requireReadable();
        if (target instanceof FakeFileChannel && !((FakeFileChannel) target).file.writable()) {
            throw new NonWritableChannelException();
        }
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException();
        }
        long done = 0;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(TRANSFER_CHUNK, Math.max(1, count)));
        while (done < count) {
            buf.clear().limit((int) Math.min(buf.capacity(), count - done));
            int n = pread(buf, position + done);
            if (n <= 0) {
                break;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                target.write(buf);
            }
            done += n;
        }
        return done;
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count)
            throws IOException {
        ensureOpen();
        if (!src.isOpen()) {
            throw new ClosedChannelException();
        }
        boolean readableFirst = HostJdk.transferFromChecksTheSourceIsReadableFirst();
        if (readableFirst) {
            requireReadable(src);
        }
        requireWritable();
        if (position < 0 || count < 0) {
            throw new IllegalArgumentException();
        }
        if (position > size() && !HostJdk.transferFromPastTheEndExtendsTheFile()) {
            return 0;
        }
        if (!readableFirst) {
            requireReadable(src);
        }
        long done = 0;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(TRANSFER_CHUNK, Math.max(1, count)));
        while (done < count) {
            buf.clear().limit((int) Math.min(buf.capacity(), count - done));
            int n = src.read(buf);
            if (n <= 0) {
                break;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                done += write(buf, position + done);
            }
        }
        return done;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("Negative position");
        }
        ensureOpen();
        requireReadable();
        return pread(dst, position);
    }

    private int pread(ByteBuffer dst, long position) throws IOException {
        try {
            return file.pread(dst, position);
        } catch (ErrnoException e) {
            throw Errors.io(e);
        }
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        if (position < 0) {
            throw new IllegalArgumentException("Negative position");
        }
        ensureOpen();
        requireWritable();
        try {
            return file.pwrite(src, position);
        } catch (ErrnoException e) {
            throw Errors.io(e);
        }
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException("the fake backend does not map files into memory");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return tryLock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        ensureOpen();
        if (shared) {
            requireReadable();
        } else {
            requireWritable();
        }
        if (position < 0 || size < 0 || position + size < 0) {
            throw new IllegalArgumentException("Negative position or size");
        }
        locked = true;
        return FileLocks.acquire(this, file.inode(), position, size, shared);
    }

    @Override
    protected void implCloseChannel() {
        if (locked) {
            FileLocks.releaseAll(this);
        }
        file.close();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!isOpen()) {
            throw new ClosedChannelException();
        }
    }

    private void requireReadable() {
        if (!file.readable()) {
            throw new NonReadableChannelException();
        }
    }

    /** The JDK's check of a source that is one of its own file channels. */
    private static void requireReadable(ReadableByteChannel src) {
        if (src instanceof FakeFileChannel) {
            ((FakeFileChannel) src).requireReadable();
        }
    }

    private void requireWritable() {
        if (!file.writable()) {
            throw new NonWritableChannelException();
        }
    }

    private static void checkBounds(int arrayLength, int offset, int length) {
        if (offset < 0 || length < 0 || offset > arrayLength - length) {
            throw new IndexOutOfBoundsException();
        }
    }
}
