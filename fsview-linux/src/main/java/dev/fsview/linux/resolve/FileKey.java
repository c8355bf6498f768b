package dev.fsview.linux.resolve;

/**
 * The {@code fileKey} of a view's file: device and inode, as the JDK's own key on Linux. Every
 * attribute read of a view gives this type, so keys read through different entry points
 * ({@code readAttributes}, {@code getAttribute}, a listing's entries) compare equal for the same
 * file; the text is the JDK's, {@code (dev=hex,ino=decimal)}.
 *
 * @param dev the device, as glibc's {@code makedev} encodes it in {@code st_dev}
 * @param ino the inode number
 */
public record FileKey(long dev, long ino) {
    // equals and hashCode written out, as FileIdentity's: the generated ones spin method-handle
    // classes at their first call, in the middle of a copy's walk (hard links are found by key).

    @Override
    public boolean equals(Object o) {
        return o instanceof FileKey other && dev == other.dev && ino == other.ino;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(dev) * 31 + Long.hashCode(ino);
    }

    @Override
    public String toString() {
        return "(dev=" + Long.toHexString(dev) + ",ino=" + ino + ")";
    }
}
