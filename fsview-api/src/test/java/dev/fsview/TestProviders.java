package dev.fsview;

import dev.fsview.spi.FsViewProvider;

import java.util.Set;

/** Providers for discovery tests; two are registered through META-INF/services. */
final class TestProviders {
    private TestProviders() {}

    static class Stub implements FsViewProvider {
        private final String name;
        private final int priority;
        private final Availability availability;

        Stub(String name, int priority, Availability availability) {
            this.name = name;
            this.priority = priority;
            this.availability = availability;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public Availability availability() {
            return availability;
        }

        @Override
        public FsView open(ViewSpec spec) {
            throw new UnsupportedOperationException("stub " + name + " opens nothing");
        }
    }

    /** Registered: available, low priority, like the fake. */
    public static final class Simulated extends Stub {
        public Simulated() {
            super("simulated", 0, Availability.available(Set.of()));
        }
    }

    /** Registered: unavailable, high priority, like linux without privileges. */
    public static final class Privileged extends Stub {
        public Privileged() {
            super("privileged", 100, Availability.unavailable("the process lacks CAP_SYS_ADMIN"));
        }
    }
}
