package dev.fsview.testkit.differential;

import java.util.Set;

/**
 * What the generator may reach for one backend: the cases of issue 17 whose row is still pending
 * on that backend (see {@link dev.fsview.testkit.contract.FidelityContract}) are left out, and
 * said so in the run's output, so a run stays green on known differences and finds new ones;
 * mounts need the JVM's private mount namespace for the reference's real binds.
 *
 * @param mounts generate mount setups (binds, file binds, binds through links, tmpfs)
 * @param rbindCarries the setup with a root subdirectory bound elsewhere after a mount on it (row 13)
 * @param xattrs user xattrs, empty and over-long names (row 12)
 * @param oddAttributes readAttributes with odd attribute strings (row 11)
 * @param creationTime report creation times (row 2)
 * @param owners report owners, also of symlinks copied with or without COPY_ATTRIBUTES (row 10)
 * @param streamType report whether directory streams are secure (row 19)
 * @param longPaths paths over 4096 bytes (rows 6, 16)
 * @param mountFailures setups the kernel refuses: their step, system call and errno (row 3)
 * @param sticky sticky world-writable directories, other users' links in them (row 7)
 * @param cwd working directory changes and relative paths (rows 5, 22, 23); they need the private
 *     mount namespace's thread, whose working directory is its own
 * @param fileStores FileStore identity and read-only flags (rows 15, 17); they need the private
 *     mount namespace, where the reference's mounts are
 */
public record Reach(
        boolean mounts,
        boolean rbindCarries,
        boolean xattrs,
        boolean oddAttributes,
        boolean creationTime,
        boolean owners,
        boolean streamType,
        boolean longPaths,
        boolean mountFailures,
        boolean sticky,
        boolean cwd,
        boolean fileStores) {
    /** Nothing beyond the original generator. */
    public static final Reach NONE = new Reach(
            false, false, false, false, false, false, false, false, false, false, false, false);

    /**
     * What to reach given the pending rows.
     *
     * @param pending issue 17's rows pending on the backend
     * @param mounts whether real mounts can be made for the reference
     * @return the reach
     */
    public static Reach forPending(Set<Integer> pending, boolean mounts) {
        return new Reach(
                mounts,
                mounts && !pending.contains(13),
                !pending.contains(12),
                !pending.contains(11),
                !pending.contains(2),
                !pending.contains(10),
                !pending.contains(19),
                !pending.contains(6) && !pending.contains(16),
                mounts && !pending.contains(3) && !pending.contains(4),
                !pending.contains(7),
                mounts && !pending.contains(5) && !pending.contains(22) && !pending.contains(23),
                mounts && !pending.contains(15) && !pending.contains(17));
    }

    /**
     * Says what is left out.
     *
     * @return a line for the run's output
     */
    public String leftOut() {
        StringBuilder b = new StringBuilder();
        String[] names = {
            "mounts (no private mount namespace)",
            "rbind carrying a mount (row 13)",
            "xattrs (row 12)",
            "odd attribute strings (row 11)",
            "creation times (row 2)",
            "owners (row 10)",
            "directory stream type (row 19)",
            "over-long paths (rows 6, 16)",
            "mount failures (rows 3, 4)",
            "sticky directories (row 7)",
            "working directories (rows 5, 22, 23)",
            "FileStore identity (rows 15, 17)"
        };
        boolean[] on = {
            mounts,
            rbindCarries,
            xattrs,
            oddAttributes,
            creationTime,
            owners,
            streamType,
            longPaths,
            mountFailures,
            sticky,
            cwd,
            fileStores
        };
        for (int i = 0; i < on.length; i++) {
            if (!on[i]) {
                b.append(b.length() == 0 ? "" : ", ").append(names[i]);
            }
        }
        return b.length() == 0 ? "nothing" : b.toString();
    }
}
