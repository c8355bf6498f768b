package dev.fsview;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a backend can open views here: available, with the optional features it will use
 * (e.g. {@code openat2}, {@code mount_setattr}, {@code new-mount-api}), or unavailable, with the
 * reason in words a user can act on (e.g. "the process lacks CAP_SYS_ADMIN"). A value: two
 * availabilities are equal when they say the same.
 */
public final class Availability {
    private final boolean available;
    private final String reason;
    private final Set<String> features;

    private Availability(boolean available, String reason, Set<String> features) {
        this.available = available;
        this.reason = reason;
        this.features = features;
    }

    /**
     * Returns an availability that says yes.
     *
     * @param features the optional features the backend will use
     * @return the availability
     */
    public static Availability available(Set<String> features) {
        return new Availability(true, "", Set.copyOf(features));
    }

    /**
     * Returns an availability that says no.
     *
     * @param reason why, in words a user can act on
     * @return the availability
     */
    public static Availability unavailable(String reason) {
        Objects.requireNonNull(reason, "reason");
        return new Availability(false, reason, Set.of());
    }

    /**
     * Returns whether the backend can open views.
     *
     * @return {@code true} if it can
     */
    public boolean isAvailable() {
        return available;
    }

    /**
     * Returns why the backend cannot open views.
     *
     * @return the reason, or {@code ""} when available
     */
    public String reason() {
        return reason;
    }

    /**
     * Returns the optional features the backend will use.
     *
     * @return an immutable set; empty when unavailable
     */
    public Set<String> features() {
        return features;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Availability)) {
            return false;
        }
        Availability that = (Availability) o;
        return available == that.available
                && reason.equals(that.reason)
                && features.equals(that.features);
    }

    @Override
    public int hashCode() {
        return Objects.hash(available, reason, features);
    }

    @Override
    public String toString() {
        return available
                ? "available" + (features.isEmpty() ? "" : " " + new TreeSet<>(features))
                : "unavailable: " + reason;
    }
}
