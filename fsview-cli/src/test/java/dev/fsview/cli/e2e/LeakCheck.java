package dev.fsview.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * After each test: no view thread is left, and no mount under the test's temporary directories or
 * the demo bundle appeared in the host's mount table (every command closes its view, whatever
 * happened). Only those paths: other teams' tests run on this machine and mount elsewhere.
 */
final class LeakCheck implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS =
            ExtensionContext.Namespace.create(LeakCheck.class);

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        List<String> ours = new java.util.ArrayList<>(List.of(DemoBundleTest.BUNDLE.toString()));
        Object test = context.getRequiredTestInstance();
        for (Class<?> k = test.getClass(); k != Object.class; k = k.getSuperclass()) {
            for (java.lang.reflect.Field f : k.getDeclaredFields()) {
                if (f.isAnnotationPresent(org.junit.jupiter.api.io.TempDir.class)) {
                    f.setAccessible(true);
                    ours.add(((java.nio.file.Path) f.get(test)).toRealPath().toString());
                }
            }
        }
        context.getStore(NS).put("ours", ours);
        context.getStore(NS).put("mounts", Backends.mountsUnder(ours));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        @SuppressWarnings("unchecked")
        List<String> before = (List<String>) context.getStore(NS).get("mounts");
        @SuppressWarnings("unchecked")
        List<String> ours = (List<String>) context.getStore(NS).get("ours");
        assertThat(Backends.mountsUnder(ours))
                .as("our mounts in the host mount table")
                .isEqualTo(before);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Backends.viewThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(Backends.viewThreads()).as("view threads left running").isZero();
    }
}
