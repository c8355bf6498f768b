package dev.fsview.linux.nio;

import dev.fsview.MountEntry;
import dev.fsview.spi.DeviceNumbers;
import dev.fsview.linux.sys.StatFs;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The file store of a path in a view, as the JDK's {@code LinuxFileStore} describes one: the mount
 * point is the topmost directory above the file (its real path) on the same device, the name is
 * the mount's device ({@code /dev/vda1}, {@code overlay}, {@code tmpfs}), {@code toString} is
 * {@code "<mount point> (<device>)"}, and two stores are equal when device, mount point and name
 * are. The JDK reads the device name from {@code /proc/mounts}, which lists the host's mounts, not
 * the view's: here it comes from the host's mount of the same device (a bind's source), and a
 * file system only the view has (its own tmpfs) is named by its type, as {@code mount -t tmpfs}
 * names it. Sizes are a fresh {@code statfs} of the file each time.
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

    /** A fresh {@code statfs} of the store's file. */
    @FunctionalInterface
    interface Space {
        /**
         * Reads it.
         *
         * @return the answer
         * @throws IOException if the file is gone or the view closed
         */
        StatFs now() throws IOException;
    }

    private final long dev;
    private final String mountPoint;
    private final String name;
    private final String type;
    private final StatFs first;
    private final Space space;

    private LinuxViewFileStore(long dev, String mountPoint, String name, String type,
            StatFs first, Space space) {
        this.dev = dev;
        this.mountPoint = mountPoint;
        this.name = name;
        this.type = type;
        this.first = first;
        this.space = space;
    }

    /**
     * Makes the store of a file; call on the caller's thread (reads the host's mount table).
     *
     * @param dev the file's device ({@code unix:dev})
     * @param mountPoint its mount point in the view, found as the JDK finds it
     * @param first the file's {@code statfs}
     * @param space reads the file's {@code statfs} again
     * @return the store
     */
    static LinuxViewFileStore of(long dev, String mountPoint, StatFs first, Space space) {
        String fsType = TYPES.getOrDefault(first.type(), "0x" + Long.toHexString(first.type()));
        String device = fsType;
        String wanted = DeviceNumbers.major(dev) + ":" + DeviceNumbers.minor(dev);
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/mountinfo"));
            for (String line : lines) {
                String[] f = line.split(" ");
                if (f.length > 2 && f[2].equals(wanted)) {
                    MountEntry e = MountEntry.parseMountinfo(line);
                    device = e.source();
                    fsType = e.fsType();
                    break;
                }
            }
        } catch (IOException | IllegalArgumentException unreadable) {
            // The type names it then, as for a file system only the view has.
        }
        return new LinuxViewFileStore(dev, mountPoint, device, fsType, first, space);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public boolean isReadOnly() {
        return first.readOnly();
    }

    @Override
    public long getTotalSpace() throws IOException {
        StatFs s = space.now();
        return s.blocks() * s.fragmentSize();
    }

    @Override
    public long getUsableSpace() throws IOException {
        StatFs s = space.now();
        return s.availableBlocks() * s.fragmentSize();
    }

    @Override
    public long getUnallocatedSpace() throws IOException {
        StatFs s = space.now();
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
    public boolean equals(Object o) {
        return o instanceof LinuxViewFileStore s && s.dev == dev
                && s.mountPoint.equals(mountPoint) && s.name.equals(name);
    }

    @Override
    public int hashCode() {
        return (int) (dev ^ (dev >>> 32)) ^ mountPoint.hashCode();
    }

    @Override
    public String toString() {
        return mountPoint + " (" + name + ")";
    }

    /**
     * The mount point above a real path as the JDK finds it: the topmost ancestor (or the path
     * itself) on the same device.
     *
     * @param real the file's real path in the view
     * @param dev its device
     * @param devOf the device of a directory of the view, following links
     * @return the mount point
     * @throws IOException if an ancestor cannot be read
     */
    static String mountPoint(String real, long dev, DevOf devOf) throws IOException {
        String path = real;
        while (!path.equals("/")) {
            int slash = path.lastIndexOf('/');
            String parent = slash <= 0 ? "/" : path.substring(0, slash);
            if (devOf.dev(parent) != dev) {
                break;
            }
            path = parent;
        }
        return Objects.requireNonNull(path);
    }

    /** The device of a directory of the view. */
    @FunctionalInterface
    interface DevOf {
        /**
         * Reads it.
         *
         * @param path an absolute path in the view
         * @return its {@code unix:dev}
         * @throws IOException if it cannot be read
         */
        long dev(String path) throws IOException;
    }
}
