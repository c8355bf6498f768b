package dev.fsview.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.platform.linux.Fcntl;

import dev.fsview.FsView;
import dev.fsview.testkit.support.ModulePath;

import org.junit.jupiter.api.Test;

/**
 * On the module path the linux backend is found by its module-info's {@code provides} (its
 * {@code META-INF/services} file does not count for a named module), in its own module, which
 * exports nothing.
 */
class ModulePathDiscoveryTest {
    @Test
    void aModularApplicationFindsTheLinuxProviderWhichExportsNothing() throws Exception {
        assertThat(ModulePath.discover(
                        FsView.class,
                        LinuxProvider.class,
                        Native.class,
                        Fcntl.class,
                        org.slf4j.Logger.class))
                .containsExactly(
                        // a modular application sees the api's dev.fsview alone, never the SPI
                        "api dev.fsview.api exports-to-all [dev.fsview]",
                        "provider linux dev.fsview.linux exports []");
    }
}
