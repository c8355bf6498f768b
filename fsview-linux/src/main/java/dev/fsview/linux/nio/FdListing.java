package dev.fsview.linux.nio;

import dev.fsview.linux.resolve.FdAttributes;
import dev.fsview.linux.sys.CString;
import dev.fsview.linux.sys.Fd;
import dev.fsview.linux.sys.SharedFd;
import dev.fsview.linux.sys.Sys;
import dev.fsview.linux.sys.SyscallException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of a directory read from its fd with {@code getdents64(2)}, in batches, on the
 * caller's thread; and the attributes of one of those entries read relative to the same fd.
 *
 * <p>Each batch is read into a direct buffer of the calling thread and decoded at once into
 * names, so listings nested on one thread (a walk) and listings on other threads never share
 * anything: no lock, no shared buffer. The fd is closed once: a read or stat that races
 * {@link #close()} either completes on the fd before it is closed or does not use it at all (a
 * closed fd's number may already be another file's, a host directory's among them).
 */
final class FdListing implements AutoCloseable {
    /** Bytes per getdents64 call: about a thousand entries of short names. */
    static final int BATCH_BYTES = 32 * 1024;

    private static final ThreadLocal<Batch> BATCH = ThreadLocal.withInitial(Batch::new);

    private final SharedFd dir;
    private boolean ended;

    /**
     * Takes ownership of a directory fd.
     *
     * @param dir an fd of the directory opened for reading ({@code O_RDONLY | O_DIRECTORY})
     */
    FdListing(Fd dir) {
        this.dir = new SharedFd(dir);
    }

    /** A thread's buffer for one getdents64 call, and room for one name's bytes. */
    private static final class Batch {
        final ByteBuffer buf =
                ByteBuffer.allocateDirect(BATCH_BYTES).order(ByteOrder.nativeOrder());
        final byte[] name = new byte[256];
    }

    /**
     * Reads the next batch of names, {@code .} and {@code ..} left out.
     *
     * @return the names, in the directory's order; empty at the end of the directory or once
     *     closed
     * @throws SyscallException if the kernel refuses to read the directory
     */
    List<String> next() throws SyscallException {
        List<String> names = new ArrayList<>();
        if (!acquire()) {
            return names;
        }
        try {
            // Empty batches are impossible before the end: getdents64 returns at least one entry
            // unless the directory is exhausted, and a batch of only "." and ".." reads on.
            while (names.isEmpty() && !ended) {
                Batch b = BATCH.get();
                b.buf.clear();
                int n = Sys.getdents64(dir.fd().get(), b.buf);
                if (n == 0) {
                    ended = true;
                } else {
                    decode(b, n, names);
                }
            }
            return names;
        } finally {
            release();
        }
    }

    /**
     * Decodes {@code struct linux_dirent64} records: {@code d_ino} (8 bytes), {@code d_off} (8),
     * {@code d_reclen} (2), {@code d_type} (1), then the NUL-terminated name.
     */
    private static void decode(Batch b, int length, List<String> names) {
        ByteBuffer buf = b.buf;
        for (int at = 0; at < length; ) {
            int reclen = Short.toUnsignedInt(buf.getShort(at + 16));
            int start = at + 19;
            int len = 0;
            while (buf.get(start + len) != 0) {
                len++;
            }
            if (!(len == 1 && buf.get(start) == '.'
                    || len == 2 && buf.get(start) == '.' && buf.get(start + 1) == '.')) {
                buf.get(start, b.name, 0, len);
                names.add(CString.decode(b.name, len));
            }
            at += reclen;
        }
    }

    /**
     * Reads the attributes of an entry of this directory without following it, relative to the
     * fd: the kernel looks up that one component in exactly this directory, so the lookup cannot
     * leave it (no {@code /}, no {@code ..}, no symlink followed), wherever the directory has
     * been moved meanwhile; a mount of the view on the entry is crossed as on any lookup from
     * this fd, which is in the view's mount tree.
     *
     * @param name one component as {@link #next()} gave it
     * @param owners names owner and group when asked
     * @return the attributes, or {@code null} once the listing is closed (the caller then looks
     *     the path up from the view's root)
     * @throws SyscallException with the kernel's errno (ENOENT once the entry is gone)
     */
    FdAttributes attributes(String name, FdAttributes.Owners owners) throws SyscallException {
        if (!acquire()) {
            return null;
        }
        try {
            return FdAttributes.at(dir.fd().get(), name, owners);
        } finally {
            release();
        }
    }

    /**
     * Reads the target of an entry of this directory, relative to the fd: one component looked up
     * in exactly this directory, as {@link #attributes} does, where a lookup of the whole path
     * from the view's root costs an {@code openat2} and a {@code close} more for every link a
     * walk meets.
     *
     * @param name one component as {@link #next()} gave it
     * @return the target, or {@code null} once the listing is closed
     * @throws SyscallException with the kernel's errno (EINVAL if the entry is no longer a
     *     symlink, ENOENT once it is gone)
     */
    String readLink(String name) throws SyscallException {
        if (!acquire()) {
            return null;
        }
        try {
            return Sys.readlinkat(dir.fd().get(), name);
        } finally {
            release();
        }
    }

    private boolean acquire() {
        return dir.acquire();
    }

    private void release() {
        dir.release();
    }

    /**
     * Returns whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    boolean isClosed() {
        return dir.isClosed();
    }

    /** Closes the fd once no call is under way; later calls find nothing. */
    @Override
    public void close() {
        dir.close();
    }
}
