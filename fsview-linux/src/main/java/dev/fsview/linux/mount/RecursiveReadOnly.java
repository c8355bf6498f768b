package dev.fsview.linux.mount;

import dev.fsview.MountSpec;
import dev.fsview.MountStepException;
import dev.fsview.SetupStep;
import dev.fsview.linux.setup.Steps;
import dev.fsview.linux.sys.SyscallException;
import dev.fsview.spi.errno.Errno;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's {@code makeMountRRO} rule: {@code mount_setattr(AT_RECURSIVE, MOUNT_ATTR_RDONLY)},
 * retried on EINTR; a failure is fatal only with {@code ReadOnlyForceRecursive}, otherwise logged
 * at debug and setup goes on with the top mount read-only.
 */
final class RecursiveReadOnly {
    private static final Logger LOG = LoggerFactory.getLogger(RecursiveReadOnly.class);

    private RecursiveReadOnly() {
    }

    /**
     * Applies recursive read-only.
     *
     * @param steps the step runner
     * @param mount the spec (for its force option and destination)
     * @param setattr the mount_setattr call
     * @return whether it was applied
     * @throws MountStepException if it failed and the spec forces it
     */
    static boolean apply(Steps steps, MountSpec mount, Steps.VoidAction setattr)
            throws MountStepException {
        try {
            steps.exec(SetupStep.RECURSIVE_RO, mount.destination(), () -> retryingEintr(setattr));
            return true;
        } catch (MountStepException e) {
            if (mount.readOnlyForceRecursive()) {
                throw e;
            }
            LOG.debug("could not make {} recursively read-only; its submounts keep their flags",
                    mount.destination(), e);
            return false;
        }
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
