package dev.fsview.linux.sys;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The optional kernel facilities fsview-linux uses when present, probed once by calling each
 * syscall with arguments it must refuse: ENOSYS means absent, any other answer present.
 *
 * @param openat2 {@code openat2(2)} (5.6+), for resolving mount targets inside the root
 * @param mountSetattr {@code mount_setattr(2)} (5.12+), for recursive read-only
 * @param newMountApi {@code open_tree}, {@code move_mount}, {@code fsopen}, {@code fsconfig},
 *     {@code fsmount} and {@code mount_setattr}, for attaching mounts never visible writable
 */
public record KernelFeatures(boolean openat2, boolean mountSetattr, boolean newMountApi) {
    /** Feature name of openat2. */
    public static final String OPENAT2 = "openat2";
    /** Feature name of mount_setattr. */
    public static final String MOUNT_SETATTR = "mount_setattr";
    /** Feature name of the new mount API. */
    public static final String NEW_MOUNT_API = "new-mount-api";

    /**
     * Probes the running kernel. Needs libc bound ({@link Sys#load()}).
     *
     * @return what it has
     */
    public static KernelFeatures probe() {
        boolean setattr = Sys.hasSyscall(Arch.SYS_MOUNT_SETATTR);
        boolean newApi = setattr
                && Sys.hasSyscall(Arch.SYS_OPEN_TREE)
                && Sys.hasSyscall(Arch.SYS_MOVE_MOUNT)
                && Sys.hasSyscall(Arch.SYS_FSOPEN)
                && Sys.hasSyscall(Arch.SYS_FSCONFIG)
                && Sys.hasSyscall(Arch.SYS_FSMOUNT);
        return new KernelFeatures(Sys.hasSyscall(Arch.SYS_OPENAT2), setattr, newApi);
    }

    /**
     * Names the features present, as {@link dev.fsview.Availability} reports them.
     *
     * @return e.g. {@code [openat2, mount_setattr, new-mount-api]}
     */
    public Set<String> names() {
        Set<String> s = new LinkedHashSet<>();
        if (openat2) {
            s.add(OPENAT2);
        }
        if (mountSetattr) {
            s.add(MOUNT_SETATTR);
        }
        if (newMountApi) {
            s.add(NEW_MOUNT_API);
        }
        return s;
    }
}
