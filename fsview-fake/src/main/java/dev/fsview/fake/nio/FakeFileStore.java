package dev.fsview.fake.nio;

import dev.fsview.fake.host.Superblock;
import dev.fsview.fake.mount.Mount;

import java.nio.file.FileStore;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Set;

/**
 * A file store per mount of a view, as the JDK has one per mount entry: named by the mount's
 * source, typed by its file system, read-only when the mount is. Sizes come from the file
 * system's limit (a tmpfs size) or, without one, a nominal 1 TiB.
 */
final class FakeFileStore extends FileStore {
    private static final long NOMINAL = 1L << 40;
    private static final Set<String> VIEWS = Set.of("basic", "posix", "unix", "owner", "user");

    private final Mount mount;
    private final String mountPoint;

    FakeFileStore(Mount mount, String mountPoint) {
        this.mount = mount;
        this.mountPoint = mountPoint;
    }

    @Override
    public String name() {
        return mount.superblock().source();
    }

    @Override
    public String type() {
        return mount.superblock().type();
    }

    @Override
    public boolean isReadOnly() {
        return mount.isReadOnly();
    }

    @Override
    public long getTotalSpace() {
        Superblock sb = mount.superblock();
        return sb.sizeLimit() > 0 ? sb.sizeLimit() : NOMINAL;
    }

    @Override
    public long getUsableSpace() {
        return Math.max(0, getTotalSpace() - mount.superblock().usedBytes());
    }

    @Override
    public long getUnallocatedSpace() {
        return getUsableSpace();
    }

    @Override
    public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
        return type == BasicFileAttributeView.class
                || type == PosixFileAttributeView.class
                || type == FileOwnerAttributeView.class
                || type == java.nio.file.attribute.UserDefinedFileAttributeView.class;
    }

    @Override
    public boolean supportsFileAttributeView(String name) {
        return VIEWS.contains(name);
    }

    @Override
    public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
        return null;
    }

    @Override
    public Object getAttribute(String attribute) {
        switch (attribute) {
            case "totalSpace":
                return getTotalSpace();
            case "usableSpace":
                return getUsableSpace();
            case "unallocatedSpace":
                return getUnallocatedSpace();
            default:
                throw new UnsupportedOperationException("'" + attribute + "' not recognized");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FakeFileStore && ((FakeFileStore) o).mount == mount;
    }

    @Override
    public int hashCode() {
        return mount.id();
    }

    @Override
    public String toString() {
        return mountPoint + " (" + name() + ")";
    }
}
