package dev.fsview.fake.host;

import java.nio.charset.StandardCharsets;

/** A symbolic link inode: its target, held verbatim, as {@code symlink(2)} stores it. */
public final class Symlink extends Inode {
    private final String target;
    private final int length;

    /**
     * Creates a link (mode 0777, as Linux gives every symlink).
     *
     * @param sb the file system
     * @param target what the link holds
     * @param uid owner
     * @param gid group
     * @param now the current time
     */
    public Symlink(Superblock sb, String target, int uid, int gid, long now) {
        super(sb, S_IFLNK | 0777, uid, gid, now);
        this.target = target;
        this.length = target.getBytes(StandardCharsets.UTF_8).length;
    }

    /** @return the target, verbatim */
    public String target() {
        return target;
    }

    @Override
    public long size() {
        return length;
    }
}
