package dev.fsview.linux;

import dev.fsview.ViewSpec;
import dev.fsview.linux.setup.LinuxOptions;

/**
 * The ways a Linux view can set its mounts up: attach strategy by target resolution, and, with the
 * new mount API, the namespace it is set up in (the empty one by default; a copy of the host's,
 * pivoted out of, as the fallback).
 */
enum Variant {
    NEW_API_OPENAT2("new", "openat2", "auto"),
    NEW_API_WALK("new", "walk", "auto"),
    NEW_API_OPENAT2_HOST_COPY("new", "openat2", "copy"),
    CLASSIC_OPENAT2("classic", "openat2", "auto"),
    CLASSIC_WALK("classic", "walk", "auto");

    final String mountApi;
    final String resolve;
    final String namespace;

    Variant(String mountApi, String resolve, String namespace) {
        this.mountApi = mountApi;
        this.resolve = resolve;
        this.namespace = namespace;
    }

    /** Whether views of this variant are set up in the empty namespace (and chroot into it). */
    boolean inEmptyNamespace() {
        return mountApi.equals("new")
                && !namespace.equals("copy")
                && dev.fsview.linux.ns.EmptyNamespace.shared() != null;
    }

    /**
     * Whether the view thread switches root at the first request handed to it, not in the open:
     * in the empty namespace, with the file system resolving on callers' threads.
     */
    boolean switchesAtFirstRequest() {
        return inEmptyNamespace() && resolve.equals("openat2");
    }

    ViewSpec.Builder apply(ViewSpec.Builder b) {
        return b.option(LinuxOptions.MOUNT_API, mountApi)
                .option(LinuxOptions.RESOLVE, resolve)
                .option(LinuxOptions.NAMESPACE, namespace);
    }
}
