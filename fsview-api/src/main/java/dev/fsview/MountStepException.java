package dev.fsview;

import java.util.Objects;

/**
 * One step of setting up a view failed: making the namespace, creating or opening a mount target,
 * attaching a mount, making it read-only, switching root. The view was not opened, and everything
 * the failed setup had done was undone (no mount, fd or thread is left behind).
 */
public class MountStepException extends FsViewException {
    private static final long serialVersionUID = 1L;

    private final SetupStep step;
    private final String syscall;
    private final int errno;
    private final String errnoName;
    private final String containerPath;

    /**
     * Creates the exception.
     *
     * @param step the setup step that failed
     * @param syscall the system call that failed, or {@code ""} when the refusal is fsview's own
     * @param errno the error number, or {@code 0} when there is none
     * @param errnoName the symbolic errno with its text, e.g. {@code "ENOENT (No such file or
     *     directory)"}, or {@code ""}
     * @param containerPath the container path the step worked on, or {@code ""}
     * @param detail extra words for the user, or {@code ""}
     * @param cause the underlying failure, or {@code null}
     */
    public MountStepException(
            SetupStep step,
            String syscall,
            int errno,
            String errnoName,
            String containerPath,
            String detail,
            Throwable cause) {
        super(
                message(
                        Objects.requireNonNull(step, "step").id(),
                        Objects.requireNonNull(syscall, "syscall"),
                        Objects.requireNonNull(errnoName, "errnoName"),
                        Objects.requireNonNull(containerPath, "containerPath"),
                        Objects.requireNonNull(detail, "detail")),
                cause);
        this.step = step;
        this.syscall = syscall;
        this.errno = errno;
        this.errnoName = errnoName;
        this.containerPath = containerPath;
    }

    private static String message(
            String step, String syscall, String errnoName, String containerPath, String detail) {
        StringBuilder b = new StringBuilder("view setup step '").append(step).append("' failed");
        if (!containerPath.isEmpty()) {
            b.append(" for ").append(containerPath);
        }
        if (!syscall.isEmpty()) {
            b.append(": ").append(syscall);
            if (!errnoName.isEmpty()) {
                b.append(": ").append(errnoName);
            }
        }
        if (!detail.isEmpty()) {
            b.append(": ").append(detail);
        }
        return b.toString();
    }

    /**
     * Returns the setup step that failed.
     *
     * @return the step; its {@link SetupStep#id() id} is what the message names
     */
    public SetupStep step() {
        return step;
    }

    /**
     * Returns the system call that failed.
     *
     * @return the syscall, e.g. {@code "mount"}, or {@code ""} when fsview refused on its own
     */
    public String syscall() {
        return syscall;
    }

    /**
     * Returns the error number the kernel reported.
     *
     * @return the errno, or {@code 0} when the failure did not come from a system call
     */
    public int errno() {
        return errno;
    }

    /**
     * Returns the symbolic name of the errno with its text.
     *
     * @return e.g. {@code "EROFS (Read-only file system)"}, or {@code ""}
     */
    public String errnoName() {
        return errnoName;
    }

    /**
     * Returns the container path the step worked on.
     *
     * @return the path inside the container, or {@code ""} when the step is not about one path
     */
    public String containerPath() {
        return containerPath;
    }
}
