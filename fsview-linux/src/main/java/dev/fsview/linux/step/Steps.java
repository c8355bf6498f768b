package dev.fsview.linux.step;

import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;

/**
 * Runs setup steps: gives the fault injector its chance, then the step, and turns a failed system
 * call into a {@link MountStepException} naming the step, the syscall, the errno and the container
 * path.
 */
public final class Steps {
    private final Faults faults;

    /**
     * Creates the runner.
     *
     * @param faults the injector ({@link Faults#none()} outside tests)
     */
    public Steps(Faults faults) {
        this.faults = faults;
    }

    /** A step's work. */
    @FunctionalInterface
    public interface Action<T> {
        /**
         * Does it.
         *
         * @return the step's result
         * @throws SyscallException if a system call fails
         * @throws MountStepException if the step refuses on its own
         */
        T run() throws SyscallException, MountStepException;
    }

    /** A step's work without a result. */
    @FunctionalInterface
    public interface VoidAction {
        /**
         * Does it.
         *
         * @throws SyscallException if a system call fails
         * @throws MountStepException if the step refuses on its own
         */
        void run() throws SyscallException, MountStepException;
    }

    /**
     * Runs a step.
     *
     * @param step which step
     * @param containerPath the container path it works on, or {@code ""}
     * @param action the work
     * @param <T> its result type
     * @return the result
     * @throws MountStepException if it failed
     */
    public <T> T run(SetupStep step, String containerPath, Action<T> action)
            throws MountStepException {
        try {
            faults.check(step);
            return action.run();
        } catch (SyscallException e) {
            throw failure(step, containerPath, e);
        }
    }

    /**
     * Runs a step without a result.
     *
     * @param step which step
     * @param containerPath the container path it works on, or {@code ""}
     * @param action the work
     * @throws MountStepException if it failed
     */
    public void exec(SetupStep step, String containerPath, VoidAction action)
            throws MountStepException {
        run(step, containerPath, () -> {
            action.run();
            return null;
        });
    }

    /**
     * Builds the exception for a failed step.
     *
     * @param step the step
     * @param containerPath the container path, or {@code ""}
     * @param e the syscall failure
     * @return the exception to throw
     */
    public static MountStepException failure(
            SetupStep step, String containerPath, SyscallException e) {
        String detail = e instanceof Faults.Injected
                ? "injected by " + Faults.OPTION + " (test only)"
                : e.path().isEmpty() ? "" : "on " + e.path();
        return new MountStepException(
                step, e.syscall(), e.errno(), Errno.describe(e.errno()), containerPath, detail, e);
    }

    /**
     * Builds the exception for a step that fsview refused on its own.
     *
     * @param step the step
     * @param containerPath the container path
     * @param why the reason
     * @return the exception to throw
     */
    public static MountStepException refusal(SetupStep step, String containerPath, String why) {
        return new MountStepException(step, "", 0, "", containerPath, why, null);
    }
}
