package dev.fsview.linux.nio;

import dev.fsview.linux.sys.StatFs;
import dev.fsview.linux.sys.Sys;
import dev.fsview.spi.AbstractFsView;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Map;
import java.util.Set;

/**
 * The file store of a path in a view, from {@code statfs(2)} run in the view. Unlike the JDK's
 * store it cannot read {@code /proc/mounts} (there is no {@code /proc} in the view), so its name
 * and type come from the file system's magic number, and read-only from the mount flags.
 */
final class LinuxViewFileStore extends FileStore {
    private static final Set<String> VIEWS =
            Set.of("basic", "posix", "unix", "owner", "dos", "user");
    private static final Map<Long, String> TYPES = Map.ofEntries(
            Map.entry(0xEF53L, "ext4"), Map.entry(0x01021994L, "tmpfs"),
            Map.entry(0x794c7630L, "overlay"), Map.entry(0x58465342L, "xfs"),
            Map.entry(0x9123683EL, "btrfs"), Map.entry(0x2fc12fc1L, "zfs"),
            Map.entry(0x6969L, "nfs"), Map.entry(0x65735546L, "fuse"),
            Map.entry(0x858458f6L, "ramfs"), Map.entry(0x73717368L, "squashfs"),
            Map.entry(0xF2F52010L, "f2fs"), Map.entry(0x4d44L, "vfat"),
            Map.entry(0x9fa0L, "proc"), Map.entry(0x62656572L, "sysfs"),
            Map.entry(0x1373L, "devtmpfs"));

    private final AbstractFsView view;
    private final String path;
    private final StatFs first;

    private LinuxViewFileStore(AbstractFsView view, String path, StatFs first) {
        this.view = view;
        this.path = path;
        this.first = first;
    }

    /** Reads the store of a path; runs on the view thread. */
    static LinuxViewFileStore of(AbstractFsView view, String path) throws IOException {
        return new LinuxViewFileStore(view, path, Sys.statfs(path));
    }

    private StatFs now() throws IOException {
        return view.dispatch(() -> Sys.statfs(path));
    }

    @Override
    public String name() {
        return type();
    }

    @Override
    public String type() {
        return TYPES.getOrDefault(first.type(), "0x" + Long.toHexString(first.type()));
    }

    @Override
    public boolean isReadOnly() {
        return first.readOnly();
    }

    @Override
    public long getTotalSpace() throws IOException {
        StatFs s = now();
        return s.blocks() * s.fragmentSize();
    }

    @Override
    public long getUsableSpace() throws IOException {
        StatFs s = now();
        return s.availableBlocks() * s.fragmentSize();
    }

    @Override
    public long getUnallocatedSpace() throws IOException {
        StatFs s = now();
        return s.freeBlocks() * s.fragmentSize();
    }

    @Override
    public long getBlockSize() {
        return first.blockSize();
    }

    @Override
    public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
        return type == BasicFileAttributeView.class || type == PosixFileAttributeView.class
                || type == FileOwnerAttributeView.class;
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
    public Object getAttribute(String attribute) throws IOException {
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
    public String toString() {
        return path + " (" + type() + (isReadOnly() ? ", read-only)" : ")");
    }
}
