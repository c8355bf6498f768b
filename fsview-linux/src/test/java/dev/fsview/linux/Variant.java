package dev.fsview.linux;

import dev.fsview.ViewSpec;
import dev.fsview.linux.setup.LinuxOptions;

/** The four ways a Linux view can set its mounts up: attach strategy by target resolution. */
enum Variant {
    NEW_API_OPENAT2("new", "openat2"),
    NEW_API_WALK("new", "walk"),
    CLASSIC_OPENAT2("classic", "openat2"),
    CLASSIC_WALK("classic", "walk");

    final String mountApi;
    final String resolve;

    Variant(String mountApi, String resolve) {
        this.mountApi = mountApi;
        this.resolve = resolve;
    }

    ViewSpec.Builder apply(ViewSpec.Builder b) {
        return b.option(LinuxOptions.MOUNT_API, mountApi).option(LinuxOptions.RESOLVE, resolve);
    }
}
