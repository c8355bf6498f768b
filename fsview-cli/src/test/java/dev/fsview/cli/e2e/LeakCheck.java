package dev.fsview.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each test: no view thread is left and the host's mount table is exactly as before (every
 * command closes its view, whatever happened).
 */
final class LeakCheck implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakCheck.class);

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        context.getStore(NS).put("mounts", Backends.mountTable());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        @SuppressWarnings("unchecked")
        List<String> before = (List<String>) context.getStore(NS).get("mounts");
        assertThat(Backends.mountTable()).as("host mount table").isEqualTo(before);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Backends.viewThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(Backends.viewThreads()).as("view threads left running").isZero();
    }
}
