package dev.fsview.fake.nio;

import dev.fsview.fake.host.ErrnoException;
import dev.fsview.fake.vfs.OpenCheck;
import dev.fsview.fake.vfs.OpenFile;
import dev.fsview.fake.vfs.Stat;
import dev.fsview.fake.vfs.Vfs;
import dev.fsview.spi.nio.ViewOpenChecks;

import java.io.IOException;

/**
 * An open with the view's {@link dev.fsview.ViewOpenOption}s: the object found is inspected
 * under the same hold of the fake kernel's lock as the open ({@link OpenCheck}), so a FIFO or
 * device is refused without being opened and a file renamed over the examined one is never read;
 * the refusal is the one every backend gives ({@link ViewOpenChecks#check}).
 */
final class ViewOptionsCheck {
    private ViewOptionsCheck() {}

    /**
     * Opens after the check.
     *
     * @param vfs the process
     * @param sys the path as the syscall gets it
     * @param file the path as the caller gave it
     * @param flags the open's flags (without {@code O_CREAT} for {@code sameFileAs})
     * @param mode the mode of a created file
     * @param checks the view's options
     * @return the open file
     * @throws ErrnoException what the open fails with
     * @throws IOException the refusal
     */
    static OpenFile open(
            Vfs vfs, String sys, String file, int flags, int mode, ViewOpenChecks checks)
            throws ErrnoException, IOException {
        OpenCheck check = new OpenCheck(
                st -> checks.allows(st.isSymbolicLink(), st.isRegularFile(), keyOf(st)));
        OpenFile f = vfs.open(sys, flags, mode, check);
        if (f != null) {
            return f;
        }
        Stat st = check.refused();
        checks.check(file, st.isSymbolicLink(), st.isRegularFile(), keyOf(st));
        throw new IllegalStateException("refused an object the checks allow: " + st);
    }

    /** The key the view's readAttributes gives for the same stat. */
    private static Object keyOf(Stat st) {
        return new FakeAttributes(st, null).fileKey();
    }
}
