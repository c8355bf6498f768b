package dev.fsview.fake.host;

/** A regular file inode; its bytes are in a {@link ByteStore}. */
public final class RegularFile extends Inode {
    private final ByteStore content = new ByteStore();
    private long deniedSize = -1;

    /**
     * Creates an empty regular file.
     *
     * @param sb the file system
     * @param permissions permission bits
     * @param uid owner
     * @param gid group
     * @param now the current time
     */
    public RegularFile(Superblock sb, int permissions, int uid, int gid, long now) {
        super(sb, S_IFREG | (permissions & 07777), uid, gid, now);
    }

    /** @return the content */
    public ByteStore content() {
        return content;
    }

    /**
     * Marks this file unreadable (see {@link #denyContent()}) while it reports the size the disk
     * gave it.
     *
     * @param diskSize the real file's size
     */
    public void denyContent(long diskSize) {
        denyContent();
        this.deniedSize = diskSize;
    }

    @Override
    public long size() {
        return deniedSize >= 0 ? deniedSize : content.size();
    }
}
