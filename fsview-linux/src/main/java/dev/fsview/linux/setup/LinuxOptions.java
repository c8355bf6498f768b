package dev.fsview.linux.setup;

import dev.fsview.InvalidSpecException;
import dev.fsview.ViewSpec;
import dev.fsview.linux.step.Faults;

import java.util.Locale;
import java.util.Map;

/**
 * The {@code linux.*} options of a {@link ViewSpec}:
 * <ul>
 *   <li>{@code linux.mount-api} = {@code auto} (default: the new mount API where the kernel has
 *       it), {@code new} or {@code classic} (the seed's {@code /proc/self/fd/N} sequence);
 *   <li>{@code linux.resolve} = {@code auto} (default: openat2 where the kernel has it),
 *       {@code openat2} or {@code walk} (component by component with {@code O_NOFOLLOW});
 *   <li>{@code linux.namespace} = {@code auto} (default: {@code empty} where it can be made),
 *       {@code empty} (the view's tree is assembled in a copy of a namespace that holds one empty
 *       tmpfs, and chroot'ed into: {@link dev.fsview.linux.ns.EmptyNamespace}; needs the new mount
 *       API) or {@code copy} (a copy of the host's namespace, pivot_root out of it);
 *   <li>{@code linux.fail-step} — <b>test only</b>: make setup steps fail (see {@link Faults}).
 * </ul>
 * Any other {@code linux.} key, or a value not listed, is refused.
 *
 * @param mountApi the attach strategy asked for
 * @param resolve the target resolution asked for
 * @param namespace the namespace the view is set up in: modern = empty, fallback = copy
 * @param failSteps the test-only fault list, {@code ""} for none
 */
public record LinuxOptions(Choice mountApi, Choice resolve, Choice namespace, String failSteps) {
    /** The option choosing the attach strategy. */
    public static final String MOUNT_API = "linux.mount-api";
    /** The option choosing the target resolution. */
    public static final String RESOLVE = "linux.resolve";
    /** The option choosing the namespace a view is set up in. */
    public static final String NAMESPACE = "linux.namespace";

    /** A choice between the modern kernel facility, the fallback, or whichever the kernel has. */
    public enum Choice {
        /** The modern facility where available, else the fallback. */
        AUTO,
        /** The modern facility (new mount API, openat2); refused where the kernel lacks it. */
        MODERN,
        /** The fallback (classic mount sequence, user-space walk). */
        FALLBACK
    }

    /**
     * Reads the options of a spec.
     *
     * @param spec the spec
     * @return the options
     * @throws InvalidSpecException if a {@code linux.} option is unknown or has a bad value
     */
    public static LinuxOptions of(ViewSpec spec) throws InvalidSpecException {
        Choice api = Choice.AUTO;
        Choice resolve = Choice.AUTO;
        Choice namespace = Choice.AUTO;
        String fail = "";
        for (Map.Entry<String, String> e : spec.options().entrySet()) {
            String key = e.getKey();
            String value = e.getValue().trim().toLowerCase(Locale.ROOT);
            if (!key.startsWith("linux.")) {
                continue; // another backend's option
            }
            switch (key) {
                case MOUNT_API:
                    api = choice(key, value, "new", "classic");
                    break;
                case RESOLVE:
                    resolve = choice(key, value, "openat2", "walk");
                    break;
                case NAMESPACE:
                    namespace = choice(key, value, "empty", "copy");
                    break;
                case Faults.OPTION:
                    Faults.parse(value); // validated now, parsed again per view
                    fail = value;
                    break;
                default:
                    throw new InvalidSpecException(
                            key,
                            "unknown option of the linux backend " + "(known: " + MOUNT_API + ", "
                                    + RESOLVE + ", " + NAMESPACE + ", " + Faults.OPTION + ")");
            }
        }
        return new LinuxOptions(api, resolve, namespace, fail);
    }

    private static Choice choice(String key, String value, String modern, String fallback)
            throws InvalidSpecException {
        if (value.equals("auto")) {
            return Choice.AUTO;
        }
        if (value.equals(modern)) {
            return Choice.MODERN;
        }
        if (value.equals(fallback)) {
            return Choice.FALLBACK;
        }
        throw new InvalidSpecException(
                key, "must be auto, " + modern + " or " + fallback + ", not '" + value + "'");
    }
}
