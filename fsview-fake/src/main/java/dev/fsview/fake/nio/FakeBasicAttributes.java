package dev.fsview.fake.nio;

import dev.fsview.fake.vfs.BasicStat;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * Basic attributes from one {@link BasicStat}, as the JDK's {@code UnixFileAttributes} present
 * them on Linux: nanosecond times, the birth time where the running JDK reads it, a
 * {@code (dev,ino)} file key.
 */
class FakeBasicAttributes implements BasicFileAttributes {
    private final BasicStat st;

    FakeBasicAttributes(BasicStat st) {
        this.st = st;
    }

    static FileTime time(long ns) {
        long sec = Math.floorDiv(ns, 1_000_000_000L);
        long nsec = Math.floorMod(ns, 1_000_000_000L);
        return nsec == 0
                ? FileTime.from(sec, TimeUnit.SECONDS)
                : FileTime.from(ns, TimeUnit.NANOSECONDS);
    }

    @Override
    public FileTime lastModifiedTime() {
        return time(st.mtime());
    }

    @Override
    public FileTime lastAccessTime() {
        return time(st.atime());
    }

    @Override
    public FileTime creationTime() {
        // the birth time where the running JDK reads it (statx), else the modification time
        return HostBirthTimes.REPORTED ? time(st.btime()) : lastModifiedTime();
    }

    @Override
    public boolean isRegularFile() {
        return st.isRegularFile();
    }

    @Override
    public boolean isDirectory() {
        return st.isDirectory();
    }

    @Override
    public boolean isSymbolicLink() {
        return st.isSymbolicLink();
    }

    @Override
    public boolean isOther() {
        return st.isOther();
    }

    @Override
    public long size() {
        return st.size();
    }

    @Override
    public Object fileKey() {
        return new FakeFileKey(st.dev(), st.ino());
    }
}
