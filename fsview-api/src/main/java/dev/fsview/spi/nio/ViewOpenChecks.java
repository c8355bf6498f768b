package dev.fsview.spi.nio;

import dev.fsview.ViewOpenOption;
import dev.fsview.spi.errno.Errno;
import dev.fsview.spi.errno.NioExceptions;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link ViewOpenOption}s of one open, and the verdict on the object an open found, shared by
 * every backend so that each refuses with the same exception and reason. A backend finds the
 * object without opening it (an {@code O_PATH} fd, or the fake's lookup under its kernel lock),
 * asks {@link #check}, and only then opens exactly that object with {@link #others()}.
 *
 * <p>Creation: {@link ViewOpenOption#REGULAR_FILE} lets {@code CREATE} and {@code CREATE_NEW}
 * create (a file an open creates is a new regular file); {@link ViewOpenOption#sameFileAs} never
 * creates (the file examined exists, so a missing one is the JDK's
 * {@link java.nio.file.NoSuchFileException}), and refuses {@code CREATE_NEW}, which can never open
 * an existing file, with an {@link IllegalArgumentException}.
 */
public final class ViewOpenChecks {
    private final boolean regularFile;
    private final Object expectedKey;
    private final Set<OpenOption> others;

    private ViewOpenChecks(boolean regularFile, Object expectedKey, Set<OpenOption> others) {
        this.regularFile = regularFile;
        this.expectedKey = expectedKey;
        this.others = others;
    }

    /**
     * Splits the view's options from the others.
     *
     * @param options the options of an open
     * @return the checks, or {@code null} if no {@link ViewOpenOption} is among them
     * @throws IllegalArgumentException for two different {@code sameFileAs} keys, or
     *     {@code sameFileAs} with {@code CREATE_NEW} for writing
     */
    public static ViewOpenChecks of(Set<? extends OpenOption> options) {
        if (!anyViewOption(options)) {
            return null; // the common open: no set to copy
        }
        boolean regular = false;
        Object key = null;
        Set<OpenOption> others = new HashSet<>();
        for (OpenOption o : options) {
            if (!(o instanceof ViewOpenOption)) {
                others.add(o);
                continue;
            }
            Object k = ((ViewOpenOption) o).fileKey();
            if (k == null) {
                regular = true;
            } else if (key != null && !key.equals(k)) {
                throw new IllegalArgumentException(
                        "two different sameFileAs keys: " + key + " and " + k);
            } else {
                key = k;
            }
        }
        ViewOpenChecks checks = new ViewOpenChecks(regular, key, others);
        if (key != null && checks.writes() && others.contains(StandardOpenOption.CREATE_NEW)) {
            throw new IllegalArgumentException(
                    "sameFileAs names an existing file: CREATE_NEW would never open it");
        }
        return checks;
    }

    private static boolean anyViewOption(Set<? extends OpenOption> options) {
        for (OpenOption o : options) {
            if (o instanceof ViewOpenOption) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the options without the view's, for the open that follows the check; with
     * {@code sameFileAs}, also without {@code CREATE} (it never creates).
     *
     * @return a new, mutable set
     */
    public Set<OpenOption> others() {
        Set<OpenOption> o = new HashSet<>(others);
        if (expectedKey != null) {
            o.remove(StandardOpenOption.CREATE);
        }
        return o;
    }

    /**
     * Whether the open must not follow a final symbolic link.
     *
     * @return whether {@code NOFOLLOW_LINKS} was given
     */
    public boolean noFollow() {
        return others.contains(LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Whether the open may create a missing file (only {@code REGULAR_FILE}, for writing, with
     * {@code CREATE} or {@code CREATE_NEW}).
     *
     * @return whether a missing file is created
     */
    public boolean mayCreate() {
        return expectedKey == null
                && writes()
                && (others.contains(StandardOpenOption.CREATE)
                        || others.contains(StandardOpenOption.CREATE_NEW));
    }

    private boolean writes() {
        return others.contains(StandardOpenOption.WRITE)
                || others.contains(StandardOpenOption.APPEND);
    }

    /**
     * Whether an object with these properties may be opened: not a symbolic link (found only
     * when not following), a regular file when {@code REGULAR_FILE} asks for one, and the file
     * examined when {@code sameFileAs} names one.
     *
     * @param symlink whether it is a symbolic link
     * @param regular whether it is a regular file
     * @param key its file key, made as the backend's {@code readAttributes} makes it (not null:
     *     a backend without keys passes a fresh object, which no {@code sameFileAs} matches)
     * @return whether it may be opened
     */
    public boolean allows(boolean symlink, boolean regular, Object key) {
        Objects.requireNonNull(key, "key");
        return !symlink
                && (regular || !regularFile)
                && (expectedKey == null || expectedKey.equals(key));
    }

    /**
     * Refuses an object the open must not open, with the JDK's exception for a symbolic link
     * under {@code NOFOLLOW_LINKS} (so a refused link reads as the JDK's), else a
     * {@link FileSystemException} whose reason is {@link ViewOpenOption#NOT_A_REGULAR_FILE} or
     * {@link ViewOpenOption#FILE_REPLACED}.
     *
     * @param file the path as the caller gave it
     * @param symlink whether it is a symbolic link
     * @param regular whether it is a regular file
     * @param key its file key
     * @throws IOException the refusal, unless {@link #allows} it
     */
    public void check(String file, boolean symlink, boolean regular, Object key)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        if (symlink) {
            // A final link swapped in under NOFOLLOW_LINKS would redirect the open elsewhere.
            throw NioExceptions.forOpen(Errno.ELOOP, file, true);
        }
        if (regularFile && !regular) {
            // A FIFO would block the open, a device node would reach a device: never opened.
            throw new FileSystemException(file, null, ViewOpenOption.NOT_A_REGULAR_FILE);
        }
        if (expectedKey != null && !expectedKey.equals(key)) {
            // A file renamed over the examined one must not be read under its name.
            throw new FileSystemException(file, null, ViewOpenOption.FILE_REPLACED);
        }
    }

    @Override
    public String toString() {
        return "ViewOpenChecks[regularFile=" + regularFile + ", key="
                + Objects.toString(expectedKey) + ", others=" + others + "]";
    }
}
