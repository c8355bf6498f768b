package dev.fsview.fake.nio;

import dev.fsview.fake.host.Inode;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The JVM-wide table of file locks on the fake's files, as the JDK keeps one per file: a lock
 * that overlaps one held by any channel of this JVM on the same file throws
 * {@link OverlappingFileLockException}, so locks never wait.
 */
final class FileLocks {
    private static final Map<Inode, List<Lock>> LOCKS = new WeakHashMap<>();

    private FileLocks() {}

    static synchronized FileLock acquire(
            FileChannel channel, Inode inode, long position, long size, boolean shared) {
        List<Lock> held = LOCKS.computeIfAbsent(inode, k -> new ArrayList<>());
        for (Lock l : held) {
            if (l.overlaps(position, size)) {
                throw new OverlappingFileLockException();
            }
        }
        Lock lock = new Lock(channel, inode, position, size, shared);
        held.add(lock);
        return lock;
    }

    static synchronized void releaseAll(FileChannel channel) {
        for (List<Lock> held : LOCKS.values()) {
            held.removeIf(l -> {
                if (l.channel() == channel) {
                    l.valid = false;
                    return true;
                }
                return false;
            });
        }
    }

    private static synchronized void release(Lock lock) {
        List<Lock> held = LOCKS.get(lock.inode);
        if (held != null) {
            held.remove(lock);
        }
        lock.valid = false;
    }

    /** One lock on a region of a file. */
    private static final class Lock extends FileLock {
        private final Inode inode;
        volatile boolean valid = true;

        Lock(FileChannel channel, Inode inode, long position, long size, boolean shared) {
            super(channel, position, size, shared);
            this.inode = inode;
        }

        @Override
        public boolean isValid() {
            return valid && channel().isOpen();
        }

        @Override
        public void release() throws java.io.IOException {
            if (!channel().isOpen()) {
                throw new java.nio.channels.ClosedChannelException();
            }
            FileLocks.release(this);
        }
    }
}
