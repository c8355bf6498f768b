package dev.fsview.linux.conformance;

import dev.fsview.ViewSpec;
import dev.fsview.linux.setup.LinuxOptions;
import dev.fsview.testkit.Backend;
import dev.fsview.testkit.HostFixture;
import dev.fsview.testkit.host.TempDirHost;

import java.io.IOException;

/**
 * The linux backend as the conformance kit sees it: real temporary directories on this host, plain
 * {@code java.io} in tasks seeing the container, and one variant per way of attaching mounts and
 * resolving their targets, so the whole kit runs against each.
 */
final class LinuxBackends {
    private LinuxBackends() {}

    /**
     * The backend with the given {@code linux.*} choices.
     *
     * @param mountApi {@code new}, {@code classic} or {@code auto}
     * @param resolve {@code openat2}, {@code walk} or {@code auto}
     * @return the backend
     */
    static Backend of(String mountApi, String resolve) {
        return of(mountApi, resolve, "auto");
    }

    /**
     * The backend with the given {@code linux.*} choices.
     *
     * @param mountApi {@code new}, {@code classic} or {@code auto}
     * @param resolve {@code openat2}, {@code walk} or {@code auto}
     * @param namespace {@code empty}, {@code copy} or {@code auto}
     * @return the backend
     */
    static Backend of(String mountApi, String resolve, String namespace) {
        return new Backend() {
            @Override
            public HostFixture newHost() throws IOException {
                return new TempDirHost("linux");
            }

            @Override
            public String name() {
                return "linux";
            }

            @Override
            public ViewSpec.Builder configure(ViewSpec.Builder spec) {
                return spec.option(LinuxOptions.MOUNT_API, mountApi)
                        .option(LinuxOptions.RESOLVE, resolve)
                        .option(LinuxOptions.NAMESPACE, namespace);
            }

            @Override
            public boolean plainIoInTasksSeesTheContainer() {
                return true;
            }
        };
    }
}
