package dev.fsview.fake.host;

import dev.fsview.spi.Filepath;
import dev.fsview.spi.errno.Errno;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fault injection: makes a named step fail with a chosen errno, so that tests can drive the error
 * paths of fsview and of its callers. A rule names a {@link Step} and a path: for the mount steps,
 * the mount's container destination as the spec gives it; for file operations, the absolute path
 * inside the view (cleaned lexically, symlinks not resolved). A rule fires every time until
 * {@link #clear()}, or a given number of times.
 *
 * <pre>{@code
 * host.faults().failMount("/data", Errno.ENOMEM);      // opening a view with /data fails
 * host.faults().failWrite("/data/log", Errno.ENOSPC);   // writes to /data/log fail
 * }</pre>
 */
public final class Faults {
    /** The steps a fault can be injected into. */
    public enum Step {
        /** Attaching a bind or tmpfs mount at a destination during view setup ({@code mount}). */
        MOUNT,
        /** Creating a missing component of a mount target during view setup (path: that component). */
        CREATE_TARGET,
        /** Making the submounts of a read-only bind read-only ({@code mount_setattr}). */
        RECURSIVE_READ_ONLY,
        /** Switching to the container root during view setup (path {@code "/"}). */
        SWITCH_ROOT,
        /** Opening a file or directory. */
        OPEN,
        /** Reading from an open file. */
        READ,
        /** Writing to an open file. */
        WRITE,
        /** Creating a directory. */
        MKDIR,
        /** Removing a file or directory. */
        DELETE,
        /** Renaming (the source path). */
        RENAME,
        /** Reading metadata ({@code stat}, {@code lstat}). */
        STAT
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private volatile boolean armed;

    Faults() {}

    /**
     * Makes a step fail at a path, every time.
     *
     * @param step the step
     * @param path the destination or absolute view path
     * @param errno the error to fail with
     * @return this table
     */
    public Faults fail(Step step, String path, Errno errno) {
        return add(step, path, errno, Integer.MAX_VALUE);
    }

    /**
     * Makes a step fail at a path, the next {@code times} times only.
     *
     * @param step the step
     * @param path the destination or absolute view path
     * @param errno the error to fail with
     * @param times how many times
     * @return this table
     */
    public Faults fail(Step step, String path, Errno errno, int times) {
        return add(step, path, errno, times);
    }

    /**
     * Makes mounting at a container destination fail while a view is set up.
     *
     * @param destination the mount's destination, as in the spec
     * @param errno the error
     * @return this table
     */
    public Faults failMount(String destination, Errno errno) {
        return fail(Step.MOUNT, destination, errno);
    }

    /**
     * Makes opening a path fail.
     *
     * @param path the absolute path in the view
     * @param errno the error
     * @return this table
     */
    public Faults failOpen(String path, Errno errno) {
        return fail(Step.OPEN, path, errno);
    }

    /**
     * Makes writes to a file opened at a path fail.
     *
     * @param path the absolute path in the view the file was opened by
     * @param errno the error
     * @return this table
     */
    public Faults failWrite(String path, Errno errno) {
        return fail(Step.WRITE, path, errno);
    }

    /**
     * Makes reads from a file opened at a path fail.
     *
     * @param path the absolute path in the view the file was opened by
     * @param errno the error
     * @return this table
     */
    public Faults failRead(String path, Errno errno) {
        return fail(Step.READ, path, errno);
    }

    /** Removes every rule. */
    public void clear() {
        rules.clear();
        armed = false;
    }

    /** @return whether any rule is in force (a cheap check before computing paths) */
    public boolean armed() {
        return armed;
    }

    /**
     * Fails if a rule matches.
     *
     * @param step the step being taken
     * @param path the path it is taken at, absolute and clean
     * @throws ErrnoException the rule's errno
     */
    public void check(Step step, String path) throws ErrnoException {
        if (!armed) {
            return;
        }
        for (Rule r : rules) {
            if (r.step == step && r.path.equals(path) && r.take()) {
                throw ErrnoException.of(r.errno);
            }
        }
    }

    private Faults add(Step step, String path, Errno errno, int times) {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(errno, "errno");
        if (times <= 0) {
            throw new IllegalArgumentException("times must be positive: " + times);
        }
        rules.add(new Rule(step, Filepath.cleanRequiringAbsolute(path), errno, times));
        armed = true;
        return this;
    }

    private static final class Rule {
        final Step step;
        final String path;
        final Errno errno;
        private int remaining;

        Rule(Step step, String path, Errno errno, int remaining) {
            this.step = step;
            this.path = path;
            this.errno = errno;
            this.remaining = remaining;
        }

        synchronized boolean take() {
            if (remaining == 0) {
                return false;
            }
            if (remaining != Integer.MAX_VALUE) {
                remaining--;
            }
            return true;
        }
    }
}
