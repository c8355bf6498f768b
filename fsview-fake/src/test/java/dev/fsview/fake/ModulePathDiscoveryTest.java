package dev.fsview.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fsview.FsView;
import dev.fsview.testkit.support.ModulePath;

import org.junit.jupiter.api.Test;

/**
 * On the module path the fake backend is found by its module-info's {@code provides} (its
 * {@code META-INF/services} file does not count for a named module), in its own module, which
 * exports only what a user's tests build a host with.
 */
class ModulePathDiscoveryTest {
    @Test
    void aModularApplicationFindsTheFakeProviderWhichExportsOnlyTheHost() throws Exception {
        assertThat(ModulePath.discover(FsView.class, FakeProvider.class, org.slf4j.Logger.class))
                .containsExactly(
                        "api dev.fsview.api exports-to-all [dev.fsview]",
                        "provider fake dev.fsview.fake exports [dev.fsview.fake, dev.fsview.fake.host]");
    }
}
