package dev.fsview.fake.nio;

import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Converts between {@link PosixFilePermission} sets and mode bits. */
public final class PosixModes {
    private PosixModes() {}

    /**
     * The mode bits of a permission set.
     *
     * @param perms the permissions
     * @return bits {@code 0..0777}
     */
    public static int of(Set<PosixFilePermission> perms) {
        return FakeAttributes.mode(perms);
    }

    /**
     * The permission set of mode bits.
     *
     * @param mode the mode
     * @return the permissions
     */
    public static Set<PosixFilePermission> toSet(int mode) {
        return FakeAttributes.permissions(mode);
    }
}
