package dev.fsview.fake.nio;

/**
 * The file key of the fake's attributes: device and inode number, printed as the JDK prints its
 * {@code UnixFileKey}.
 *
 * @param dev the device
 * @param ino the inode number
 */
record FakeFileKey(long dev, long ino) {
    @Override
    public String toString() {
        return "(dev=" + Long.toHexString(dev) + ",ino=" + ino + ')';
    }
}
