package dev.fsview.testkit.differential;

import dev.fsview.MountSpec;

import java.io.IOException;
import java.util.List;

/**
 * The mounts a differential sequence may start with, each made on the view by the backend (from
 * a {@link MountSpec}) and on the reference by the kernel, with real mounts in the JVM's
 * {@link dev.fsview.testkit.host.PrivateMountNamespace}, in the order the view applies them. Every one has a volume of its own, planted identically on both
 * sides: {@code v} ("volume"), {@code h} ("hard") and its hard link {@code h2}.
 */
public enum Shape {
    /** A writable bind of a volume at {@code /a/m} (a target created inside the root). */
    RW_BIND,
    /** A read-only bind at {@code /b/v}. */
    RO_BIND,
    /** A read-only file bind of the volume's hard-linked {@code h} onto {@code /f}. */
    FILE_BIND,
    /** A writable bind at {@code /l/n}: through the link {@code l -> a}, so at {@code /a/n}. */
    THROUGH_LINK,
    /** A tmpfs at {@code /b/t}, mode 0755. */
    TMPFS,
    /**
     * A read-only bind at {@code /a/b/m}, then the root's {@code a/b} bound at {@code /b/a/x}:
     * an rbind that carries the mount made on it first.
     */
    SUBDIR_REBIND,
    /** A directory bound onto the file {@code /a/f}: the open fails. */
    DIR_ONTO_FILE,
    /** A tmpfs onto the file {@code /b/f}: the open fails. */
    TMPFS_ONTO_FILE,
    /** A bind at {@code /a/b/f/under}, below a file: the open fails. */
    UNDER_FILE;

    /**
     * Whether a view with this mount fails to open (and the kernel refuses the same mount on the
     * reference): the failure's step, system call and errno are what the sequence compares.
     *
     * @return {@code true} for the shapes the kernel refuses
     */
    public boolean fails() {
        return this == DIR_ONTO_FILE || this == TMPFS_ONTO_FILE || this == UNDER_FILE;
    }

    /**
     * The specs of this shape for a view.
     *
     * @param root host path of the view's root
     * @param volume host path of this shape's volume
     * @return the mounts, in any order (the spec orders them)
     */
    List<MountSpec> specs(String root, String volume) throws IOException {
        switch (this) {
            case RW_BIND:
                return List.of(MountSpec.bind(volume, "/a/m").writable().build());
            case RO_BIND:
                return List.of(MountSpec.bind(volume, "/b/v").build());
            case FILE_BIND:
                return List.of(MountSpec.bind(volume + "/h", "/f").build());
            case THROUGH_LINK:
                return List.of(MountSpec.bind(volume, "/l/n").writable().build());
            case TMPFS:
                return List.of(MountSpec.tmpfs("/b/t").mode(0755).build());
            case DIR_ONTO_FILE:
                return List.of(MountSpec.bind(volume, "/a/f").build());
            case TMPFS_ONTO_FILE:
                return List.of(MountSpec.tmpfs("/b/f").build());
            case UNDER_FILE:
                return List.of(MountSpec.bind(volume, "/a/b/f/under").build());
            default:
                return List.of(
                        MountSpec.bind(volume, "/a/b/m").build(),
                        MountSpec.bind(root + "/a/b", "/b/a/x").writable().build());
        }
    }
}
