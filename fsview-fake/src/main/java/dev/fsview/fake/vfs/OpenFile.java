package dev.fsview.fake.vfs;

import dev.fsview.fake.host.ByteStore;
import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.host.Faults;
import dev.fsview.fake.host.Inode;
import dev.fsview.fake.host.Kernel;
import dev.fsview.fake.host.RegularFile;
import dev.fsview.spi.errno.Errno;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Lock;

/**
 * An open file description: the inode it was opened on (it outlives its names, as an open file
 * does on Linux), the access mode, the append flag and the file position. Directories can be
 * opened too (for listing); reading one fails with EISDIR. Works after the view that opened it
 * has closed, like a file descriptor.
 */
public final class OpenFile {
    private final Kernel kernel;
    private final Inode inode;
    private final boolean readable;
    private final boolean writable;
    private final boolean append;
    private final String faultPath;
    private final Vfs process;
    private final String path;
    /**
     * The kernel's set of open files hashes each open file twice, on open and on close: a random
     * number drawn here is cheaper than an identity hash code, which the VM makes on first use.
     */
    private final int hash = ThreadLocalRandom.current().nextInt();

    private long position;
    private boolean closed;

    OpenFile(Kernel kernel, Inode inode, int flags, String faultPath, Vfs process, String path) {
        this.kernel = kernel;
        this.inode = inode;
        int acc = flags & OpenFlags.O_ACCMODE;
        this.readable = acc == OpenFlags.O_RDONLY || acc == OpenFlags.O_RDWR;
        this.writable = acc == OpenFlags.O_WRONLY || acc == OpenFlags.O_RDWR;
        this.append = (flags & OpenFlags.O_APPEND) != 0;
        this.faultPath = faultPath;
        this.process = process;
        this.path = path;
        kernel.opened(this);
    }

    /** @return the inode */
    public Inode inode() {
        return inode;
    }

    /** @return whether opened for reading */
    public boolean readable() {
        return readable;
    }

    /** @return whether opened for writing */
    public boolean writable() {
        return writable;
    }

    /** @return whether opened in append mode */
    public boolean append() {
        return append;
    }

    /** @return the kernel */
    public Kernel kernel() {
        return kernel;
    }

    /**
     * Reads at the file position and advances it.
     *
     * @param dst the buffer
     * @return bytes read, or -1 at the end
     * @throws ErrnoException EISDIR for a directory, or an injected fault
     */
    public synchronized int read(ByteBuffer dst) throws ErrnoException {
        int n = pread(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    /**
     * Reads at a position without moving the file position.
     *
     * @param dst the buffer
     * @param at where to read
     * @return bytes read, or -1 at the end
     * @throws ErrnoException EISDIR for a directory, or an injected fault
     */
    public int pread(ByteBuffer dst, long at) throws ErrnoException {
        ByteStore store = store(Faults.Step.READ);
        Lock lock = kernel.readLock();
        lock.lock();
        try {
            int n = store.read(at, dst);
            if (n > 0) {
                inode.accessed(kernel.now());
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes at the file position (at the end in append mode) and advances it.
     *
     * @param src the buffer
     * @return bytes written
     * @throws ErrnoException ENOSPC when the file system is full, EFBIG, or an injected fault
     */
    public synchronized int write(ByteBuffer src) throws ErrnoException {
        Lock lock = kernel.writeLock();
        lock.lock();
        try {
            long at = append ? inode.size() : position;
            int n = pwriteLocked(src, at);
            position = at + n;
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes at a position without moving the file position. In append mode Linux writes at
     * the end anyway.
     *
     * @param src the buffer
     * @param at where to write
     * @return bytes written
     * @throws ErrnoException ENOSPC, EFBIG, or an injected fault
     */
    public int pwrite(ByteBuffer src, long at) throws ErrnoException {
        Lock lock = kernel.writeLock();
        lock.lock();
        try {
            return pwriteLocked(src, append ? inode.size() : at);
        } finally {
            lock.unlock();
        }
    }

    private int pwriteLocked(ByteBuffer src, long at) throws ErrnoException {
        ByteStore store = store(Faults.Step.WRITE);
        if (!src.hasRemaining()) {
            return 0;
        }
        long size = store.size();
        long room = Math.min(ByteStore.MAX_SIZE, inode.superblock().roomFor(size));
        long max = Math.min(src.remaining(), room - at);
        if (max <= 0) {
            throw ErrnoException.of(room >= ByteStore.MAX_SIZE ? Errno.EFBIG : Errno.ENOSPC);
        }
        long end = Math.max(size, at + max);
        inode.superblock().resize(size, end);
        int n = store.write(at, src, max);
        inode.modified(kernel.now());
        return n;
    }

    /** @return the file position */
    public synchronized long position() {
        return position;
    }

    /**
     * Sets the file position (may be past the end).
     *
     * @param newPosition the position
     */
    public synchronized void position(long newPosition) {
        this.position = newPosition;
    }

    /** @return the file's size now */
    public long size() {
        Lock lock = kernel.readLock();
        lock.lock();
        try {
            return inode.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sets the size ({@code ftruncate}).
     *
     * @param newSize the size
     * @throws ErrnoException EINVAL for a directory, ENOSPC when growing beyond the limit
     */
    public void truncate(long newSize) throws ErrnoException {
        Lock lock = kernel.writeLock();
        lock.lock();
        try {
            ByteStore store = store(Faults.Step.WRITE);
            long size = store.size();
            if (newSize > ByteStore.MAX_SIZE) {
                throw ErrnoException.of(Errno.EFBIG);
            }
            if (!inode.superblock().resize(size, newSize)) {
                throw ErrnoException.of(Errno.ENOSPC);
            }
            store.truncate(newSize);
            inode.modified(kernel.now());
        } finally {
            lock.unlock();
        }
    }

    /** Closes the description; idempotent. */
    public synchronized void close() {
        if (!closed) {
            closed = true;
            kernel.closed(this);
        }
    }

    /** Identity, as an open file description has: two opens of a file are two of them. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** @return the path it was opened by, made absolute in its process, for leak reports */
    @Override
    public String toString() {
        return path.startsWith("/") ? path : process.absolute(path);
    }

    private ByteStore store(Faults.Step step) throws ErrnoException {
        if (faultPath != null) {
            kernel.faults().check(step, faultPath);
        }
        if (inode instanceof RegularFile) {
            return ((RegularFile) inode).content();
        }
        throw ErrnoException.of(inode.isDirectory() ? Errno.EISDIR : Errno.EINVAL);
    }
}
