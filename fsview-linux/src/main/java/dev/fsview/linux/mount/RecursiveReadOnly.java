package dev.fsview.linux.mount;

import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.linux.step.Faults;
import dev.fsview.linux.step.Steps;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recursive {@code mount_setattr} (read-only or nodev on a mount and its submounts), retried on
 * EINTR. "Best effort" covers only a kernel without the call: {@code ENOSYS}, or {@code EINVAL}
 * for a flag it does not know; then, unless forced, it is logged and the caller's mount-table check
 * decides. Any other failure (say {@code ENOENT} from a race) fails the open, naming the step.
 */
final class RecursiveReadOnly {
    private static final Logger LOG = LoggerFactory.getLogger(RecursiveReadOnly.class);

    private RecursiveReadOnly() {}

    /**
     * Applies a recursive attribute.
     *
     * @param steps the step runner
     * @param step {@link SetupStep#RECURSIVE_RO} or {@link SetupStep#NODEV}
     * @param dest the container path
     * @param force whether a kernel without the call is fatal too
     * @param setattr the mount_setattr call
     * @return whether it was applied ({@code false}: the kernel lacks it and it was not forced)
     * @throws MountStepException if it failed for another reason, or was forced
     */
    static boolean apply(
            Steps steps, SetupStep step, String dest, boolean force, Steps.VoidAction setattr)
            throws MountStepException {
        try {
            steps.exec(step, dest, () -> retryingEintr(setattr));
            return true;
        } catch (MountStepException e) {
            if (force || !kernelLacksIt(e)) {
                throw e;
            }
            LOG.debug(
                    "this kernel cannot apply {} to {} recursively; its submounts keep their "
                            + "flags",
                    step,
                    dest,
                    e);
            return false;
        }
    }

    /** ENOSYS, or EINVAL for a flag the kernel does not know; never an injected fault. */
    private static boolean kernelLacksIt(MountStepException e) {
        return !(e.getCause() instanceof Faults.Injected)
                && (e.errno() == Errno.ENOSYS.number() || e.errno() == Errno.EINVAL.number());
    }

    private static void retryingEintr(Steps.VoidAction setattr)
            throws SyscallException, MountStepException {
        while (true) {
            try {
                setattr.run();
                return;
            } catch (SyscallException e) {
                if (!e.is(Errno.EINTR)) {
                    throw e;
                }
            }
        }
    }
}
