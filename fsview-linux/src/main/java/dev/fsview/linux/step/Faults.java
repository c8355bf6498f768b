package dev.fsview.linux.step;

import dev.fsview.InvalidSpecException;
import dev.fsview.SetupStep;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;

import java.util.EnumMap;
import java.util.Map;

/**
 * Test-only fault injection: the option {@code linux.fail-step} lists steps that fail as if their
 * system call had returned EIO, e.g. {@code bind} (every bind), {@code bind#2} (the second bind
 * only), or {@code pivot-root,chroot}. It exists so tests can prove that a failure at any step
 * leaves nothing behind; it never changes what a successful step does.
 */
public final class Faults {
    /** The option that names the failing steps. */
    public static final String OPTION = "linux.fail-step";

    private static final Faults NONE = new Faults(new EnumMap<>(SetupStep.class));

    /** SetupStep to the occurrence that fails (0: every occurrence). */
    private final Map<SetupStep, Integer> failing;

    private final Map<SetupStep, Integer> seen = new EnumMap<>(SetupStep.class);

    private Faults(Map<SetupStep, Integer> failing) {
        this.failing = failing;
    }

    /**
     * Returns faults that never fire.
     *
     * @return the empty injector
     */
    public static Faults none() {
        return NONE;
    }

    /**
     * Parses the option's value.
     *
     * @param value e.g. {@code "move-mount#2,chroot"}; empty for none
     * @return a fresh injector (it counts occurrences, so one per view)
     * @throws InvalidSpecException if a step is unknown or an occurrence is not a positive number
     */
    public static Faults parse(String value) throws InvalidSpecException {
        Map<SetupStep, Integer> failing = new EnumMap<>(SetupStep.class);
        for (String item : value.split(",")) {
            String s = item.trim();
            if (s.isEmpty()) {
                continue;
            }
            int hash = s.indexOf('#');
            String id = hash < 0 ? s : s.substring(0, hash);
            SetupStep step = SetupStep.byId(id);
            if (step == null) {
                throw new InvalidSpecException(OPTION, "unknown step '" + id + "'");
            }
            failing.put(step, hash < 0 ? 0 : occurrence(s.substring(hash + 1)));
        }
        return failing.isEmpty() ? NONE : new Faults(failing);
    }

    private static int occurrence(String n) throws InvalidSpecException {
        try {
            int v = Integer.parseInt(n);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the refusal
        }
        throw new InvalidSpecException(OPTION, "not a positive occurrence number: " + n);
    }

    /**
     * Fails the step if it is one of the injected ones.
     *
     * @param step the step about to run
     * @throws SyscallException EIO from the step's syscall, when injected
     */
    void check(SetupStep step) throws SyscallException {
        Integer at = failing.get(step);
        if (at == null) {
            return;
        }
        int n = seen.merge(step, 1, Integer::sum);
        if (at == 0 || at == n) {
            throw new Injected(step);
        }
    }

    /** A failure made up by {@link Faults}. */
    public static final class Injected extends SyscallException {
        private static final long serialVersionUID = 1L;

        Injected(SetupStep step) {
            super(step.syscall().isEmpty() ? step.id() : step.syscall(), "", Errno.EIO.number());
        }
    }
}
