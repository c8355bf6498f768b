package dev.fsview.linux.nio;

import dev.fsview.linux.resolve.ViewMountTable;
import dev.fsview.linux.sys.StatFs;
import dev.fsview.spi.Mountinfo;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Set;

/**
 * The file store of a path in a view: one per mount of the view, as the JDK has one per mount
 * entry. The mount is the one the file's fd is on ({@code statx} {@code stx_mnt_id}), looked up
 * in the view's own mount table ({@link ViewMountTable}, never the host's): the name is its
 * source as the kernel names it ({@code /dev/vda1} for a bind of a directory of that disk, never
 * the bind's host path; {@code tmpfs} for a tmpfs), the type its file system type, {@code toString}
 * {@code "<mount point> (<name>)"} with the mount point as the view sees it. Two stores are equal
 * when they are of the same mount of the same view. Sizes are a fresh {@code statfs} of the file
 * each time.
 */
final class LinuxViewFileStore extends FileStore {
    private static final Set<String> VIEWS =
            Set.of("basic", "posix", "unix", "owner", "dos", "user");

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

    private final ViewMountTable table;
    private final long mountId;
    private final String mountPoint;
    private final String name;
    private final String type;
    private final StatFs first;
    private final Space space;

    private LinuxViewFileStore(
            ViewMountTable table, Mountinfo.Line mount, StatFs first, Space space) {
        this.table = table;
        this.mountId = mount.id();
        this.mountPoint = mount.mountPoint();
        // fsopen without a "source" parameter leaves "none": named by its type, as mount -t does
        this.name = mount.source().equals("none") ? mount.fsType() : mount.source();
        this.type = mount.fsType();
        this.first = first;
        this.space = space;
    }

    /**
     * Makes the store of a file; call on the caller's thread (reads the view's mount table).
     *
     * @param table the view's mount table
     * @param mountId the mount id of the file's fd
     * @param first the file's {@code statfs}
     * @param space reads the file's {@code statfs} again
     * @return the store
     * @throws IOException "Mount point not found", as the JDK's, if the table lacks the mount
     */
    static LinuxViewFileStore of(ViewMountTable table, long mountId, StatFs first, Space space)
            throws IOException {
        Mountinfo.Line mount =
                table.byId(mountId).orElseThrow(() -> new IOException("Mount point not found"));
        return new LinuxViewFileStore(table, mount, first, space);
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
        return type == BasicFileAttributeView.class
                || type == PosixFileAttributeView.class
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
        return o instanceof LinuxViewFileStore s && s.table == table && s.mountId == mountId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(mountId) * 31 + System.identityHashCode(table);
    }

    @Override
    public String toString() {
        return mountPoint + " (" + name + ")";
    }
}
